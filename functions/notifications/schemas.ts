import * as z from 'zod';
import { cursorParam, idOf, queryInt } from '../../shared/schemas/common';

export const NotificationView = z.object({
  notification_id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  order_id: z.string().nullable(),
  product_id: z.string().nullable(),
  created_at: z.string(),
  read: z.boolean(),
  read_at: z.string().nullable(),
});

export const ListNotificationsQuery = z.strictObject({
  limit: queryInt(1, 50).default(20),
  cursor: cursorParam.optional(),
});
export const NotificationParams = z.object({ notification_id: idOf('ntf') });
