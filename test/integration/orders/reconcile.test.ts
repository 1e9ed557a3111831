import { randomUUID } from 'node:crypto';
import type { OrderRecord } from '../../../functions/orders/order';
import { orderRepository } from '../../../functions/orders/repository';
import { type ReconcileDeps, reconcilePendingOrders } from '../../../functions/orders/settlement';
import { tableName, testDocumentClient } from '../../support/dynamo';

const orders = orderRepository(testDocumentClient(), tableName('ORDERS_TABLE_NAME'));

/** Far in the past, so that no other test's pending order is old enough to be swept here. */
const ERA = Date.parse('2001-03-04T00:00:00.000Z');

function pendingOrder(orderedAt: number): OrderRecord {
  const at = new Date(orderedAt).toISOString();
  return {
    orderId: `ord_REC${randomUUID().replace(/-/g, '').slice(0, 20).toUpperCase()}`,
    userId: 'usr_RECONCILEBUYER',
    status: 'pending',
    version: 1,
    lines: [
      {
        productId: 'prod_RECONCILE',
        sellerId: 'usr_RECONCILESELLER',
        title: 'Reconciled thing',
        imageUrl: null,
        quantity: 1,
        priceAtOrderCents: 1000,
      },
    ],
    subtotalCents: 1000,
    shippingCents: 499,
    totalCents: 1499,
    refundedCents: 0,
    currency: 'USD',
    shippingAddressId: 'adr_RECONCILE',
    shippingAddress: {
      name: 'Home',
      line1: '1 Main St',
      line2: null,
      city: 'Springfield',
      region: null,
      postalCode: '62701',
      country: 'US',
    },
    paymentMethod: { paymentMethodId: 'pm_RECONCILE', type: 'card', brand: 'visa', last4: '4242' },
    failureReason: null,
    estimatedDelivery: at.slice(0, 10),
    orderedAt: at,
    updatedAt: at,
    timeline: [{ status: 'pending', at }],
    shipments: [],
    returnedQuantities: {},
    returns: [],
    deliveredAt: null,
  };
}

function reconcileDeps(
  outcomes: Map<string, 'charged' | 'refunded' | 'not_charged' | 'boom'>,
  running: ReadonlySet<string> = new Set(),
) {
  const asked: string[] = [];
  const committed: string[] = [];
  const released: string[] = [];
  const deps: ReconcileDeps = {
    store: {
      orders,
      now: () => new Date(ERA + 3_600_000),
      releaseCartClaim: async () => undefined,
    },
    paymentOutcome: async (orderId) => {
      const outcome = outcomes.get(orderId) ?? 'not_charged';
      if (outcome === 'boom') throw new Error(`provider lookup failed for ${orderId}`);
      return outcome;
    },
    commitStock: async (orderId) => void committed.push(orderId),
    releaseStock: async (orderId) => void released.push(orderId),
    refund: async () => undefined,
    sagaRunning: async (orderId) => {
      asked.push(orderId);
      return running.has(orderId);
    },
  };
  return { deps, asked, committed, released };
}

describe('the reconciler against DynamoDB Local', () => {
  it('settles every stuck order, past the first page, and one failing order does not stop the rest', async () => {
    const stuck = Array.from({ length: 63 }, (_, index) => pendingOrder(ERA + index * 1000));
    for (const order of stuck) await orders.create(order);
    const bad = stuck[3]!;
    const outcomes = new Map<string, 'charged' | 'refunded' | 'not_charged' | 'boom'>([
      [bad.orderId, 'boom'],
      [stuck[10]!.orderId, 'charged'],
    ]);
    const { deps } = reconcileDeps(outcomes);

    const result = await reconcilePendingOrders({ olderThanSeconds: 60 }, deps);

    for (const order of stuck) {
      const now = await orders.get(order.orderId);
      if (order === bad) expect(now?.status).toBe('pending');
      else expect(now?.status).toBe(order === stuck[10] ? 'paid' : 'failed');
    }
    expect(result).toMatchObject({ settled: 62, failed: 1 });
    expect(result.errors).toEqual([
      { order_id: bad.orderId, error: expect.stringContaining('provider lookup') },
    ]);
  }, 60_000);

  it('unwinds an order whose charge was refunded: stock released, failed, never paid', async () => {
    const order = pendingOrder(ERA);
    await orders.create(order);
    const { deps, committed, released } = reconcileDeps(new Map([[order.orderId, 'refunded']]));

    const result = await reconcilePendingOrders({ olderThanSeconds: 60, orderId: order.orderId }, deps);

    expect(result.reconciled[order.orderId]).toBe('failed');
    expect(await orders.get(order.orderId)).toMatchObject({
      status: 'failed',
      failureReason: 'PAYMENT_REFUNDED',
    });
    expect(committed).toEqual([]);
    expect(released).toEqual([order.orderId]);
  });

  it('leaves an order whose checkout execution is still running to its saga, and settles the others', async () => {
    const inFlight = pendingOrder(ERA);
    const abandoned = pendingOrder(ERA);
    for (const order of [inFlight, abandoned]) await orders.create(order);
    const { deps, asked, committed, released } = reconcileDeps(
      new Map([[inFlight.orderId, 'not_charged']]),
      new Set([inFlight.orderId]),
    );

    const results = [];
    for (const order of [inFlight, abandoned]) {
      results.push(await reconcilePendingOrders({ olderThanSeconds: 60, orderId: order.orderId }, deps));
    }

    expect(asked).toEqual([inFlight.orderId, abandoned.orderId]);
    expect(results[0]).toMatchObject({
      reconciled: { [inFlight.orderId]: 'running' },
      running: 1,
      settled: 0,
    });
    expect(await orders.get(inFlight.orderId)).toMatchObject({ status: 'pending' });
    expect(results[1]).toMatchObject({ reconciled: { [abandoned.orderId]: 'failed' }, settled: 1 });
    expect(released).toEqual([abandoned.orderId]);
    expect(committed).toEqual([]);
  });
});
