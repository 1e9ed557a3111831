import {
  addToCart,
  api,
  checkout,
  createProduct,
  eventually,
  newBuyer,
  settledOrder,
  signUpSeller,
  stripeState,
  succeededIntentsFor,
} from '../support/api';

// The platform is shared by every e2e file, which may run meanwhile: each test here narrows
// its faults to its own data where the request carries it (`contains`), arms the rest for one
// hit (which the platform's guarantees absorb wherever it lands), and disarms its own faults.

interface Injection {
  faultId: string;
  kind: string;
  point: Record<string, unknown>;
}

const armedHere: string[] = [];
const arm = async (fault: Record<string, unknown>): Promise<string> => {
  const armed = await api('POST', '/_local/faults', { body: fault });
  if (armed.status !== 201) throw new Error(`arming failed: ${armed.text}`);
  armedHere.push(armed.body.faults[0].id);
  return armed.body.faults[0].id;
};

const hitsOf = async (faultId: string): Promise<Injection[]> =>
  ((await api('GET', '/_local/faults/log')).body.injected as Injection[]).filter(
    (hit) => hit.faultId === faultId,
  );

const stockOf = async (seller: { token: string }, productId: string) =>
  (await api('GET', `/api/v1/seller/products/${productId}/inventory`, { token: seller.token })).body;

