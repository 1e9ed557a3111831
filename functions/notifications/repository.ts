import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../../shared/cursor';
import { isConditionFailure } from '../../shared/dynamo-errors';
import { NotFoundError } from '../../shared/errors';
import { guardedTransaction, markerPut } from '../../shared/guarded-transaction';
import type { NotificationRecord, NotificationStore } from './store';

type Item = Record<string, unknown>;

function fromItem(item: Item): NotificationRecord {
  return {
    notificationId: item.notification_id as string,
    userId: item.user_id as string,
    kind: item.kind as string,
    title: item.title as string,
    body: item.body as string,
    orderId: (item.order_id as string | undefined) ?? null,
    productId: (item.product_id as string | undefined) ?? null,
    eventId: item.event_id as string,
    createdAt: item.created_at as string,
    readAt: (item.read_at as string | undefined) ?? null,
    email: (item.email as NotificationRecord['email'] | undefined) ?? null,
  };
}

/** Notifications per user, newest first (ids are ULIDs); one per event per user, however often it arrives. */
export function notificationRepository(doc: DynamoDBDocumentClient, tableName: string): NotificationStore {
  return {
    /**
     * Records a notification unless this event already produced one for this user. The marker
     * starts with its e-mail `pending` and keeps it so until `markEmailSent`, so a send that
     * failed is retried by the event's redelivery instead of being lost.
     */
    async record(notification: NotificationRecord): Promise<{ created: boolean; emailPending: boolean }> {
      const created = await guardedTransaction(doc, [
        markerPut(tableName, {
          pk: `EVENT#${notification.eventId}`,
          sk: `USER#${notification.userId}`,
          type: 'DELIVERED',
          email_status: notification.email ? 'pending' : 'none',
        }),
        {
          Put: {
            TableName: tableName,
            Item: {
              pk: `USER#${notification.userId}`,
              sk: `NTF#${notification.notificationId}`,
              type: 'NOTIFICATION',
              notification_id: notification.notificationId,
              user_id: notification.userId,
              kind: notification.kind,
              title: notification.title,
              body: notification.body,
              order_id: notification.orderId ?? undefined,
              product_id: notification.productId ?? undefined,
              event_id: notification.eventId,
              created_at: notification.createdAt,
              email: notification.email ?? undefined,
            },
          },
        },
      ]);
      if (created) return { created: true, emailPending: notification.email !== null };
      const { Item } = await doc.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: `EVENT#${notification.eventId}`, sk: `USER#${notification.userId}` },
          ConsistentRead: true,
        }),
      );
      return { created: false, emailPending: Item?.email_status === 'pending' };
    },

    async markEmailSent(eventId: string, userId: string): Promise<void> {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: `EVENT#${eventId}`, sk: `USER#${userId}` },
          UpdateExpression: 'SET email_status = :sent',
          ExpressionAttributeValues: { ':sent': 'sent' },
        }),
      );
    },

    async list(userId: string, options: { limit: number; cursor?: string; unreadOnly?: boolean }) {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': 'NTF#' },
          ScanIndexForward: false,
          Limit: options.limit,
          ExclusiveStartKey: decodeCursor(options.cursor, { pk: `USER#${userId}` }),
        }),
      );
      return { items: (page.Items ?? []).map(fromItem), nextCursor: encodeCursor(page.LastEvaluatedKey) };
    },

    async markRead(userId: string, notificationId: string, at: string): Promise<NotificationRecord> {
      try {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: `USER#${userId}`, sk: `NTF#${notificationId}` },
            UpdateExpression: 'SET read_at = if_not_exists(read_at, :at)',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':at': at },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return fromItem(Attributes!);
      } catch (error) {
        if (isConditionFailure(error)) throw new NotFoundError('Notification');
        throw error;
      }
    },
  };
}
