import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import {
  addToCart,
  api,
  type Buyer,
  checkout,
  createProduct,
  eventually,
  localEndpoints,
  newBuyer,
  settledOrder,
  signUpSeller,
} from '../support/api';

/**
 * Events leave through the outbox: a change and its event are one write, and the relay keeps
 * retrying the send. The local bus rejects PutEvents entries on request (an
 * `events:put-events-error` fault), which is what losing the publish right after the write looks like.
 */
const armed: string[] = [];
const rejectPutEvents = async (pattern: object) => {
  const response = await api('POST', '/_local/faults', {
    body: { kind: 'events:put-events-error', target: { event: pattern } },
  });
  if (response.status !== 201) throw new Error(`arming failed: ${response.text}`);
  armed.push(response.body.faults[0].id);
};
/** Disarms this file's faults only: other files share the platform. */
const allowPutEvents = async () => {
  for (const id of armed.splice(0)) await api('DELETE', `/_local/faults/${id}`);
};

async function eventsFor(detailType: string, match: (detail: any) => boolean): Promise<any[]> {
  const response = await api('GET', `/_local/events?detail-type=${detailType}`);
  return response.body.events.filter((event: any) => match(event.detail));
}

async function sagaFinished(orderId: string): Promise<string> {
  const client = new SFNClient({
    endpoint: (await localEndpoints()).sfn,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return eventually(
    async () => {
      const { status } = await client.send(
        new DescribeExecutionCommand({
          executionArn: `arn:aws:states:us-east-1:000000000000:execution:Checkout:${orderId}`,
        }),
      );
      return status === 'RUNNING' ? undefined : status;
    },
    60_000,
    200,
  );
}

describe('events survive a failed PutEvents (transactional outbox)', () => {
  let seller: Awaited<ReturnType<typeof signUpSeller>>;
  let product: string;

  beforeAll(async () => {
    seller = await signUpSeller('outbox-seller');
    product = (await createProduct(seller.token, { title: 'Outbox Kettle', price: 20, stock: 50 }))
      .product_id;
  });

  afterEach(async () => {
    await allowPutEvents();
  });

  async function paidOrder(buyer: Buyer): Promise<any> {
    await addToCart(buyer, product, 1);
    const placed = await checkout(buyer);
    const order = await settledOrder(buyer, placed.body.order_id);
    expect(order.status).toBe('paid');
    return order;
  }

  it('delivers OrderCancelled although PutEvents failed right after the cancellation was written', async () => {
    const buyer = await newBuyer('outbox-cancel');
    const order = await paidOrder(buyer);
    await rejectPutEvents({ 'detail-type': ['OrderCancelled'], detail: { order_id: [order.order_id] } });

    const cancelled = await api('POST', `/api/v1/orders/${order.order_id}/cancel`, { token: buyer.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await eventsFor('OrderCancelled', (detail) => detail.order_id === order.order_id)).toEqual([]);

    await allowPutEvents();
    const [event] = await eventually(async () => {
      const found = await eventsFor('OrderCancelled', (detail) => detail.order_id === order.order_id);
      return found.length > 0 ? found : undefined;
    }, 20_000);
    expect(event.detail).toMatchObject({ order_id: order.order_id, status: 'cancelled', was: 'paid' });
    expect(event.detail.eventId).toBe(
      `evt_${order.order_id.slice(4)}_OrderCancelled_v${event.detail.version}`,
    );
  }, 90_000);

  it('delivers OrderPaid, and so empties the cart, although every PutEvents failed until the saga had ended', async () => {
    const buyer = await newBuyer('outbox-paid');
    await rejectPutEvents({ 'detail-type': ['OrderPaid'], detail: { user_id: [buyer.userId] } });
    await addToCart(buyer, product, 2);
    const placed = await checkout(buyer);
    expect(placed.status).toBe(202);
    const orderId = placed.body.order_id as string;
    expect(await sagaFinished(orderId)).toBe('SUCCEEDED');
    expect((await api('GET', `/api/v1/orders/${orderId}`, { token: buyer.token })).body.status).toBe('paid');
    expect(await eventsFor('OrderPaid', (detail) => detail.order_id === orderId)).toEqual([]);

    await allowPutEvents();
    await eventually(async () => {
      const found = await eventsFor('OrderPaid', (detail) => detail.order_id === orderId);
      return found.length === 1 ? found : undefined;
    }, 20_000);
    await eventually(async () => {
      const cart = await api('GET', '/api/v1/cart', { token: buyer.token });
      return cart.body.items.length === 0 ? true : undefined;
    }, 20_000);
  }, 120_000);

  it('settles a pending order from Stripe’s webhook through PaymentSucceeded, while the charge’s answer still hangs', async () => {
    const buyer = await newBuyer('outbox-webhook', 'pm_card_bazaar_hang');
    await addToCart(buyer, product, 1);
    const startedAt = Date.now();
    const placed = await checkout(buyer);
    const orderId = placed.body.order_id as string;
    const [succeeded] = await eventually(async () => {
      const found = await eventsFor('PaymentSucceeded', (detail) => detail.order_id === orderId);
      return found.length > 0 ? found : undefined;
    }, 10_000);
    expect(succeeded.source).toBe('bazaar.payments');
    expect(succeeded.detail.eventId).toBe(`evt_${succeeded.detail.payment_intent_id}_PaymentSucceeded_v1`);
    const order = await settledOrder(buyer, orderId, 12_000);
    expect(order.status).toBe('paid');
    // The provider's answer hangs for STRIPE_TEST_HANG_MS (14 s): the saga could not have done it.
    expect(Date.now() - startedAt).toBeLessThan(14_000);
    await sagaFinished(orderId);
    expect(await eventsFor('OrderPaid', (detail) => detail.order_id === orderId)).toHaveLength(1);
  }, 90_000);

  it('announces a new product (ProductChanged) and its stock (StockChanged) from the tables’ own streams', async () => {
    const created = await createProduct(seller.token, { title: 'Outbox Teapot', price: 15, stock: 7 });
    const productId = created.product_id as string;
    const [changed] = await eventually(async () => {
      const found = await eventsFor('ProductChanged', (detail) => detail.product_id === productId);
      return found.length > 0 ? found : undefined;
    }, 20_000);
    expect(changed.detail).toMatchObject({
      eventId: `evt_product_${productId}_v1`,
      product_id: productId,
      seller_id: seller.userId,
      title: 'Outbox Teapot',
      version: 1,
    });
    const adjusted = await api('PUT', `/api/v1/seller/products/${productId}/inventory`, {
      token: seller.token,
      body: { stock_delta: -3 },
    });
    expect(adjusted.status).toBe(200);
    const [stock] = await eventually(async () => {
      const found = await eventsFor(
        'StockChanged',
        (detail) => detail.product_id === productId && detail.available === 4,
      );
      return found.length > 0 ? found : undefined;
    }, 20_000);
    expect(stock.detail).toMatchObject({ stock_status: 'low_stock', version: adjusted.body.version });
    expect(stock.detail.eventId).toBe(`evt_stock_${productId}_v${adjusted.body.version}`);
  }, 60_000);
});
