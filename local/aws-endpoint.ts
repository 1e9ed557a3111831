import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from './ports';

/**
 * One local endpoint for the AWS JSON-protocol services the local runtime emulates
 * (EventBridge, Step Functions). The SDK sends `X-Amz-Target: <Service>.<Operation>`;
 * each emulated service registers its operations here.
 */
export type AwsOperation = (input: Record<string, unknown>) => Promise<unknown>;

export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface AwsEndpoint {
  url: string;
  register(target: string, operation: AwsOperation): void;
  stop(): Promise<void>;
}

export async function startAwsEndpoint(): Promise<AwsEndpoint> {
  const operations = new Map<string, AwsOperation>();
  const port = await freePort();
  const server: Server = createServer((request, response) => {
    void handle(request, response);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = String(request.headers['x-amz-target'] ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(body));
    };
    const operation = operations.get(target);
    if (!operation) {
      send(400, { __type: 'UnknownOperationException', message: `Unknown operation ${target}` });
      return;
    }
    try {
      const input = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      send(200, (await operation(input)) ?? {});
    } catch (error) {
      if (error instanceof AwsServiceError) {
        send(error.status, { __type: error.type, message: error.message });
      } else {
        send(500, { __type: 'InternalFailure', message: (error as Error).message });
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    register(target, operation) {
      operations.set(target, operation);
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
