import { OrderPlaced, orderEvent } from '../../../functions/orders/events';
import { cancelOrder, type FulfilmentDeps } from '../../../functions/orders/fulfilment';
import type { OrderRecord } from '../../../functions/orders/order';
import { orderRepository } from '../../../functions/orders/repository';
import { markFailed, markPaid } from '../../../functions/orders/service';
import type { AuthUser } from '../../../shared/http/route';
import { newId } from '../../../shared/ids';
import { tableName, testDocumentClient } from '../../support/dynamo';
import { relayedEvents } from '../../support/relayed-events';

const orders = orderRepository(testDocumentClient(), tableName('ORDERS_TABLE_NAME'));
const store = { orders, now: () => new Date(), releaseCartClaim: async () => undefined };

function pendingOrder(sellers = 1): OrderRecord {
  const at = new Date().toISOString();
  return {
    orderId: newId('ord'),
    userId: newId('usr'),
    status: 'pending',
    version: 1,
    lines: Array.from({ length: sellers }, (_, i) => ({
      productId: newId('prod'),
      sellerId: `usr_SELLER${i}`,
      title: `Line ${i}`,
      imageUrl: null,
      quantity: 1,
      priceAtOrderCents: 100,
    })),
    subtotalCents: 100 * sellers,
    shippingCents: 499,
    totalCents: 100 * sellers + 499,
    refundedCents: 0,
    currency: 'USD',
    shippingAddressId: 'addr_1',
    shippingAddress: {
      name: 'Buyer',
      line1: '1 Street',
      line2: null,
      city: 'Town',
      region: null,
      postalCode: '12345',
      country: 'US',
    },
    paymentMethod: { paymentMethodId: 'pm_1', type: 'card', brand: 'visa', last4: '4242' },
    failureReason: null,
    estimatedDelivery: at,
    orderedAt: at,
    updatedAt: at,
    timeline: [{ status: 'pending', at }],
    shipments: [],
    returnedQuantities: {},
    returns: [],
    deliveredAt: null,
  } as OrderRecord;
}

async function relayedFor(orderId: string) {
  return (await relayedEvents('orders')).filter((event) => event.detail.order_id === orderId);
}

describe('the orders outbox against DynamoDB Local', () => {
  it('writes OrderPlaced with the new order, and the relay sends it from the stream', async () => {
    const order = pendingOrder();
    await orders.create(order, [], [orderEvent(OrderPlaced, order)]);
    const events = await relayedFor(order.orderId);
    expect(events.map((event) => [event.detailType, event.detail.eventId])).toEqual([
      ['OrderPlaced', `evt_${order.orderId.slice(4)}_OrderPlaced_v1`],
    ]);
  });

  it('writes each transition’s event with it, once: a repeated markPaid announces nothing more', async () => {
    const order = pendingOrder();
    await orders.create(order, [], [orderEvent(OrderPlaced, order)]);
    await markPaid(order.orderId, store);
    await markPaid(order.orderId, store);
    const events = await relayedFor(order.orderId);
    expect(events.map((event) => `${event.detailType} v${event.detail.version}`)).toEqual([
      'OrderPlaced v1',
      'OrderPaid v2',
    ]);
    expect(events[1]!.detail).toMatchObject({ status: 'paid', user_id: order.userId });
  });

  it('writes no event for a change that lost its race', async () => {
    const order = pendingOrder();
    await orders.create(order, [], [orderEvent(OrderPlaced, order)]);
    const results = await Promise.allSettled([
      markPaid(order.orderId, store),
      markFailed(order.orderId, 'PAYMENT_DECLINED', store),
    ]);
    const final = (await orders.get(order.orderId))!;
    const events = await relayedFor(order.orderId);
    expect(events.map((event) => event.detailType)).toEqual([
      'OrderPlaced',
      final.status === 'paid' ? 'OrderPaid' : 'OrderFailed',
    ]);
    expect(results.filter((result) => result.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
  });

  it('fits an order of 50 sellers and its event in one transaction (order, 50 seller views, one outbox item)', async () => {
    const order = pendingOrder(50);
    await orders.create(order, [], [orderEvent(OrderPlaced, order)]);
    await markPaid(order.orderId, store);
    const buyer = { userId: order.userId, roles: ['customer' as const] } as AuthUser;
    const fulfilment: FulfilmentDeps = {
      ...store,
      stopSaga: async () => undefined,
      voidOrRefund: async () => ({ refundedTotalCents: order.totalCents }),
      refund: async () => ({ refundedTotalCents: order.totalCents }),
      releaseStock: async () => ({ state: 'committed' }),
      restock: async () => undefined,
      returnWindowSeconds: 60,
      shippingDays: 5,
    };
    await cancelOrder(buyer, order.orderId, fulfilment);
    const events = await relayedFor(order.orderId);
    expect(events.map((event) => event.detailType)).toEqual([
      'OrderPlaced',
      'OrderPaid',
      'OrderCancelled',
      'OrderRefunded',
    ]);
    expect(events[2]!.detail).toMatchObject({
      was: 'paid',
      seller_ids: expect.arrayContaining(['usr_SELLER49']),
    });
  });
});
