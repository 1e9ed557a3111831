import type { MeasuredUsage } from '../../bench/lib/cost-model';
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

async function usage(): Promise<MeasuredUsage> {
  const response = await api<MeasuredUsage>('GET', '/_local/usage');
  expect(response.status).toBe(200);
  return response.body;
}

const invocations = (snapshot: MeasuredUsage, handler: string) => snapshot.lambda[handler]?.invocations ?? 0;
const writeUnits = (snapshot: MeasuredUsage) =>
  Object.values(snapshot.dynamodb).reduce((sum, table) => sum + table.writeUnits, 0);

// Other test files run against the same platform at the same time: figures are compared as "grew by at least".
describe('the local platform meters what AWS would bill (/_local/usage)', () => {
  it('counts a checkout: API requests, the saga transitions, Lambda runs, DynamoDB writes, events', async () => {
    const seller = await signUpSeller('usage-seller');
    const product = (await createProduct(seller.token, { title: 'Billed Lamp', price: 20, stock: 5 }))
      .product_id;
    const buyer = await newBuyer('usage-buyer');
    await addToCart(buyer, product, 1);
    const before = await usage();
    const placed = await checkout(buyer);
    expect(await settledOrder(buyer, placed.body.order_id)).toMatchObject({ status: 'paid' });
    const after = await eventually(async () => {
      const now = await usage();
      // The happy path enters five states: reserve, mark charging, charge, confirm, mark paid.
      return now.stepFunctions.transitions - before.stepFunctions.transitions >= 5 ? now : undefined;
    });
    expect(after.api.requests - before.api.requests).toBeGreaterThanOrEqual(2);
    expect(after.api.bytesOut).toBeGreaterThan(before.api.bytesOut);
    const charge = 'functions/payments/handlers/charge-step.handler';
    expect(invocations(after, charge)).toBeGreaterThan(invocations(before, charge));
    expect(after.lambda[charge]!.durationsMs.every((ms) => ms > 0)).toBe(true);
    expect(writeUnits(after)).toBeGreaterThan(writeUnits(before));
    expect(after.eventbridge.entries).toBeGreaterThan(before.eventbridge.entries);
  });
});
