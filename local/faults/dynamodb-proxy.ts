import { randomUUID } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { itemSizeBytes, writeRequestUnits } from '../capacity-units';
import { localUsage } from '../usage';
import type { FaultInjector } from './faults';

export interface DynamoDbProxy {
  endpoint: string;
  /** Calls `listener` after each call that may have written (any answered call but a read). */
  onWrite(listener: () => void): void;
  stop(): Promise<void>;
}

const TRANSACTIONS = new Set(['TransactWriteItems', 'TransactGetItems']);

/** The operations that can report what they consumed (`ReturnConsumedCapacity`), by kind. */
const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/**
 * A small HTTP proxy in front of DynamoDB Local that answers the way real DynamoDB sometimes
 * does and DynamoDB Local never does: `ProvisionedThroughputExceededException` (the SDK
 * retries it) and transactions cancelled for `TransactionConflict` (the repositories retry
 * those). Handlers reach DynamoDB through it (`AWS_ENDPOINT_URL_DYNAMODB`); the platform's
 * own bookkeeping and the audit talk to DynamoDB Local directly. Everything else passes
 * through, with consumed capacity asked for and recorded for the cost bench (local/usage).
 */
export async function startDynamoDbProxy(options: {
  upstream: string;
  faults: FaultInjector;
}): Promise<DynamoDbProxy> {
  const upstream = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const writeListeners: Array<() => void> = [];
  const server = createServer((incoming, response) => {
    void proxy(incoming, response).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(`DynamoDB Local unreachable: ${String(error)}`);
      } else response.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;

  async function proxy(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readAll(incoming);
    const operation = String(incoming.headers['x-amz-target'] ?? '').split('.')[1];
    // Every handler's DynamoDB call crosses here: the request is read only when a fault may strike.
    if (operation && options.faults.armsAny('dynamodb:')) {
      const input = parseJson(body);
      const point = { operation, table: tablesOf(input), text: () => body.toString('utf8') };
      if (options.faults.fire('dynamodb:throughput-exceeded', point)) {
        return answerError(response, 'ProvisionedThroughputExceededException', {
          message:
            'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
        });
      }
      if (TRANSACTIONS.has(operation) && options.faults.fire('dynamodb:transaction-conflict', point)) {
        const items = Array.isArray(input.TransactItems) ? input.TransactItems : [];
        const reasons = items.map((_, index) =>
          index === 0
            ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
            : { Code: 'None' },
        );
        return answerError(response, 'TransactionCanceledException', {
          Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((reason) => reason.Code).join(', ')}]`,
          CancellationReasons: reasons,
        });
      }
    }
    const metered = operation ? askForConsumedCapacity(operation, body) : undefined;
    const sent = metered ?? body;
    await new Promise<void>((done, fail) => {
      const outgoing = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, 'content-length': String(sent.length) },
          agent,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            response.write(chunk);
          });
          answer.on('end', () => {
            response.end();
            if (operation) meter(operation, sent, Buffer.concat(chunks));
            if (answer.statusCode === 200 && !READS.has(operation ?? ''))
              for (const listener of writeListeners) listener();
            done();
          });
          answer.on('error', fail);
        },
      );
      outgoing.on('error', fail);
      outgoing.end(sent);
    });
  }

  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    onWrite: (listener) => void writeListeners.push(listener),
    stop: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
        agent.destroy();
      }),
  };
}

/**
 * The request with `ReturnConsumedCapacity: TOTAL` added, for the cost bench to read what
 * each call consumed (the answer only gains a member the handlers ignore); undefined when
 * the operation cannot report it or the caller already asked.
 */
function askForConsumedCapacity(operation: string, body: Buffer): Buffer | undefined {
  if (!READS.has(operation) && !WRITES.has(operation)) return undefined;
  if (body.includes('"ReturnConsumedCapacity"')) return undefined;
  // The SDK sends a JSON object: the member goes in front of the others, without a parse.
  if (body[0] !== 0x7b) return undefined;
  const rest = body.subarray(1).toString('utf8').trimStart();
  return Buffer.from(`{"ReturnConsumedCapacity":"TOTAL"${rest.startsWith('}') ? '' : ','}${rest}`);
}

/** Records what an answered call consumed, or estimates what a refused write is still billed. */
function meter(operation: string, sent: Buffer, answer: Buffer): void {
  if (!READS.has(operation) && !WRITES.has(operation)) return;
  const output = parseJson(answer);
  if (typeof output.__type === 'string') {
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
  const reported = output.ConsumedCapacity;
  for (const capacity of (Array.isArray(reported) ? reported : reported ? [reported] : []) as Array<
    Record<string, unknown>
  >) {
    const total = Number(capacity.CapacityUnits ?? 0);
    const read = capacity.ReadCapacityUnits ?? (READS.has(operation) ? total : 0);
    const write = capacity.WriteCapacityUnits ?? (WRITES.has(operation) ? total : 0);
    localUsage.dynamodbCapacity(String(capacity.TableName), { read: Number(read), write: Number(write) });
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
function answerError(response: ServerResponse, type: string, fields: Record<string, unknown>): void {
  const text = JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, ...fields });
  response.writeHead(400, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(text);
}

function parseJson(body: Buffer): Record<string, unknown> {
  try {
    const parsed = JSON.parse(body.toString('utf8'));
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

async function readAll(incoming: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
