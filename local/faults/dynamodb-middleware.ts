import { randomUUID } from 'node:crypto';
import type { DynamoDbPlugin } from '../../shared/clients';
import { itemSizeBytes, writeRequestUnits } from '../capacity-units';
import { localUsage } from '../usage';
import type { FaultInjector } from './faults';

export interface LocalDynamoDb {
  /** For the handlers' client (shared/clients.ts `useInDynamoDbClient`). */
  plugin: DynamoDbPlugin;
  /**
   * Calls `listener` after each call that may have written (any answered call but a read),
   * once for each table it names; with no table when the call names none it can read.
   */
  onWrite(listener: (tableName: string | undefined) => void): void;
}

/** A request and an answer on the wire, as the SDK's HTTP handler takes and gives them. */
interface WireRequest {
  headers: Record<string, string>;
  body?: unknown;
}
interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: unknown;
}

const TRANSACTIONS = new Set(['TransactWriteItems', 'TransactGetItems']);

/** The operations that can report what they consumed (`ReturnConsumedCapacity`), by kind. */
const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/**
 * DynamoDB as handlers meet it locally: middleware on their client, in their own process, on
 * the last step before the request goes on the wire to DynamoDB Local. It answers the way real
 * DynamoDB sometimes does and DynamoDB Local never does: `ProvisionedThroughputExceededException`
 * (the SDK retries it) and transactions cancelled for `TransactionConflict` (the repositories
 * retry those). It sits beneath the SDK's deserializer, so an injected fault is an HTTP answer
 * in DynamoDB's wire shape that the SDK parses and retries as it would AWS's. Everything else
 * goes through, with consumed capacity asked for and recorded for the cost bench
 * (local/usage). It was an HTTP proxy once: a hop that cost a fifth of the product page's
 * throughput at the origin (issue 11's bench).
 */
export function localDynamoDb(faults: FaultInjector): LocalDynamoDb {
  const writeListeners: Array<(tableName: string | undefined) => void> = [];
  const onTheWire =
    (next: (args: { request: unknown }) => Promise<{ response: unknown }>) =>
    async (args: { request: unknown }): Promise<{ response: unknown }> => {
      const request = args.request as WireRequest;
      const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1];
      const body = textOf(request.body);
      if (!operation || body === undefined) return next(args);
      // The request is read only when a fault may strike.
      const refused = faults.armsAny('dynamodb:') ? injectedFault(faults, operation, body) : undefined;
      if (refused) return { response: refused };
      const metered = askForConsumedCapacity(operation, body);
      if (metered !== undefined) {
        request.body = metered;
        request.headers['content-length'] = String(Buffer.byteLength(metered));
      }
      const result = await next(args);
      const response = result.response as WireResponse;
      const answer = await readBody(response.body);
      response.body = answer;
      meter(operation, metered ?? body, response.statusCode, answer);
      if (response.statusCode === 200 && !READS.has(operation) && writeListeners.length > 0) {
        const tables = tablesOf(parseJson(body));
        for (const listener of writeListeners)
          for (const table of tables.length > 0 ? tables : [undefined]) listener(table);
      }
      return result;
    };
  return {
    plugin: {
      applyToStack: (stack) =>
        stack.addRelativeTo(onTheWire as never, {
          name: 'localDynamoDb',
          relation: 'after',
          toMiddleware: 'deserializerMiddleware',
          override: true,
        }),
    },
    onWrite: (listener) => void writeListeners.push(listener),
  };
}

