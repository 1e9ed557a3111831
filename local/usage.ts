/**
 * What the local platform would have been billed for on AWS, counted where each service's
 * stand-in already sees the traffic: the gateway (API requests and bytes out), the Lambda
 * invoker (invocations and durations), the handlers' DynamoDB middleware (consumed capacity), the bus
 * (PutEvents entries), the images bucket (requests). Step Functions transitions are read off
 * the executions' histories when asked. `npm run bench cost` reads and prices it through
 * `/_local/usage`; nothing here changes what a handler sees.
 */
export interface UsageSnapshot {
  api: { requests: number; bytesOut: number };
  /** Per handler ref: invocations and each one's duration, in ms. */
  lambda: Record<string, { invocations: number; durationsMs: number[] }>;
  /** Per table: read and write request units, as DynamoDB reports consumed capacity. */
  dynamodb: Record<string, { readUnits: number; writeUnits: number; requests: number }>;
  /** Requests that failed before DynamoDB reported capacity (conditions, cancelled transactions). */
  dynamodbUnreported: { requests: number; writeUnitsEstimate: number };
  eventbridge: { entries: number; billedEvents: number };
  s3: Record<string, number>;
}

/** EventBridge bills each PutEvents entry per 64 KB chunk of its payload. */
export const EVENTBRIDGE_CHUNK_BYTES = 64 * 1024;

export class LocalUsage {
  private data: UsageSnapshot = LocalUsage.empty();

  private static empty(): UsageSnapshot {
    return {
      api: { requests: 0, bytesOut: 0 },
      lambda: {},
      dynamodb: {},
      dynamodbUnreported: { requests: 0, writeUnitsEstimate: 0 },
      eventbridge: { entries: 0, billedEvents: 0 },
      s3: {},
    };
  }

  apiRequest(bytesOut: number): void {
    this.data.api.requests++;
    this.data.api.bytesOut += bytesOut;
  }

  lambdaInvocation(handler: string, durationMs: number): void {
    const entry = this.data.lambda[handler] ?? { invocations: 0, durationsMs: [] };
    this.data.lambda[handler] = entry;
    entry.invocations++;
    entry.durationsMs.push(durationMs);
  }

  dynamodbCapacity(table: string, units: { read: number; write: number }): void {
    const entry = this.data.dynamodb[table] ?? { readUnits: 0, writeUnits: 0, requests: 0 };
    this.data.dynamodb[table] = entry;
    entry.readUnits += units.read;
    entry.writeUnits += units.write;
    entry.requests++;
  }

  /** A write DynamoDB refused (it still bills it) without saying what it consumed. */
  dynamodbUnreported(writeUnitsEstimate: number): void {
    this.data.dynamodbUnreported.requests++;
    this.data.dynamodbUnreported.writeUnitsEstimate += writeUnitsEstimate;
  }

  eventBridgeEntry(payloadBytes: number): void {
    this.data.eventbridge.entries++;
    this.data.eventbridge.billedEvents += Math.max(1, Math.ceil(payloadBytes / EVENTBRIDGE_CHUNK_BYTES));
  }

  s3Request(method: string): void {
    this.data.s3[method] = (this.data.s3[method] ?? 0) + 1;
  }

  snapshot(): UsageSnapshot {
    return structuredClone(this.data);
  }

  reset(): void {
    this.data = LocalUsage.empty();
  }
}

/** The process's meter: the platform's stand-ins all run in this one process. */
export const localUsage = new LocalUsage();
