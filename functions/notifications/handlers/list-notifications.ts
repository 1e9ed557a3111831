import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { notificationsDeps } from '../deps';
import { listNotificationsRoute } from '../routes';
import { notificationView } from '../service';

export const handler = httpHandler(listNotificationsRoute, async ({ query, user }) => {
  const page = await notificationsDeps().notifications.list(user.userId, query);
  return ok({ items: page.items.map(notificationView), next_cursor: page.nextCursor });
});
