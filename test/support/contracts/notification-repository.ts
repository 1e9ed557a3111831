import { randomUUID } from 'node:crypto';
import type { NotificationRecord, NotificationStore } from '../../../functions/notifications/store';
import { newId } from '../../../shared/ids';

function newNotification(eventId: string, email: NotificationRecord['email']): NotificationRecord {
  return {
    notificationId: newId('ntf'),
    userId: newId('usr'),
    kind: 'order_paid',
    title: 'Order paid',
    body: 'Thanks',
    orderId: null,
    productId: null,
    eventId,
    createdAt: new Date().toISOString(),
    readAt: null,
    email,
  };
}

/**
 * What the notification service relies on from its repository. The integration tier runs it
 * against DynamoDB Local and the unit tier against the fake, so the fake cannot drift.
 */
export function notificationRepositoryContract(make: () => NotificationStore) {
  const email = { to: 'ann@contract.example', subject: 'Hi', text: 'Hello' };

  it('keeps an e-mail pending on redelivery until it is marked sent, then never again', async () => {
    const notifications = make();
    const notification = newNotification(`evt_${randomUUID()}`, email);
    expect(await notifications.record(notification)).toEqual({ created: true, emailPending: true });
    const redelivery = { ...notification, notificationId: newId('ntf') };
    expect(await notifications.record(redelivery)).toEqual({ created: false, emailPending: true });

    await notifications.markEmailSent(notification.eventId, notification.userId);
    expect(await notifications.record(redelivery)).toEqual({ created: false, emailPending: false });
    expect((await notifications.list(notification.userId, { limit: 10 })).items).toHaveLength(1);
  });

  it('has nothing pending on redelivery when the notification had no e-mail', async () => {
    const notifications = make();
    const notification = newNotification(`evt_${randomUUID()}`, null);
    expect(await notifications.record(notification)).toEqual({ created: true, emailPending: false });
    expect(await notifications.record(notification)).toEqual({ created: false, emailPending: false });
  });

  it('records one notification per user of the same event, and marks one read once', async () => {
    const notifications = make();
    const eventId = `evt_${randomUUID()}`;
    const first = newNotification(eventId, null);
    const second = newNotification(eventId, null);
    expect((await notifications.record(first)).created).toBe(true);
    expect((await notifications.record(second)).created).toBe(true);
    const read = await notifications.markRead(first.userId, first.notificationId, '2026-01-01T00:00:00.000Z');
    const again = await notifications.markRead(
      first.userId,
      first.notificationId,
      '2026-02-02T00:00:00.000Z',
    );
    expect(read.readAt).toBe('2026-01-01T00:00:00.000Z');
    expect(again.readAt).toBe('2026-01-01T00:00:00.000Z');
    await expect(notifications.markRead(second.userId, first.notificationId, 'x')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });
}