describe('fault injection on the local platform', () => {
  let seller: Awaited<ReturnType<typeof signUpSeller>>;

  beforeAll(async () => {
    seller = await signUpSeller('faults-seller');
  });
  afterEach(async () => {
    for (const id of armedHere.splice(0)) await api('DELETE', `/_local/faults/${id}`);
  });

  it('arms, lists, logs and disarms faults, and refuses a bad one naming its field', async () => {
    const bad = await api('POST', '/_local/faults', { body: { kind: 'lambda:invocation-error', count: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual({ field: 'count' });

    const buyer = await newBuyer('faults-switch');
    const id = await arm({
      kind: 'lambda:invocation-error',
      target: { handler: 'functions/cart/handlers/get-cart.handler', contains: buyer.token },
      count: 1,
    });
    const failed = await api('GET', '/api/v1/cart', { token: buyer.token });
    const after = await api('GET', '/api/v1/cart', { token: buyer.token });

    expect([failed.status, after.status]).toEqual([500, 200]);
    expect(failed.text).not.toMatch(/Fault|Lambda/);
    const listed = (await api('GET', '/_local/faults')).body;
    expect(listed.seed).toEqual(expect.any(Number));
    expect(listed.faults).toContainEqual(expect.objectContaining({ id, injected: 1, count: 1 }));
    expect(await hitsOf(id)).toEqual([
      expect.objectContaining({
        kind: 'lambda:invocation-error',
        point: { handler: 'functions/cart/handlers/get-cart.handler' },
      }),
    ]);
    expect((await api('DELETE', `/_local/faults/${id}`)).status).toBe(200);
    expect((await api('GET', '/_local/faults')).body.faults).not.toContainEqual(
      expect.objectContaining({ id }),
    );
  });

  it('sells exactly the stock when 50 buyers race for 20 units while 30% of inventory transactions conflict', async () => {
    const product = (await createProduct(seller.token, { title: 'Conflict Lantern', price: 12, stock: 20 }))
      .product_id;
    const buyers = await Promise.all(
      Array.from({ length: 50 }, async (_, index) => {
        const buyer = await newBuyer(`faults-race-${index}`);
        await addToCart(buyer, product, 1);
        return buyer;
      }),
    );
    const id = await arm({
      kind: 'dynamodb:transaction-conflict',
      target: { table: 'inventory', contains: product },
      probability: 0.3,
    });

    const placed = await Promise.all(buyers.map((buyer) => checkout(buyer)));
    expect(placed.map((response) => response.status)).toEqual(buyers.map(() => 202));
    const orders = await Promise.all(
      placed.map((response, index) => settledOrder(buyers[index]!, response.body.order_id, 60_000)),
    );

    expect(orders.filter((order) => order.status === 'paid')).toHaveLength(20);
    expect(orders.filter((order) => order.status !== 'paid').map((order) => order.status)).toEqual(
      Array(30).fill('failed'),
    );
    expect(await stockOf(seller, product)).toMatchObject({ available: 0, reserved: 0, sold: 20 });
    expect((await hitsOf(id)).length).toBeGreaterThan(0);
  }, 120_000);

  it('lets the SDK ride out throttling: a cart write throttled twice still lands', async () => {
    const product = (await createProduct(seller.token, { title: 'Throttle Mug', price: 9, stock: 5 }))
      .product_id;
    const buyer = await newBuyer('faults-throttle');
    const id = await arm({
      kind: 'dynamodb:throughput-exceeded',
      target: { table: 'carts', contains: product },
      count: 2,
    });

    await addToCart(buyer, product, 1);

    expect(await hitsOf(id)).toHaveLength(2);
    const cart = (await api('GET', '/api/v1/cart', { token: buyer.token })).body;
    expect(cart.items).toEqual([expect.objectContaining({ product_id: product, quantity: 1 })]);
  });

  it('retries a charge task that failed after charging, and charges once', async () => {
    const product = (await createProduct(seller.token, { title: 'Retry Teapot', price: 30, stock: 5 }))
      .product_id;
    const buyer = await newBuyer('faults-charge-after');
    await addToCart(buyer, product, 1);
    const id = await arm({
      kind: 'lambda:invocation-error',
      target: { handler: 'functions/payments/handlers/charge-step.handler' },
      preventExecution: false,
      count: 1,
    });

    const order = await settledOrder(buyer, (await checkout(buyer)).body.order_id);

    expect(order.status).toBe('paid');
    expect(await hitsOf(id)).toHaveLength(1);
    expect(succeededIntentsFor(await stripeState(), order.order_id)).toHaveLength(1);
    expect(await stockOf(seller, product)).toMatchObject({ available: 4, sold: 1 });
  });

  it('charges once when Stripe charges but withholds its answer (the retry replays the same idempotency key)', async () => {
    const product = (await createProduct(seller.token, { title: 'Silent Kettle', price: 25, stock: 5 }))
      .product_id;
    const buyer = await newBuyer('faults-withheld');
    await addToCart(buyer, product, 1);
    const id = await arm({
      kind: 'stripe:response-withheld',
      target: { operation: 'payment_intents.confirm' },
      count: 1,
    });

    const order = await settledOrder(buyer, (await checkout(buyer)).body.order_id);

    expect(order.status).toBe('paid');
    expect(await hitsOf(id)).toHaveLength(1);
    expect(succeededIntentsFor(await stripeState(), order.order_id)).toHaveLength(1);
  });

  it('retries a failed outbox relay batch, bus delivery and search stream batch until their handlers run', async () => {
    const buyer = await newBuyer('faults-delivery');
    const relayFault = await arm({
      kind: 'streams:batch-error',
      target: { handler: 'functions/orders/handlers/relay-events.handler', contains: buyer.userId },
      count: 2,
    });
    const busFault = await arm({
      kind: 'events:delivery-error',
      target: { handler: 'functions/cart/handlers/on-order-paid.handler', contains: buyer.userId },
      count: 2,
    });
    const word = `faultword${Date.now()}`;
    const streamFault = await arm({
      kind: 'streams:batch-error',
      target: { service: 'search', contains: word },
      count: 2,
    });
    const product = (await createProduct(seller.token, { title: `${word} Lamp`, price: 15, stock: 5 }))
      .product_id;
    await addToCart(buyer, product, 1);

    const order = await settledOrder(buyer, (await checkout(buyer)).body.order_id);

    expect(order.status).toBe('paid');
    await eventually(async () => {
      const cart = (await api('GET', '/api/v1/cart', { token: buyer.token })).body;
      return cart.items.length === 0 ? true : undefined;
    });
    await eventually(async () => {
      const found = await api('GET', `/api/v1/search?q=${word}`);
      return found.body.total === 1 ? true : undefined;
    });
    expect(await hitsOf(relayFault)).toHaveLength(2);
    expect(await hitsOf(busFault)).toHaveLength(2);
    expect(await hitsOf(streamFault)).toHaveLength(2);
  });
});
