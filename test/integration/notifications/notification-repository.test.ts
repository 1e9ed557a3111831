import { randomUUID } from 'node:crypto';
import { notificationRepository } from '../../../functions/notifications/repository';
import { type NotificationsDeps, notify } from '../../../functions/notifications/service';
import { newId } from '../../../shared/ids';
import { notificationRepositoryContract } from '../../support/contracts/notification-repository';
import { tableName, testDocumentClient } from '../../support/dynamo';

const notifications = notificationRepository(testDocumentClient(), tableName('NOTIFICATIONS_TABLE_NAME'));

describe('notification repository against DynamoDB Local', () => {
  notificationRepositoryContract(() => notifications);

  it('sends an e-mail whose first send failed when the event comes back, and only once', async () => {
    const buyer = newId('usr');
    const event = { eventId: `evt_${randomUUID()}`, order_id: newId('ord'), user_id: buyer };
    const sent: string[] = [];
    let failures = 1;
    const deps: NotificationsDeps = {
      notifications,
      contactOf: async (userId) => ({ email: `${userId}@it.example`, name: 'Ann' }),
      sendEmail: async (message) => {
        if (failures-- > 0) throw new Error('SES throttled');
        sent.push(message.to);
      },
      now: () => new Date(),
    };

    await expect(notify('OrderDelivered', event, deps)).rejects.toThrow('SES throttled');
    await notify('OrderDelivered', event, deps);
    await notify('OrderDelivered', event, deps);

    expect(sent).toEqual([`${buyer}@it.example`]);
    expect((await notifications.list(buyer, { limit: 10 })).items).toHaveLength(1);
  });
});
