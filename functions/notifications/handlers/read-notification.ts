import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { notificationsDeps } from '../deps';
import { readNotificationRoute } from '../routes';
import { notificationView } from '../service';

export const handler = httpHandler(readNotificationRoute, async ({ params, user }) =>
  ok(
    notificationView(
      await notificationsDeps().notifications.markRead(
        user.userId,
        params.notification_id,
        new Date().toISOString(),
      ),
    ),
  ),
);