/** The answer of an armed fault that strikes this request, or undefined to let it through. */
function injectedFault(faults: FaultInjector, operation: string, body: string): WireResponse | undefined {
  const input = parseJson(body);
  const point = { operation, table: tablesOf(input), text: () => body };
  if (faults.fire('dynamodb:throughput-exceeded', point)) {
    return errorAnswer('ProvisionedThroughputExceededException', {
      message:
        'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
    });
  }
  if (TRANSACTIONS.has(operation) && faults.fire('dynamodb:transaction-conflict', point)) {
    const items = Array.isArray(input.TransactItems) ? input.TransactItems : [];
    const reasons = items.map((_, index) =>
      index === 0
        ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
        : { Code: 'None' },
    );
    return errorAnswer('TransactionCanceledException', {
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((reason) => reason.Code).join(', ')}]`,
      CancellationReasons: reasons,
    });
  }
  return undefined;
}

/**
 * The request with `ReturnConsumedCapacity: TOTAL` added, for the cost bench to read what
 * each call consumed (the answer only gains a member the handlers ignore); undefined when
 * the operation cannot report it or the caller already asked.
 */
function askForConsumedCapacity(operation: string, body: string): string | undefined {
  if (!READS.has(operation) && !WRITES.has(operation)) return undefined;
  if (body.includes('"ReturnConsumedCapacity"')) return undefined;
  // The SDK sends a JSON object: the member goes in front of the others, without a parse.
  if (!body.startsWith('{')) return undefined;
  const rest = body.slice(1).trimStart();
  return `{"ReturnConsumedCapacity":"TOTAL"${rest.startsWith('}') ? '' : ','}${rest}`;
}

/** Records what an answered call consumed, or estimates what a refused write is still billed. */
function meter(operation: string, sent: string, status: number, answer: Buffer): void {
  if (!READS.has(operation) && !WRITES.has(operation)) return;
  if (status !== 200) {
    const output = parseJson(answer);
    if (typeof output.__type !== 'string') return;
    const input = parseJson(sent);
    // A refused write is billed at the size of the item it would have written (an update's or a
    // delete's existing item is unknown here: at least 1 KB).
    const written = (request: Record<string, unknown>, transactional: boolean) =>
      writeRequestUnits(
        request.Item && typeof request.Item === 'object' ? itemSizeBytes(request.Item as never) : 0,
        transactional,
      );
    if (/ConditionalCheckFailed/.test(output.__type) && operation !== 'TransactWriteItems') {
      localUsage.dynamodbUnreported(written(input, false));
    } else if (/TransactionCanceled/.test(output.__type) && operation === 'TransactWriteItems') {
      const items = (Array.isArray(input.TransactItems) ? input.TransactItems : []) as Array<
        Record<string, Record<string, unknown>>
      >;
      localUsage.dynamodbUnreported(
        items.reduce((sum, item) => sum + written(Object.values(item)[0] ?? {}, true), 0),
      );
    }
    return;
  }
  const reported = reportedCapacity(answer);
  for (const capacity of (Array.isArray(reported) ? reported : reported ? [reported] : []) as Array<
    Record<string, unknown>
  >) {
    const total = Number(capacity.CapacityUnits ?? 0);
    const read = capacity.ReadCapacityUnits ?? (READS.has(operation) ? total : 0);
    const write = capacity.WriteCapacityUnits ?? (WRITES.has(operation) ? total : 0);
    localUsage.dynamodbCapacity(String(capacity.TableName), { read: Number(read), write: Number(write) });
  }
}

/**
 * An answer's `ConsumedCapacity`, read without parsing the items before it: DynamoDB Local
 * writes it as the answer's last member. An item's attribute of that name sits deeper, so the
 * text after it would not parse; then (or when the member is missing) the whole answer is read.
 */
function reportedCapacity(answer: Buffer): unknown {
  const text = answer.toString('utf8');
  const member = '"ConsumedCapacity":';
  const at = text.lastIndexOf(member);
  if (at < 0) return undefined;
  try {
    return JSON.parse(text.slice(at + member.length, text.lastIndexOf('}')));
  } catch {
    return parseJson(text).ConsumedCapacity;
  }
}

/** Every table a request names: `TableName`, a batch's `RequestItems`, a transaction's items. */
function tablesOf(input: Record<string, unknown>): string[] {
  const tables = new Set<string>();
  if (typeof input.TableName === 'string') tables.add(input.TableName);
  if (input.RequestItems && typeof input.RequestItems === 'object') {
    for (const table of Object.keys(input.RequestItems)) tables.add(table);
  }
  for (const item of Array.isArray(input.TransactItems) ? input.TransactItems : []) {
    for (const action of Object.values(item as Record<string, { TableName?: unknown }>)) {
      if (typeof action?.TableName === 'string') tables.add(action.TableName);
    }
  }
  return [...tables];
}

/** An error in the JSON 1.0 protocol's shape, as the SDK parses it. */
function errorAnswer(type: string, fields: Record<string, unknown>): WireResponse {
  const text = JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, ...fields });
  return {
    statusCode: 400,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': String(Buffer.byteLength(text)),
      'x-amzn-requestid': randomUUID(),
    },
    body: Buffer.from(text),
  };
}

/** The serialized request (JSON: a string or its bytes), as text. */
function textOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array)
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return undefined;
}

function parseJson(body: string | Buffer): Record<string, unknown> {
  try {
    const parsed = JSON.parse(body.toString());
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** The whole answer body: the SDK's HTTP handler gives a stream, which its deserializer then reads from this copy. */
async function readBody(body: unknown): Promise<Buffer> {
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (!body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
