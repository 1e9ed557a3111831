import {
  addToCart,
  api,
  type Buyer,
  checkout,
  createProduct,
  eventually,
  newBuyer,
  settledOrder,
  signUpSeller,
} from '../support/api';

type Seller = Awaited<ReturnType<typeof signUpSeller>>;

const ship = (seller: Seller, orderId: string, body: object) =>
  api('POST', `/api/v1/seller/orders/${orderId}/ship`, { token: seller.token, body });

async function paidOrder(buyer: Buyer, productId: string, quantity: number): Promise<any> {
  await addToCart(buyer, productId, quantity);
  const placed = await checkout(buyer);
  expect({ status: placed.status, body: placed.body }).toMatchObject({ status: 202 });
  const order = await settledOrder(buyer, placed.body.order_id);
  expect({ status: order.status, order }).toMatchObject({ status: 'paid' });
  // The paid order holds the cart until OrderPaid's clean-up empties it; a next checkout waits for that.
  await eventually(async () => {
    const cart = (await api('GET', '/api/v1/cart', { token: buyer.token })).body;
    return cart.items.length === 0 ? cart : undefined;
  });
  return order;
}

describe('shipping checks', () => {
  let alpha: Seller;
  let beta: Seller;
  let lamp: string;

  beforeAll(async () => {
    alpha = await signUpSeller('ship-alpha');
    beta = await signUpSeller('ship-beta');
    lamp = (await createProduct(alpha.token, { title: 'Ship Check Lamp', price: 30, stock: 20 })).product_id;
  });

  it('refuses a body that lists the same line twice (400 naming the field) and ships nothing', async () => {
    const buyer = await newBuyer('twice-listed');
    const order = await paidOrder(buyer, lamp, 2);

    const response = await ship(alpha, order.order_id, {
      carrier: 'UPS',
      tracking_number: `DUP${Date.now()}`,
      items: [
        { product_id: lamp, quantity: 2 },
        { product_id: lamp, quantity: 2 },
      ],
    });

    expect(response.status).toBe(400);
    expect(response.body.error.details.fields[0].field).toBe('items.1.product_id');
    const after = (await api('GET', `/api/v1/orders/${order.order_id}`, { token: buyer.token })).body;
    expect(after).toMatchObject({ status: 'paid', shipments: [] });
  });

  it('answers 404 to a seller who does not sell in the order, whether or not the tracking number is in use', async () => {
    const buyer = await newBuyer('tracking-probe');
    const first = await paidOrder(buyer, lamp, 1);
    const second = await paidOrder(buyer, lamp, 1);
    const tracking = `USED${Date.now()}`;
    expect((await ship(alpha, first.order_id, { carrier: 'UPS', tracking_number: tracking })).status).toBe(
      200,
    );

    const inUse = await ship(beta, second.order_id, { carrier: 'UPS', tracking_number: tracking });
    const fresh = await ship(beta, second.order_id, { carrier: 'UPS', tracking_number: `FREE${Date.now()}` });

    expect([inUse.status, fresh.status]).toEqual([404, 404]);
    expect(inUse.body).toEqual(fresh.body);
  });
});
