import { paymentsRepository } from '../../../functions/payments/repository';
import { recordPaymentSucceeded } from '../../../functions/payments/service';
import { newId } from '../../../shared/ids';
import { tableName, testDocumentClient } from '../../support/dynamo';
import { relayedEvents } from '../../support/relayed-events';

const deps = {
  payments: paymentsRepository(testDocumentClient(), tableName('PAYMENTS_TABLE_NAME')),
  now: () => new Date(),
};

describe('PaymentSucceeded through the payments outbox, against DynamoDB Local', () => {
  it('records a succeeded intent once, however often Stripe reports it, and the relay sends it', async () => {
    const orderId = newId('ord');
    const intent = { id: `pi_${newId('pay').slice(4)}`, orderId, amountCents: 2599, currency: 'USD' };
    await recordPaymentSucceeded(intent, deps);
    await recordPaymentSucceeded(intent, deps);
    const events = (await relayedEvents('payments')).filter((event) => event.detail.order_id === orderId);
    expect(events).toEqual([
      {
        source: 'bazaar.payments',
        detailType: 'PaymentSucceeded',
        detail: {
          eventId: `evt_${intent.id}_PaymentSucceeded_v1`,
          order_id: orderId,
          payment_intent_id: intent.id,
          amount_cents: 2599,
          currency: 'USD',
          version: 1,
        },
      },
    ]);
  });
});
