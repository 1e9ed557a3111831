import type { ProductRecord } from '../../../functions/catalog/product';
import { productRepository } from '../../../functions/catalog/repository';
import { OrderPaid, orderEvent } from '../../../functions/orders/events';
import type { OrderRecord } from '../../../functions/orders/order';
import { recommendationsDeps } from '../../../functions/recommendations/deps';
import { handler as onOrderPaid } from '../../../functions/recommendations/handlers/on-order-paid';
import { bestSellers } from '../../../functions/recommendations/service';
import { scope } from '../../../functions/recommendations/store';
import type { BusEvent } from '../../../shared/events';
import { lambdaContext } from '../../fixtures/api-gateway-event';
import { busDelivery } from '../../fixtures/bus-event';
import { tableName, testDocumentClient } from '../../support/dynamo';
import { anOrder } from '../../support/orders';
import { aProduct, listProduct } from '../../support/products';

const products = productRepository(testDocumentClient(), tableName('PRODUCTS_TABLE_NAME'));

/** A product in the products table, as the catalog lists it (with its stock record). */
async function listed(overrides: Partial<ProductRecord> = {}): Promise<ProductRecord> {
  const product = aProduct({
    title: 'Best-seller Puzzle',
    description: 'A puzzle.',
    category: 'puzzles',
    ...overrides,
  });
  return listProduct(products, tableName('INVENTORY_TABLE_NAME'), product, 100);
}

/** A paid order of these lines as the bus delivers its OrderPaid: the same event every time. */
function orderPaidEvent(lines: Array<[ProductRecord, number]>): BusEvent<unknown> {
  const order: OrderRecord = {
    ...anOrder(),
    status: 'paid',
    version: 2,
    lines: lines.map(([product, quantity]) => ({
      productId: product.productId,
      sellerId: product.sellerId,
      title: product.title,
      imageUrl: null,
      quantity,
      priceAtOrderCents: product.priceCents,
    })),
  };
  return busDelivery(orderEvent(OrderPaid, order));
}

const deliver = (event: BusEvent<unknown>) => onOrderPaid(event as never, lambdaContext);
const mine = (ids: string[]) => async (options: { category?: string; limit: number }) =>
  (await bestSellers(options, recommendationsDeps()))
    .map((item) => item.product_id)
    .filter((id) => ids.includes(id));

describe('best sellers against DynamoDB Local', () => {
  it('counts a paid order’s units once however often its OrderPaid is delivered, also concurrently', async () => {
    const [a, b] = [await listed(), await listed()];
    const twoOfA = orderPaidEvent([[a, 2]]);

    await Promise.all([deliver(twoOfA), deliver(twoOfA)]);
    await deliver(twoOfA);
    await deliver(orderPaidEvent([[b, 3]]));

    const scores = await recommendationsDeps().recommendations.top(scope.bestSellers('puzzles'), 1000);
    expect(scores.find((entry) => entry.productId === a.productId)?.score).toBe(2);
    // Counted three times, a (6) would outsell b (3).
    expect(await mine([a.productId, b.productId])({ category: 'puzzles', limit: 50 })).toEqual([
      b.productId,
      a.productId,
    ]);
    expect(await mine([a.productId, b.productId])({ category: 'toys', limit: 50 })).toEqual([
      b.productId,
      a.productId,
    ]);
  }, 30_000);

  it('shows only products active now, and a category only what is filed under it now', async () => {
    const [draft, soldOut, moved, deleted, kept] = [
      await listed(),
      await listed(),
      await listed(),
      await listed(),
      await listed(),
    ];
    await deliver(
      orderPaidEvent([
        [draft, 9],
        [soldOut, 8],
        [moved, 7],
        [deleted, 6],
        [kept, 1],
      ]),
    );
    await products.save({ ...draft, listing: 'draft', version: 2 }, 1);
    await products.save({ ...deleted, listing: 'deleted', version: 2 }, 1);
    await products.save({ ...moved, category: 'fiction', version: 2 }, 1);
    await products.applyStock(soldOut.productId, 'out_of_stock', 2);
    const ids = [draft, soldOut, moved, deleted, kept].map((product) => product.productId);

    expect(await mine(ids)({ category: 'puzzles', limit: 50 })).toEqual([kept.productId]);
    expect(await mine(ids)({ limit: 50 })).toEqual([moved.productId, kept.productId]);
  }, 30_000);
});
