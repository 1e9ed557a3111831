import { httpHandler } from '../../identity/http-handler';
import { healthDeps } from '../deps';
import { checkHealth } from '../health';
import { healthRoute } from '../routes';

export const handler = httpHandler(healthRoute, async () => {
  const health = await checkHealth(healthDeps());
  return { status: health.status === 'ok' ? 200 : 503, body: health };
});
