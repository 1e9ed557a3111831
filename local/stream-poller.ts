import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { EventPattern } from '../shared/manifests/types';
import { matchesPattern } from './event-pattern';

export interface StreamMapping {
  id: string;
  tableName: string;
  batchSize: number;
  maxRetries: number;
  filters?: EventPattern[];
  deliver(
    event: DynamoDBStreamEvent,
  ): Promise<{ batchItemFailures?: Array<{ itemIdentifier: string }> } | undefined>;
}

export interface StreamPollerOptions {
  dynamodb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  /** How soon a pass follows one that read records or was woken by a write (250 ms, as Lambda's four reads a second). */
  pollIntervalMs?: number;
  /**
   * How soon a pass follows one that read nothing and saw no `wake` (the busy pace unless set).
   * DynamoDB Local spends milliseconds of its one database thread on each GetRecords, even on
   * an empty shard: eight streams read four times a second kept a fifth of a core busy on an
   * idle platform and held reads up behind them under load.
   */
  idlePollIntervalMs?: number;
  /**
   * How often each stream's shard list is described again. A table's shards change seldom (a
   * split, or a shard closed after hours), so a poll reads the shards it knows in between.
   */
  describeIntervalMs?: number;
  /** Where each shard was read up to, so a restart with a data dir resumes instead of replaying. */
  checkpoints?: Map<string, string>;
  onCheckpoint?: (shardId: string, sequenceNumber: string) => void;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

interface ShardState {
  shardId: string;
  iterator: string | undefined;
  lastSequence: string | undefined;
  closed: boolean;
  busy: boolean;
  retries: number;
}

/** A mapping as the poller keeps it: its stream's shards, and its own pace. */
interface MappingState {
  mapping: StreamMapping;
  streamArn: string;
  shards: Map<string, ShardState>;
  describedAt: number;
  /** Where in the idle interval this mapping's idle reads fall: the mappings take turns. */
  turn: number;
  timer: NodeJS.Timeout | undefined;
  /** When the pending timer fires; and when the last pass ended, which `wake` counts from. */
  dueAt: number;
  lastPassEndedAt: number;
  woken: boolean;
  /** Records read since the poller started: a pass that adds none found every shard at its end. */
  recordsRead: number;
}

/**
 * Reads DynamoDB Local's streams and delivers batches to handlers the way Lambda's event
 * source mapping does: up to `batchSize` records in order per shard, event filters applied,
 * partial batch failures honoured (processing resumes at the first failed record), and a
 * batch that keeps failing retried `maxRetries` times, then logged and skipped. Each mapping
 * keeps its own pace, as Lambda's pollers do.
 */
export class StreamPoller {
  private readonly busyPaceMs: number;
  private readonly mappings: MappingState[] = [];
  private stopped = false;
  private inFlight = 0;
  readonly failedBatches: Array<{ mappingId: string; sequenceNumbers: string[]; error: string }> = [];

  constructor(private readonly options: StreamPollerOptions) {
    this.busyPaceMs = options.pollIntervalMs ?? 250;
  }

  async add(mapping: StreamMapping): Promise<void> {
    const { Table } = await this.options.dynamodb.send(
      new DescribeTableCommand({ TableName: mapping.tableName }),
    );
    const streamArn = Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`Table ${mapping.tableName} has no stream enabled`);
    this.mappings.push({
      mapping,
      streamArn,
      shards: new Map(),
      describedAt: Number.NEGATIVE_INFINITY,
      turn: this.mappings.length,
      timer: undefined,
      dueAt: 0,
      lastPassEndedAt: 0,
      woken: false,
      recordsRead: 0,
    });
  }

  start(): void {
    for (const entry of this.mappings) this.schedule(entry, 0);
  }

  /**
   * Something may have written to `tableName` (to any mapped table when not named): the next
   * pass of its mappings comes at the busy pace (or the pass under way is followed by one),
   * instead of waiting out the idle interval.
   */
  wake(tableName?: string): void {
    for (const entry of this.mappings) {
      if (tableName !== undefined && entry.mapping.tableName !== tableName) continue;
      entry.woken = true;
      if (!entry.timer) continue;
      const due = entry.lastPassEndedAt + this.busyPaceMs;
      if (due < entry.dueAt) this.schedule(entry, Math.max(0, due - Date.now()));
    }
  }

