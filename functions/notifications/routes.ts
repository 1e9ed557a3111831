import { defineRoute } from '../../shared/http/route';
import { cursorList } from '../../shared/schemas/common';
import { ListNotificationsQuery, NotificationParams, NotificationView } from './schemas';

const tag = 'Notifications';

export const listNotificationsRoute = defineRoute({
  id: 'ListNotifications',
  method: 'GET',
  path: '/api/v1/notifications',
  auth: 'user',
  handler: 'functions/notifications/handlers/list-notifications.handler',
  summary: 'Your notifications, newest first',
  tag,
  query: ListNotificationsQuery,
  response: cursorList(NotificationView),
  successStatus: 200,
  uses: { tables: { notifications: 'read' } },
});

export const readNotificationRoute = defineRoute({
  id: 'ReadNotification',
  method: 'POST',
  path: '/api/v1/notifications/{notification_id}/read',
  auth: 'user',
  handler: 'functions/notifications/handlers/read-notification.handler',
  summary: 'Mark a notification read',
  tag,
  params: NotificationParams,
  response: NotificationView,
  successStatus: 200,
  uses: { tables: { notifications: 'readWrite' } },
});

export const notificationRoutes = [listNotificationsRoute, readNotificationRoute];
