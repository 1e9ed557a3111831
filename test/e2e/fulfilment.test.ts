import { createHmac } from 'node:crypto';
import {
  addToCart,
  api,
  type Buyer,
  checkout,
  createProduct,
  eventually,
  newBuyer,
  publishTestEvent,
  settledOrder,
  signUpSeller,
  stripeState,
} from '../support/api';
import { deliveredEverywhere, deliveryTo, settledEvents } from '../support/bus';

type Seller = Awaited<ReturnType<typeof signUpSeller>>;

async function paidOrder(buyer: Buyer, lines: Array<[string, number]>): Promise<any> {
  for (const [productId, quantity] of lines) await addToCart(buyer, productId, quantity);
  const placed = await checkout(buyer);
  const order = await settledOrder(buyer, placed.body.order_id);
  expect(order.status).toBe('paid');
  return order;
}

const ofOrder = (orderId: string) => (event: { detail: unknown }) =>
  (event.detail as { order_id?: string }).order_id === orderId;
const stockOf = async (seller: Seller, productId: string) =>
  (await api('GET', `/api/v1/seller/products/${productId}/inventory`, { token: seller.token })).body;
const orderOf = async (buyer: Buyer, orderId: string) =>
  (await api('GET', `/api/v1/orders/${orderId}`, { token: buyer.token })).body;
const ship = (seller: Seller, orderId: string, body: object) =>
  api('POST', `/api/v1/seller/orders/${orderId}/ship`, { token: seller.token, body });
const deliver = (seller: Seller, orderId: string) =>
  api('POST', `/api/v1/seller/orders/${orderId}/deliver`, { token: seller.token });

