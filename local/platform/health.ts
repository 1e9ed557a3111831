import { type DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { StreamPoller } from '../stream-poller';

/** The probes `/api/v1/health` reports, each `up` or `down`. */
export function healthCheck(options: {
  dynamo: DynamoDBClient;
  awsUrl: string;
  imagesBucketUrl: string;
  poller: StreamPoller | undefined;
}): () => Promise<Record<string, 'up' | 'down'>> {
  const check = (probe: Promise<unknown>) =>
    probe.then(
      () => 'up' as const,
      () => 'down' as const,
    );
  return async () => ({
    dynamodb: await check(options.dynamo.send(new ListTablesCommand({ Limit: 1 }))),
    event_bus: await check(fetch(options.awsUrl, { method: 'POST', signal: AbortSignal.timeout(1000) })),
    s3: await check(
      fetch(options.imagesBucketUrl, { method: 'HEAD', signal: AbortSignal.timeout(1000) }).then((answer) => {
        if (!answer.ok) throw new Error(`HEAD bucket answered ${answer.status}`);
      }),
    ),
    gateway: 'up',
    stream_poller: options.poller ? 'up' : 'down',
    timers: 'up',
  });
}
