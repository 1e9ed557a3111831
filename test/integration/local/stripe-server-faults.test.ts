import Stripe from 'stripe';
import { FaultInjector } from '../../../local/faults/faults';
import { type StripeTestServer, startStripeServer } from '../../../local/stripe-server';

/** The rejection of a promise that must reject. */
const rejectionOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: Error & { type?: string; statusCode?: number }) => error,
  );

describe('the Stripe test server under faults', () => {
  let faults: FaultInjector;
  let server: StripeTestServer;
  const client = (settings: { maxNetworkRetries: number; timeout?: number }) =>
    new Stripe('sk_test_local', {
      host: server.host,
      port: server.port,
      protocol: server.protocol,
      ...settings,
    });
  const intent = (stripe: Stripe, orderId: string) =>
    stripe.paymentIntents.create(
      {
        amount: 1500,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        confirm: true,
        metadata: { order_id: orderId },
      },
      { idempotencyKey: `charge-${orderId}` },
    );
  const intentsOf = (orderId: string) =>
    server.intents().filter((each) => each.metadata?.order_id === orderId);

  beforeAll(async () => {
    faults = new FaultInjector({ seed: 5 });
    server = await startStripeServer({ faults });
  });
  afterEach(() => faults.clear());
  afterAll(() => server.stop());

  it('answers 500 api_error and does nothing on stripe:api-error, then works when the fault is spent', async () => {
    faults.add({ kind: 'stripe:api-error', target: { operation: 'payment_intents.create' }, count: 1 });

    const error = await rejectionOf(intent(client({ maxNetworkRetries: 0 }), 'ord_fault_500'));

    expect(error.type).toBe('StripeAPIError');
    expect(error.statusCode).toBe(500);
    expect(intentsOf('ord_fault_500')).toEqual([]);
    await intent(client({ maxNetworkRetries: 0 }), 'ord_fault_500');
    expect(intentsOf('ord_fault_500')).toHaveLength(1);
  });

  it('never answers on stripe:timeout, so the client times out, and nothing is charged', async () => {
    faults.add({ kind: 'stripe:timeout', target: { operation: 'payment_intents.create' }, count: 1 });

    const error = await rejectionOf(intent(client({ maxNetworkRetries: 0, timeout: 300 }), 'ord_fault_hang'));

    expect(error.type).toBe('StripeConnectionError');
    expect(intentsOf('ord_fault_hang')).toEqual([]);
  });

  it('charges but withholds the answer on stripe:response-withheld: the client, unanswered, retries with its key and the one charge is replayed', async () => {
    // stripe-node retries a dropped connection once even with retries off: withhold both answers.
    faults.add({
      kind: 'stripe:response-withheld',
      target: { operation: 'payment_intents.create' },
      count: 2,
    });

    const withheld = await rejectionOf(intent(client({ maxNetworkRetries: 0 }), 'ord_fault_withheld'));

    expect(withheld.type).toBe('StripeConnectionError');
    expect(intentsOf('ord_fault_withheld')).toEqual([expect.objectContaining({ status: 'succeeded' })]);
    expect(faults.log().filter((hit) => hit.kind === 'stripe:response-withheld')).toHaveLength(2);

    faults.add({
      kind: 'stripe:response-withheld',
      target: { operation: 'payment_intents.create' },
      count: 1,
    });
    const retried = await intent(client({ maxNetworkRetries: 2 }), 'ord_fault_withheld_retry');

    expect(retried.status).toBe('succeeded');
    expect(intentsOf('ord_fault_withheld_retry')).toEqual([expect.objectContaining({ id: retried.id })]);
  });
});