describe('fulfilment', () => {
  let alpha: Seller;
  let beta: Seller;
  let lamp: string;
  let rug: string;

  beforeAll(async () => {
    alpha = await signUpSeller('alpha');
    beta = await signUpSeller('beta');
    lamp = (
      await createProduct(alpha.token, { title: 'Fulfilment Lamp', price: 30, stock: 50, category: 'decor' })
    ).product_id;
    rug = (
      await createProduct(beta.token, { title: 'Fulfilment Rug', price: 70, stock: 50, category: 'decor' })
    ).product_id;
  });

  it('takes an order from paid to shipped to delivered, with the timeline in order', async () => {
    const buyer = await newBuyer('journey');
    const order = await paidOrder(buyer, [[lamp, 2]]);
    const shipped = await ship(alpha, order.order_id, { carrier: 'UPS', tracking_number: `1Z${Date.now()}` });
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({
      status: 'shipped',
      shipments: [expect.objectContaining({ carrier: 'UPS', delivered_at: null })],
    });
    const delivered = await deliver(alpha, order.order_id);
    expect(delivered.body.status).toBe('delivered');
    const view = await orderOf(buyer, order.order_id);
    expect(view.timeline.map((entry: { status: string }) => entry.status)).toEqual([
      'pending',
      'paid',
      'shipped',
      'delivered',
    ]);
    const times = view.timeline.map((entry: { at: string }) => entry.at);
    expect(times).toEqual([...times].sort());
    expect(view.shipments[0]).toMatchObject({
      carrier: 'UPS',
      shipped_at: expect.any(String),
      delivered_at: expect.any(String),
    });
    expect(view.delivered_at).toEqual(expect.any(String));
  });

  it('ships a two-seller order per seller: partly shipped stays paid, shipped when both have', async () => {
    const buyer = await newBuyer('two-sellers');
    const order = await paidOrder(buyer, [
      [lamp, 1],
      [rug, 1],
    ]);
    const alphaView = await api('GET', '/api/v1/seller/orders?status=paid', { token: alpha.token });
    const mine = alphaView.body.items.find((item: { order_id: string }) => item.order_id === order.order_id);
    expect(mine.lines.map((line: { product_id: string }) => line.product_id)).toEqual([lamp]);

    await ship(alpha, order.order_id, { carrier: 'DHL', tracking_number: `DHL-${Date.now()}` });
    const partly = await orderOf(buyer, order.order_id);
    expect(partly.status).toBe('paid');
    expect(partly.shipments).toHaveLength(1);
    expect((await deliver(beta, order.order_id)).status).toBe(409);

    await ship(beta, order.order_id, { carrier: 'FedEx', tracking_number: `FX-${Date.now()}` });
    const both = await orderOf(buyer, order.order_id);
    expect(both.status).toBe('shipped');
    expect(both.shipments.map((s: { seller_id: string }) => s.seller_id).sort()).toEqual(
      [alpha.userId, beta.userId].sort(),
    );
    await deliver(alpha, order.order_id);
    expect((await orderOf(buyer, order.order_id)).status).toBe('shipped');
    await deliver(beta, order.order_id);
    expect((await orderOf(buyer, order.order_id)).status).toBe('delivered');
  });

  it('lets only the selling seller ship its lines (others get 404) and refuses illegal transitions with 409', async () => {
    const buyer = await newBuyer('illegal');
    const order = await paidOrder(buyer, [[lamp, 1]]);
    expect(
      (await ship(beta, order.order_id, { carrier: 'UPS', tracking_number: `X-${Date.now()}` })).status,
    ).toBe(404);
    const early = await deliver(alpha, order.order_id);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('INVALID_ORDER_STATE');
    const before = await orderOf(buyer, order.order_id);
    await ship(alpha, order.order_id, { carrier: 'UPS', tracking_number: `Y-${Date.now()}` });
    const cancel = await api('POST', `/api/v1/orders/${order.order_id}/cancel`, { token: buyer.token });
    expect(cancel.status).toBe(409);
    const after = await orderOf(buyer, order.order_id);
    expect(after.status).toBe('shipped');
    expect(after.refunded_cents).toBe(0);
    expect(before.status).toBe('paid');

    const declined = await newBuyer('declined-ship', 'pm_card_chargeDeclined');
    await addToCart(declined, lamp, 1);
    const failed = await settledOrder(declined, (await checkout(declined)).body.order_id);
    const shipFailed = await ship(alpha, failed.order_id, {
      carrier: 'UPS',
      tracking_number: `Z-${Date.now()}`,
    });
    expect(shipFailed.status).toBe(409);
    expect((await orderOf(declined, failed.order_id)).status).toBe('failed');
  });

  it('cancels a paid order: refunded once and restocked once, even when cancelled twice at once', async () => {
    const buyer = await newBuyer('canceller');
    const before = await stockOf(alpha, lamp);
    const order = await paidOrder(buyer, [[lamp, 3]]);
    expect((await stockOf(alpha, lamp)).available).toBe(before.available - 3);
    const [first, second] = await Promise.all([
      api('POST', `/api/v1/orders/${order.order_id}/cancel`, { token: buyer.token }),
      api('POST', `/api/v1/orders/${order.order_id}/cancel`, { token: buyer.token }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await api('POST', `/api/v1/orders/${order.order_id}/cancel`, { token: buyer.token });
    expect(third.body).toMatchObject({ status: 'cancelled', refunded_cents: order.total_cents });
    const refunds = (await stripeState()).refunds.filter(
      (refund) => refund.metadata?.order_id === order.order_id || refund.payment_intent,
    );
    const forOrder = (await stripeState()).intents.find(
      (intent) => intent.metadata?.order_id === order.order_id,
    );
    expect(
      refunds.filter((refund) => refund.payment_intent === forOrder.id).reduce((sum, r) => sum + r.amount, 0),
    ).toBe(order.total_cents);
    // Each OrderCancelled also reaches the rule that runs the compensations again: once those are
    // handled, nothing more can move the stock.
    const cancellations = await settledEvents(
      ofOrder(order.order_id),
      { detailType: 'OrderCancelled' },
      { atLeast: 1 },
    );
    expect(cancellations.map((event) => deliveryTo(event, 'OrdersOnOrderCancelled'))).toContain('delivered');
    expect(await stockOf(alpha, lamp)).toMatchObject({ available: before.available, sold: before.sold });
  });

  it('cancels a pending order whose charge never got through: saga stopped, payment voided, stock released', async () => {
    const buyer = await newBuyer('stuck', 'pm_card_bazaar_flaky_50');
    const before = await stockOf(alpha, lamp);
    await addToCart(buyer, lamp, 2);
    const placed = await checkout(buyer);
    const orderId = placed.body.order_id;
    // The provider keeps failing: the order stays pending with its stock held.
    await eventually(async () => ((await stockOf(alpha, lamp)).reserved >= 2 ? true : undefined), 10_000);
    expect((await orderOf(buyer, orderId)).status).toBe('pending');
    const cancelled = await api('POST', `/api/v1/orders/${orderId}/cancel`, { token: buyer.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refunded_cents: 0 });
    // The OrderCancelled rule runs the compensations again; once it has, nothing more moves the stock.
    await settledEvents(ofOrder(orderId), { detailType: 'OrderCancelled' }, { atLeast: 1 });
    expect(await stockOf(alpha, lamp)).toMatchObject({
      available: before.available,
      reserved: before.reserved,
      sold: before.sold,
    });
    const intents = (await stripeState()).intents.filter((intent) => intent.metadata?.order_id === orderId);
    expect(intents.every((intent) => intent.status !== 'succeeded')).toBe(true);
    expect((await orderOf(buyer, orderId)).status).toBe('cancelled');
  }, 60_000);

  it('cancels a wallet-paid order back to the wallet', async () => {
    const buyer = await newBuyer('wallet-cancel', 'wallet');
    const card = (
      await api('POST', '/api/v1/payment-methods', {
        token: buyer.token,
        body: { type: 'card', token: 'pm_card_visa' },
      })
    ).body;
    await api('POST', '/api/v1/wallet/top-ups', {
      token: buyer.token,
      body: { amount: 100, payment_method_id: card.payment_method_id },
    });
    const order = await paidOrder(buyer, [[lamp, 1]]);
    expect((await api('GET', '/api/v1/wallet', { token: buyer.token })).body.balance_cents).toBe(
      10_000 - order.total_cents,
    );
    await api('POST', `/api/v1/orders/${order.order_id}/cancel`, { token: buyer.token });
    const wallet = (await api('GET', '/api/v1/wallet', { token: buyer.token })).body;
    expect(wallet.balance_cents).toBe(10_000);
    expect(
      wallet.ledger.reduce((sum: number, entry: { amount_cents: number }) => sum + entry.amount_cents, 0),
    ).toBe(10_000);
  });

  it('returns part of a delivered order: a partial refund, restocked only if resellable', async () => {
    const buyer = await newBuyer('returner');
    const order = await paidOrder(buyer, [
      [lamp, 2],
      [rug, 1],
    ]);
    await ship(alpha, order.order_id, { carrier: 'UPS', tracking_number: `R1-${Date.now()}` });
    await ship(beta, order.order_id, { carrier: 'UPS', tracking_number: `R2-${Date.now()}` });
    await deliver(alpha, order.order_id);
    await deliver(beta, order.order_id);
    const lampStock = await stockOf(alpha, lamp);
    const rugStock = await stockOf(beta, rug);

    const requested = await api('POST', `/api/v1/orders/${order.order_id}/returns`, {
      token: buyer.token,
      body: {
        items: [
          { product_id: lamp, quantity: 1 },
          { product_id: rug, quantity: 1 },
        ],
        reason: 'Changed my mind',
      },
    });
    expect(requested.status).toBe(201);
    expect(requested.body.returns).toHaveLength(2);
    const lampReturn = requested.body.returns.find(
      (r: { seller_id: string }) => r.seller_id === alpha.userId,
    );
    const rugReturn = requested.body.returns.find((r: { seller_id: string }) => r.seller_id === beta.userId);
    expect(lampReturn).toMatchObject({ status: 'requested', amount_cents: 3000 });

    expect(
      (
        await api('POST', `/api/v1/seller/returns/${lampReturn.return_id}/accept`, {
          token: beta.token,
          body: { resellable: true },
        })
      ).status,
    ).toBe(404);
    const accepted = await api('POST', `/api/v1/seller/returns/${lampReturn.return_id}/accept`, {
      token: alpha.token,
      body: { resellable: true },
    });
    expect(accepted.body.status).toBe('accepted');
    await api('POST', `/api/v1/seller/returns/${lampReturn.return_id}/accept`, {
      token: alpha.token,
      body: { resellable: true },
    });
    await api('POST', `/api/v1/seller/returns/${rugReturn.return_id}/accept`, {
      token: beta.token,
      body: { resellable: false },
    });

    const view = await orderOf(buyer, order.order_id);
    expect(view.status).toBe('delivered');
    expect(view.refunded_cents).toBe(3000 + 7000);
    expect((await stockOf(alpha, lamp)).available).toBe(lampStock.available + 1);
    expect((await stockOf(beta, rug)).available).toBe(rugStock.available);

    const tooMany = await api('POST', `/api/v1/orders/${order.order_id}/returns`, {
      token: buyer.token,
      body: { items: [{ product_id: rug, quantity: 1 }], reason: 'Again' },
    });
    expect(tooMany.status).toBe(400);
    const last = await api('POST', `/api/v1/orders/${order.order_id}/returns`, {
      token: buyer.token,
      body: { items: [{ product_id: lamp, quantity: 1 }], reason: 'The other one too' },
    });
    await api('POST', `/api/v1/seller/returns/${last.body.returns[0].return_id}/accept`, {
      token: alpha.token,
      body: { resellable: true },
    });
    const refunded = await orderOf(buyer, order.order_id);
    expect(refunded).toMatchObject({ status: 'refunded', refunded_cents: refunded.total_cents });
  });

  it('refuses a return before delivery (409)', async () => {
    const buyer = await newBuyer('early-return');
    const order = await paidOrder(buyer, [[lamp, 1]]);
    const response = await api('POST', `/api/v1/orders/${order.order_id}/returns`, {
      token: buyer.token,
      body: { items: [{ product_id: lamp, quantity: 1 }], reason: 'Too early' },
    });
    expect(response.status).toBe(409);
  });

  it('accepts a signed carrier webhook and rejects a bad signature', async () => {
    const buyer = await newBuyer('carrier');
    const order = await paidOrder(buyer, [[lamp, 1]]);
    const tracking = `CW-${Date.now()}`;
    await ship(alpha, order.order_id, { carrier: 'UPS', tracking_number: tracking });
    const body = JSON.stringify({ carrier: 'UPS', tracking_number: tracking, event: 'delivered' });
    const t = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', 'whsec_carrier_local').update(`${t}.${body}`).digest('hex');
    const forged = await api('POST', '/api/v1/fulfilment/webhooks/carrier', {
      rawBody: body,
      headers: { 'content-type': 'application/json', 'x-carrier-signature': `t=${t},v1=${'0'.repeat(64)}` },
    });
    expect(forged.status).toBe(400);
    expect((await orderOf(buyer, order.order_id)).status).toBe('shipped');
    const genuine = await api('POST', '/api/v1/fulfilment/webhooks/carrier', {
      rawBody: body,
      headers: { 'content-type': 'application/json', 'x-carrier-signature': `t=${t},v1=${signature}` },
    });
    expect(genuine.status).toBe(200);
    expect((await orderOf(buyer, order.order_id)).status).toBe('delivered');
  });
});

describe('notifications', () => {
  it('notifies the buyer and the seller once per event, even when the event arrives twice', async () => {
    const seller = await signUpSeller('notified-seller');
    const product = (
      await createProduct(seller.token, { title: 'Notified Vase', price: 40, stock: 8, category: 'decor' })
    ).product_id;
    const buyer = await newBuyer('notified');
    await api('PUT', `/api/v1/seller/products/${product}/inventory`, {
      token: seller.token,
      body: { stock_delta: 0, low_stock_threshold: 6 },
    });
    const order = await paidOrder(buyer, [[product, 3]]);
    const buyerNotes = await eventually(async () => {
      const list = (await api('GET', '/api/v1/notifications', { token: buyer.token })).body.items;
      return list.some((n: { kind: string }) => n.kind === 'order_paid') ? list : undefined;
    });
    expect(buyerNotes.filter((n: { kind: string }) => n.kind === 'order_paid')).toHaveLength(1);
    const sellerNotes = await eventually(async () => {
      const list = (await api('GET', '/api/v1/notifications', { token: seller.token })).body.items;
      return list.some((n: { kind: string }) => n.kind === 'seller_new_order') &&
        list.some((n: { kind: string }) => n.kind === 'stock_low')
        ? list
        : undefined;
    });
    expect(sellerNotes.find((n: { kind: string }) => n.kind === 'seller_new_order').order_id).toBe(
      order.order_id,
    );

    const event = {
      eventId: `evt_E2E_${Date.now()}`,
      order_id: order.order_id,
      user_id: buyer.userId,
      version: 99,
      amount_cents: 500,
    };
    const delivered = await deliveredEverywhere([
      await publishTestEvent('bazaar.orders', 'OrderRefunded', event),
      await publishTestEvent('bazaar.orders', 'OrderRefunded', event),
    ]);
    expect(delivered.map((each) => deliveryTo(each, 'NotifyOnOrderAndStockEvents'))).toEqual([
      'delivered',
      'delivered',
    ]);
    const all = (await api('GET', '/api/v1/notifications', { token: buyer.token })).body.items;
    expect(all.filter((n: { kind: string }) => n.kind === 'order_refunded')).toHaveLength(1);
    const times = all.map((n: { created_at: string }) => n.created_at);
    expect(times).toEqual([...times].sort().reverse());

    const read = await api('POST', `/api/v1/notifications/${all[0].notification_id}/read`, {
      token: buyer.token,
    });
    expect(read.body.read).toBe(true);
    expect(
      (await api('POST', `/api/v1/notifications/${all[0].notification_id}/read`, { token: seller.token }))
        .status,
    ).toBe(404);
  });
});
