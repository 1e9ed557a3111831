import { randomInt } from 'node:crypto';
import type { EventPattern } from '../../shared/manifests/types';
import { matchesPattern } from '../event-pattern';

/**
 * Fault injection for the local runtime, modelled on AWS Fault Injection Service: each fault
 * names what it breaks (`kind`), where (`target`), and how often (`probability`, `count`).
 * The platform's seams ask `FaultInjector.fire` at each point a fault could strike — the
 * Lambda invoker, the bus and stream deliveries, the middleware on the handlers' DynamoDB
 * client, the Stripe server — so handlers never know about it (`shared/clients.ts` only takes
 * middleware for its client).
 */
export const FAULT_KINDS = [
  /** The invocation fails; with `preventExecution: false` the handler runs first (FIS `aws:lambda:invocation-error`). */
  'lambda:invocation-error',
  /** The invocation starts `delayMs` late (FIS `aws:lambda:invocation-add-delay`). */
  'lambda:invocation-add-delay',
  /** A PutEvents entry is rejected (`InternalFailure`), as EventBridge may: the publish is lost. */
  'events:put-events-error',
  /** A bus rule's delivery fails without reaching its handler; the bus retries, then dead-letters. */
  'events:delivery-error',
  /** A stream batch fails without reaching its handler; the poller retries it, as Lambda's mapping would. */
  'streams:batch-error',
  /** DynamoDB throttles the request (`ProvisionedThroughputExceededException`); the SDK retries. */
  'dynamodb:throughput-exceeded',
  /** DynamoDB cancels a transaction with reason `TransactionConflict`. */
  'dynamodb:transaction-conflict',
  /** Stripe answers 500 `api_error` without doing anything. */
  'stripe:api-error',
  /** Stripe never answers (the client times out); nothing is done. */
  'stripe:timeout',
  /** Stripe does the work, then drops the connection instead of answering. */
  'stripe:response-withheld',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Where a fault strikes; every field given must match. `handler` is a manifest handler
 * (`functions/orders/handlers/checkout.handler`, or without `functions/` and `.handler`),
 * `service` its folder under functions/ (`orders`); `table` a manifest table id (`inventory`)
 * or its local name; `operation` a DynamoDB action (`TransactWriteItems`) or a Stripe one
 * (`refunds.create`, `payment_intents.confirm`, …); `event` an EventBridge pattern the bus
 * event must match; `contains` a string the request (the invocation's event, the DynamoDB or
 * Stripe request) must contain — an order or product id, so that a test's fault strikes only
 * its own data on a platform other tests share. An empty target matches every point.
 */
export interface FaultTarget {
  handler?: string;
  service?: string;
  table?: string;
  operation?: string;
  contains?: string;
  event?: EventPattern;
}

export interface FaultSpec {
  kind: FaultKind;
  target?: FaultTarget;
  /** Chance that a matching call is hit, in (0, 1]; 1 when omitted. */
  probability?: number;
  /** At most this many hits, then the fault is spent; unlimited when omitted. */
  count?: number;
  /** `lambda:invocation-error`: run the handler, then fail (its side effects stay). Default true. */
  preventExecution?: boolean;
  /** `lambda:invocation-add-delay`: the delay; default 1000 ms. */
  delayMs?: number;
}

export interface Fault extends Required<Pick<FaultSpec, 'kind' | 'target' | 'probability'>> {
  id: string;
  count?: number;
  preventExecution?: boolean;
  delayMs?: number;
  /** Hits so far. */
  injected: number;
}

/** One point a fault could strike: what is being called. */
export interface FaultPoint {
  handler?: string;
  table?: string | string[];
  operation?: string;
  event?: { id?: string; 'detail-type'?: string };
  /** The request as text, for `contains`; only read when a fault asks. */
  text?: () => string;
}

export interface Injection {
  seq: number;
  at: string;
  faultId: string;
  kind: FaultKind;
  point: Pick<FaultPoint, 'handler' | 'table' | 'operation'> & { event?: string };
}

/** A fault spec that cannot be armed; `field` names what is wrong (the endpoint's 400). */
export class InvalidFaultError extends Error {
  override readonly name = 'InvalidFaultError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const LOG_SIZE = 5000;

export interface FaultInjectorOptions {
  seed?: number;
  log?: (message: string, fields: Record<string, unknown>) => void;
  /** Maps a manifest table id to its local name, so a target may name either. */
  tableName?: (id: string) => string | undefined;
}

export class FaultInjector {
  readonly seed: number;
  private random: () => number;
  private faults: Fault[] = [];
  private nextId = 1;
  private seq = 0;
  private readonly injections: Injection[] = [];

  constructor(private readonly options: FaultInjectorOptions = {}) {
    this.seed = options.seed ?? randomInt(0, 2 ** 31);
    this.random = mulberry32(this.seed);
  }

  /** Arms faults (validated first: none is armed if one is invalid). */
  add(specs: unknown): Fault[] {
    const list = Array.isArray(specs) ? specs : [specs];
    const parsed = list.map((spec, index) => parseFault(spec, list.length > 1 ? `[${index}].` : ''));
    const armed = parsed.map((spec) => ({ ...spec, id: `f${this.nextId++}`, injected: 0 }));
    this.faults.push(...armed);
    return armed.map((fault) => ({ ...fault }));
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  /** Whether any fault of a kind starting with `prefix` (`dynamodb:`) is armed, spent or not. */
  armsAny(prefix: string): boolean {
    return this.faults.some((fault) => fault.kind.startsWith(prefix));
  }

  /** Disarms one fault, or all of them; the injection log is kept. True if anything was removed. */
  clear(id?: string): boolean {
    const before = this.faults.length;
    this.faults = id === undefined ? [] : this.faults.filter((fault) => fault.id !== id);
    return this.faults.length < before;
  }

  /** Every hit so far (the latest 5000), oldest first. */
  log(): Injection[] {
    return this.injections.map((injection) => ({ ...injection }));
  }

  /**
   * Whether a fault of `kind` strikes at `point`: the first armed fault that matches and wins
   * its draw is counted, logged and returned. A draw is taken only for a matching fault with
   * a probability below 1, so the same seed and the same calls make the same choices.
   */
  fire(kind: FaultKind, point: FaultPoint): Fault | undefined {
    for (const fault of this.faults) {
      if (fault.kind !== kind || !this.matches(fault.target, point)) continue;
      if (fault.count !== undefined && fault.injected >= fault.count) continue;
      if (fault.probability < 1 && this.random() >= fault.probability) continue;
      fault.injected++;
      const injection: Injection = {
        seq: ++this.seq,
        at: new Date().toISOString(),
        faultId: fault.id,
        kind,
        point: describe(point),
      };
      this.injections.push(injection);
      if (this.injections.length > LOG_SIZE) this.injections.shift();
      this.options.log?.('fault injected', { ...injection });
      return { ...fault };
    }
    return undefined;
  }

  private matches(target: FaultTarget, point: FaultPoint): boolean {
    if (target.handler !== undefined) {
      if (!point.handler || handlerName(point.handler) !== handlerName(target.handler)) return false;
    }
    if (target.service !== undefined && (!point.handler || serviceOf(point.handler) !== target.service)) {
      return false;
    }
    if (target.table !== undefined) {
      const wanted = new Set([target.table, this.options.tableName?.(target.table) ?? target.table]);
      const tables = point.table === undefined ? [] : [point.table].flat();
      if (!tables.some((table) => wanted.has(table))) return false;
    }
    if (target.operation !== undefined && target.operation !== point.operation) return false;
    if (target.event !== undefined && (!point.event || !matchesPattern(target.event, point.event)))
      return false;
    return target.contains === undefined || (point.text?.().includes(target.contains) ?? false);
  }
}

/** What the log keeps of a point: what was called, and the bus event's type and id. */
function describe(point: FaultPoint): Injection['point'] {
  const { handler, table, operation, event } = point;
  const described: Injection['point'] = {};
  if (handler !== undefined) described.handler = handler;
  if (table !== undefined) described.table = table;
  if (operation !== undefined) described.operation = operation;
  if (event) described.event = `${event['detail-type'] ?? ''} ${event.id ?? ''}`.trim();
  return described;
}

/** `functions/orders/handlers/checkout.handler` and `orders/handlers/checkout` name the same handler. */
function handlerName(ref: string): string {
  return ref.replace(/^functions\//, '').replace(/\.[A-Za-z_$][\w$]*$/, '');
}

function serviceOf(ref: string): string {
  return handlerName(ref).split('/')[0] ?? '';
}

function parseFault(spec: unknown, at: string): Omit<Fault, 'id' | 'injected'> {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new InvalidFaultError(at || 'body', 'a fault must be an object');
  }
  const input = spec as Record<string, unknown>;
  if (!FAULT_KINDS.includes(input.kind as FaultKind)) {
    throw new InvalidFaultError(`${at}kind`, `kind must be one of ${FAULT_KINDS.join(', ')}`);
  }
  const kind = input.kind as FaultKind;
  const target = input.target ?? {};
  if (typeof target !== 'object' || target === null || Array.isArray(target)) {
    throw new InvalidFaultError(`${at}target`, 'target must be an object');
  }
  for (const [field, value] of Object.entries(target)) {
    if (field === 'event') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new InvalidFaultError(`${at}target.event`, 'target.event must be an EventBridge event pattern');
      }
      continue;
    }
    if (
      !['handler', 'service', 'table', 'operation', 'contains'].includes(field) ||
      typeof value !== 'string' ||
      !value
    ) {
      throw new InvalidFaultError(
        `${at}target.${field}`,
        'target takes non-empty strings (handler, service, table, operation, contains) and an event pattern (event)',
      );
    }
  }
  const probability = input.probability ?? 1;
  if (typeof probability !== 'number' || !(probability > 0 && probability <= 1)) {
    throw new InvalidFaultError(`${at}probability`, 'probability must be a number in (0, 1]');
  }
  const count = input.count;
  if (count !== undefined && !(Number.isInteger(count) && (count as number) > 0)) {
    throw new InvalidFaultError(`${at}count`, 'count must be a positive integer');
  }
  const fault: Omit<Fault, 'id' | 'injected'> = {
    kind,
    target: target as FaultTarget,
    probability,
    ...(count !== undefined ? { count: count as number } : {}),
  };
  if (kind === 'lambda:invocation-error') {
    if (input.preventExecution !== undefined && typeof input.preventExecution !== 'boolean') {
      throw new InvalidFaultError(`${at}preventExecution`, 'preventExecution must be a boolean');
    }
    fault.preventExecution = input.preventExecution !== false;
  }
  if (kind === 'lambda:invocation-add-delay') {
    const delayMs = input.delayMs ?? 1000;
    if (!(Number.isInteger(delayMs) && (delayMs as number) >= 0 && (delayMs as number) <= 900_000)) {
      throw new InvalidFaultError(`${at}delayMs`, 'delayMs must be an integer from 0 to 900000');
    }
    fault.delayMs = delayMs as number;
  }
  return fault;
}

/** A small seeded PRNG (mulberry32): enough to replay a run's choices from its seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Faults from `BAZAAR_FAULTS` (one fault or a list, as JSON); a bad value stops the start-up. */
export function faultsFromEnvironment(text: string | undefined): unknown[] {
  if (!text?.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('BAZAAR_FAULTS must be JSON: a fault or a list of faults');
  }
  return Array.isArray(parsed) ? parsed : [parsed];
}
