import {
  addToCart,
  api,
  checkout,
  createProduct,
  eventually,
  newBuyer,
  settledOrder,
  signUpSeller,
} from '../support/api';

interface LocalMetricsView {
  totals: Record<string, number>;
  by_dimension: Record<string, Record<string, number>>;
}

async function localMetrics(): Promise<LocalMetricsView> {
  const response = await api<LocalMetricsView>('GET', '/_local/metrics');
  expect(response.status).toBe(200);
  return response.body;
}

// Other test files place orders at the same time: counts are compared as "at least one more".
const grew = (before: LocalMetricsView, after: LocalMetricsView, metric: string, key?: string) =>
  key
    ? (after.by_dimension[metric]?.[key] ?? 0) > (before.by_dimension[metric]?.[key] ?? 0)
    : (after.totals[metric] ?? 0) > (before.totals[metric] ?? 0);

describe('business metrics on the local platform', () => {
  let seller: Awaited<ReturnType<typeof signUpSeller>>;

  beforeAll(async () => {
    seller = await signUpSeller('metrics-seller');
  });

  it('counts an order placed and paid once a checkout goes through', async () => {
    const product = (await createProduct(seller.token, { title: 'Metered Lamp', price: 20, stock: 5 }))
      .product_id;
    const buyer = await newBuyer('metrics-paid');
    await addToCart(buyer, product, 1);
    const before = await localMetrics();
    const placed = await checkout(buyer);
    expect(placed.status).toBe(202);
    expect(await settledOrder(buyer, placed.body.order_id)).toMatchObject({ status: 'paid' });
    const after = await eventually(async () => {
      const now = await localMetrics();
      return grew(before, now, 'OrdersPlaced') && grew(before, now, 'OrdersPaid') ? now : undefined;
    });
    expect(after.totals.OrdersPlaced).toBeGreaterThan(before.totals.OrdersPlaced ?? 0);
    expect(after.totals.OrdersPaid).toBeGreaterThan(before.totals.OrdersPaid ?? 0);
  });

  it('counts a declined payment, and the failed order under its reason', async () => {
    const product = (await createProduct(seller.token, { title: 'Declined Lamp', price: 20, stock: 5 }))
      .product_id;
    const buyer = await newBuyer('metrics-declined', 'pm_card_chargeDeclined');
    await addToCart(buyer, product, 1);
    const before = await localMetrics();
    const placed = await checkout(buyer);
    expect(await settledOrder(buyer, placed.body.order_id)).toMatchObject({ status: 'failed' });
    const after = await eventually(async () => {
      const now = await localMetrics();
      return grew(before, now, 'PaymentsDeclined') &&
        grew(before, now, 'OrdersFailed', 'reason=PAYMENT_DECLINED')
        ? now
        : undefined;
    });
    expect(after.by_dimension.OrdersFailed?.['reason=PAYMENT_DECLINED']).toBeGreaterThan(0);
  });
});
