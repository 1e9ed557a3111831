import { draftsFor, emailFor } from '../../../functions/notifications/messages';
import { type NotificationsDeps, notify } from '../../../functions/notifications/service';
import { notificationRepositoryContract } from '../../support/contracts/notification-repository';
import { fakeNotificationRepository } from '../../support/fakes/notification-repository';

const paid = {
  eventId: 'evt_1',
  order_id: 'ord_1',
  user_id: 'usr_BUYER',
  seller_ids: ['usr_SELLER_A', 'usr_SELLER_B'],
  total_cents: 14997,
  version: 2,
};

describe('notification messages', () => {
  it('tells the buyer and every seller of a paid order', () => {
    const drafts = draftsFor('OrderPaid', paid);
    expect(drafts.map((draft) => [draft.userId, draft.kind])).toEqual([
      ['usr_BUYER', 'order_paid'],
      ['usr_SELLER_A', 'seller_new_order'],
      ['usr_SELLER_B', 'seller_new_order'],
    ]);
    expect(drafts[0]!.body).toContain('$149.97');
  });

  it('explains a failed order in words, and tells a seller about low stock', () => {
    expect(
      draftsFor('OrderFailed', {
        order_id: 'ord_2',
        user_id: 'usr_B',
        failure_reason: 'PAYMENT_DECLINED',
      })[0]!.body,
    ).toContain('the payment was declined');
    expect(
      draftsFor('StockLow', {
        product_id: 'prod_1',
        seller_id: 'usr_S',
        available: 2,
        low_stock_threshold: 5,
      })[0],
    ).toMatchObject({
      userId: 'usr_S',
      kind: 'stock_low',
    });
  });

  it('templates the e-mail with the recipient’s name', () => {
    const [draft] = draftsFor('OrderDelivered', { order_id: 'ord_3', user_id: 'usr_B' });
    expect(emailFor(draft!, { email: 'ann@example.com', name: 'Ann' })).toEqual({
      to: 'ann@example.com',
      subject: 'Bazaar: Delivered',
      text: 'Hello Ann,\n\nOrder ord_3 has been delivered.\n\n— Bazaar',
    });
  });
});

describe('the fake notification repository', () => {
  notificationRepositoryContract(fakeNotificationRepository);
});

describe('notify', () => {
  it('records one notification per event per user and retries a failed e-mail on redelivery, once sent never again', async () => {
    const notifications = fakeNotificationRepository();
    let failNext = true;
    const sent: string[] = [];
    const deps: NotificationsDeps = {
      notifications,
      contactOf: async (userId: string) => ({ email: `${userId}@example.com`, name: userId }),
      sendEmail: async (email: { to: string }) => {
        if (failNext) {
          failNext = false;
          throw new Error('SES throttled');
        }
        sent.push(email.to);
      },
      now: () => new Date(),
    };
    await expect(notify('OrderPaid', paid, deps)).rejects.toThrow('SES throttled');
    expect(sent.sort()).toEqual(['usr_SELLER_A@example.com', 'usr_SELLER_B@example.com']);
    await notify('OrderPaid', paid, deps);
    await notify('OrderPaid', paid, deps);
    for (const userId of [paid.user_id, ...paid.seller_ids]) {
      expect((await notifications.list(userId, { limit: 10 })).items).toHaveLength(1);
    }
    expect(sent.sort()).toEqual([
      'usr_BUYER@example.com',
      'usr_SELLER_A@example.com',
      'usr_SELLER_B@example.com',
    ]);
  });
});