  private schedule(entry: MappingState, delayMs: number): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.dueAt = Date.now() + delayMs;
    entry.timer = setTimeout(() => void this.tick(entry), delayMs);
  }

  private async tick(entry: MappingState): Promise<void> {
    entry.timer = undefined;
    if (this.stopped) return;
    entry.woken = false;
    const readBefore = entry.recordsRead;
    this.inFlight++;
    try {
      await this.pollMapping(entry);
    } catch (error) {
      this.options.log?.('Stream poll failed', {
        mapping: entry.mapping.id,
        error: (error as Error).message,
      });
    } finally {
      this.inFlight--;
    }
    if (this.stopped) return;
    entry.lastPassEndedAt = Date.now();
    const busy = entry.woken || entry.recordsRead > readBefore;
    this.schedule(entry, busy ? this.busyPaceMs : this.untilIdleTurn(entry));
  }

  /**
   * The wait for this mapping's next idle read. Each mapping has its own moment in the idle
   * interval, so idle reads come one at a time, spread out. DynamoDB Local spends longer on an
   * empty GetRecords the more records other streams hold after this stream's last one (from a
   * few ms to tens of ms once the demo is seeded); all mappings at once held the product page's
   * reads up behind them (its p99 at the origin fell by about a fifth when spread, issue 11).
   */
  private untilIdleTurn(entry: MappingState): number {
    const interval = this.options.idlePollIntervalMs;
    if (interval === undefined) return this.busyPaceMs;
    const offset = (interval * entry.turn) / this.mappings.length;
    const now = Date.now();
    return offset + interval * (Math.floor((now - offset) / interval) + 1) - now;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.mappings) if (entry.timer) clearTimeout(entry.timer);
    while (this.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** True when every shard has been read to its current end: tests wait on it. */
  async drained(): Promise<boolean> {
    await this.pollOnce();
    return this.mappings.every(({ shards }) => [...shards.values()].every((shard) => !shard.busy));
  }

  /**
   * True when a whole pass over every stream read no record and no shard was being read
   * meanwhile: what was written before the call has reached its handlers, and they wrote
   * nothing that a stream carries on. `drained` only says the pass ended.
   */
  async quiet(): Promise<boolean> {
    const before = this.totalRecordsRead();
    const drained = await this.drained();
    return drained && this.totalRecordsRead() === before;
  }

  private totalRecordsRead(): number {
    return this.mappings.reduce((sum, entry) => sum + entry.recordsRead, 0);
  }

  async pollOnce(): Promise<void> {
    this.inFlight++;
    try {
      await Promise.all(this.mappings.map((entry) => this.pollMapping(entry)));
    } finally {
      this.inFlight--;
    }
  }

  private async pollMapping(entry: MappingState): Promise<void> {
    const describeEvery = this.options.describeIntervalMs ?? 5000;
    const knowsAnOpenShard = [...entry.shards.values()].some((shard) => !shard.closed);
    if (!knowsAnOpenShard || Date.now() - entry.describedAt >= describeEvery) {
      await this.learnShards(entry);
    }
    for (const shard of entry.shards.values()) {
      if (shard.closed || shard.busy || !shard.iterator) continue;
      shard.busy = true;
      try {
        await this.drainShard(entry, shard);
      } finally {
        shard.busy = false;
      }
    }
  }

  /** Describes the stream and opens an iterator on each shard not seen before. */
  private async learnShards(entry: MappingState): Promise<void> {
    const description = await this.options.streams.send(
      new DescribeStreamCommand({ StreamArn: entry.streamArn }),
    );
    entry.describedAt = Date.now();
    for (const shard of description.StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || entry.shards.has(shard.ShardId)) continue;
      const checkpoint = this.options.checkpoints?.get(shard.ShardId);
      const { ShardIterator } = await this.options.streams.send(
        new GetShardIteratorCommand({
          StreamArn: entry.streamArn,
          ShardId: shard.ShardId,
          ...(checkpoint
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: checkpoint }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      entry.shards.set(shard.ShardId, {
        shardId: shard.ShardId,
        iterator: ShardIterator,
        lastSequence: checkpoint,
        closed: false,
        busy: false,
        retries: 0,
      });
    }
  }

  private async drainShard(entry: MappingState, shard: ShardState): Promise<void> {
    const { mapping } = entry;
    while (shard.iterator && !this.stopped) {
      let page: GetRecordsCommandOutput;
      try {
        page = await this.options.streams.send(
          new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }),
        );
      } catch (error) {
        if (
          (error as Error).name === 'ExpiredIteratorException' ||
          (error as Error).name === 'TrimmedDataAccessException'
        ) {
          shard.iterator = await this.reopen(entry.streamArn, shard);
          continue;
        }
        throw error;
      }
      const records = page.Records ?? [];
      entry.recordsRead += records.length;
      if (!page.NextShardIterator) shard.closed = true;
      if (records.length === 0) {
        shard.iterator = page.NextShardIterator;
        return;
      }
      const delivered = await this.deliverRecords(mapping, shard, records);
      if (!delivered) {
        // Resume after the last record that succeeded, next tick.
        shard.iterator = await this.reopen(entry.streamArn, shard);
        shard.closed = false;
        return;
      }
      shard.iterator = page.NextShardIterator;
    }
  }

  /** Delivers records in batches; false when a batch must be retried from `shard.lastSequence`. */
  private async deliverRecords(
    mapping: StreamMapping,
    shard: ShardState,
    records: StreamRecord[],
  ): Promise<boolean> {
    const lambdaRecords = records.map((record) => toLambdaRecord(record, mapping.tableName));
    for (let start = 0; start < lambdaRecords.length; start += mapping.batchSize) {
      const slice = lambdaRecords.slice(start, start + mapping.batchSize);
      const batch = mapping.filters?.length
        ? slice.filter((record) => mapping.filters!.some((pattern) => matchesPattern(pattern, record)))
        : slice;
      let firstFailed: number | undefined;
      let failure = '';
      if (batch.length > 0) {
        try {
          const result = await mapping.deliver({ Records: batch });
          const failures = result?.batchItemFailures ?? [];
          if (failures.length > 0) {
            const failedIds = new Set(failures.map((failureItem) => failureItem.itemIdentifier));
            firstFailed = slice.findIndex((record) => failedIds.has(record.dynamodb?.SequenceNumber ?? ''));
            if (firstFailed < 0) firstFailed = 0;
            failure = `partial batch failure: ${failures.length} record(s)`;
          }
        } catch (error) {
          firstFailed = 0;
          failure = (error as Error).message;
        }
      }
      if (firstFailed !== undefined) {
        const succeeded = slice.slice(0, firstFailed);
        if (succeeded.length)
          this.checkpoint(shard, succeeded[succeeded.length - 1]!.dynamodb!.SequenceNumber!);
        shard.retries++;
        if (shard.retries <= mapping.maxRetries) return false;
        const skipped = slice.slice(firstFailed);
        this.failedBatches.push({
          mappingId: mapping.id,
          sequenceNumbers: skipped.map((record) => record.dynamodb!.SequenceNumber!),
          error: failure,
        });
        this.options.log?.('Stream batch failed after retries; skipped to the failure destination', {
          mapping: mapping.id,
          records: skipped.length,
          error: failure,
        });
      }
      shard.retries = 0;
      this.checkpoint(shard, slice[slice.length - 1]!.dynamodb!.SequenceNumber!);
    }
    return true;
  }

  private checkpoint(shard: ShardState, sequenceNumber: string): void {
    shard.lastSequence = sequenceNumber;
    this.options.checkpoints?.set(shard.shardId, sequenceNumber);
    this.options.onCheckpoint?.(shard.shardId, sequenceNumber);
  }

  private async reopen(streamArn: string, shard: ShardState): Promise<string | undefined> {
    const { ShardIterator } = await this.options.streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shard.shardId,
        ...(shard.lastSequence
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: shard.lastSequence }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  }
}

function toLambdaRecord(record: StreamRecord, tableName: string): DynamoDBRecord {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: process.env.AWS_REGION ?? 'us-east-1',
    eventSourceARN: `arn:aws:dynamodb:us-east-1:000000000000:table/${tableName}/stream/local`,
    dynamodb: {
      ApproximateCreationDateTime: created ? Math.floor(new Date(created).getTime() / 1000) : undefined,
      Keys: record.dynamodb?.Keys as never,
      NewImage: record.dynamodb?.NewImage as never,
      OldImage: record.dynamodb?.OldImage as never,
      SequenceNumber: record.dynamodb?.SequenceNumber,
      SizeBytes: record.dynamodb?.SizeBytes,
      StreamViewType: record.dynamodb?.StreamViewType,
    },
  };
}
