import { cartEventsOf } from '../../../functions/cart/events';
import { productEventsOf } from '../../../functions/catalog/events';
import { type StockSnapshot, stockEventsOf } from '../../../functions/inventory/events';
import { reviewEventsOf } from '../../../functions/reviews/events';
import type { EntityChange } from '../../../shared/outbox';

const stock = (available: number, version: number, extra: Record<string, unknown> = {}) => ({
  pk: 'STOCK#prod_LAMP',
  sk: 'STOCK',
  type: 'STOCK',
  seller_id: 'usr_SELLER',
  available,
  reserved: 0,
  sold: 0,
  version,
  low_stock_threshold: 5,
  ...extra,
});
const modify = (oldImage: Record<string, unknown>, newImage: Record<string, unknown>): EntityChange => ({
  eventName: 'MODIFY',
  oldImage,
  newImage,
});
const noRead = async (): Promise<StockSnapshot | undefined> => {
  throw new Error('an unsharded record says it all');
};

describe('StockChanged and StockLow from stock record images', () => {
  it('derives the eventId from the product and version, from the image alone', async () => {
    const events = await stockEventsOf(modify(stock(10, 3), stock(8, 4)), noRead);
    expect(events).toEqual([
      {
        source: 'bazaar.inventory',
        detailType: 'StockChanged',
        detail: {
          eventId: 'evt_stock_prod_LAMP_v4',
          product_id: 'prod_LAMP',
          seller_id: 'usr_SELLER',
          available: 8,
          stock_status: 'in_stock',
          previous_stock_status: 'in_stock',
          version: 4,
        },
      },
    ]);
    expect(await stockEventsOf(modify(stock(10, 3), stock(8, 4)), noRead)).toEqual(events);
  });

  it('adds StockLow once, on the write that crosses the threshold downwards', async () => {
    const crossing = await stockEventsOf(modify(stock(7, 1), stock(4, 2)), noRead);
    expect(crossing.map((event) => event.detailType)).toEqual(['StockChanged', 'StockLow']);
    expect(crossing[1]!.detail).toMatchObject({ eventId: 'evt_stocklow_prod_LAMP_v2', available: 4 });
    const below = await stockEventsOf(modify(stock(4, 2), stock(3, 3)), noRead);
    expect(below.map((event) => event.detailType)).toEqual(['StockChanged']);
  });

  it('says nothing for a write that moved no stock (same version), nor for other items', async () => {
    expect(await stockEventsOf(modify(stock(4, 2), stock(4, 2, { updated_at: 'x' })), noRead)).toEqual([]);
    const reservation = { pk: 'RES#ord_1', sk: 'RES', state: 'held' };
    expect(
      await stockEventsOf({ eventName: 'INSERT', newImage: reservation, oldImage: undefined }, noRead),
    ).toEqual([]);
  });

  it('reads the whole stock when a shard moved, and versions the event by the summed version', async () => {
    const shard = (available: number, version: number) => ({
      pk: 'STOCK#prod_LAMP',
      sk: 'SHARD#001',
      type: 'STOCK_SHARD',
      available,
      version,
    });
    const read = jest.fn(async () => ({
      sellerId: 'usr_SELLER',
      available: 40,
      version: 17,
      lowStockThreshold: 5,
    }));
    const [event] = await stockEventsOf(modify(shard(10, 2), shard(9, 3)), read);
    expect(read).toHaveBeenCalledWith('prod_LAMP');
    expect(event!.detail).toMatchObject({ eventId: 'evt_stock_prod_LAMP_v17', available: 40, version: 17 });
    // The total was read after the move, so the badge before it is not known exactly.
    expect(event!.detail).not.toHaveProperty('previous_stock_status');
  });

  it('says which badge the product showed before the write, from the main record’s old image', async () => {
    const detailOf = async (change: EntityChange) => (await stockEventsOf(change, noRead))[0]!.detail;
    // 6 of a threshold of 5 → 5: in stock → low stock.
    expect(await detailOf(modify(stock(6, 1), stock(5, 2)))).toMatchObject({
      stock_status: 'low_stock',
      previous_stock_status: 'in_stock',
    });
    expect(await detailOf(modify(stock(1, 2), stock(0, 3)))).toMatchObject({
      stock_status: 'out_of_stock',
      previous_stock_status: 'low_stock',
    });
    // The seller raised the threshold: no unit moved, but the badge did.
    expect(await detailOf(modify(stock(8, 3), stock(8, 4, { low_stock_threshold: 10 })))).toMatchObject({
      stock_status: 'low_stock',
      previous_stock_status: 'in_stock',
    });
    // A new product's stock record: no badge before.
    expect(
      await detailOf({ eventName: 'INSERT', newImage: stock(20, 1), oldImage: undefined }),
    ).toMatchObject({ stock_status: 'in_stock', previous_stock_status: null });
    // Sharded until this write: the old main record held only its part.
    expect(await detailOf(modify(stock(2, 5, { shard_count: 2 }), stock(30, 9)))).not.toHaveProperty(
      'previous_stock_status',
    );
  });
});

describe('RatingChanged and ReviewPosted from the reviews table’s images', () => {
  const rating = (sum: number, count: number, version: number) => ({
    pk: 'PRODUCT#prod_LAMP',
    sk: 'RATING',
    type: 'RATING',
    rating_sum: sum,
    rating_count: count,
    h4: count === 2 ? 1 : 0,
    h5: 1,
    version,
  });

  it('carries the aggregate’s (sum, count, histogram, version) with an eventId from the product and version', () => {
    const [event] = reviewEventsOf(modify(rating(4, 1, 1), rating(9, 2, 2)));
    expect(event).toEqual({
      source: 'bazaar.reviews',
      detailType: 'RatingChanged',
      detail: {
        eventId: 'evt_rating_prod_LAMP_v2',
        product_id: 'prod_LAMP',
        rating_sum: 9,
        rating_count: 2,
        histogram: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 1 },
        version: 2,
      },
    });
  });

  it('announces a new review once, on its INSERT only', () => {
    const review = {
      pk: 'PRODUCT#prod_LAMP',
      sk: 'REVIEW#usr_A',
      type: 'REVIEW',
      review_id: 'rev_1',
      product_id: 'prod_LAMP',
      user_id: 'usr_A',
      rating: 4,
    };
    expect(reviewEventsOf({ eventName: 'INSERT', newImage: review, oldImage: undefined })).toEqual([
      expect.objectContaining({
        detailType: 'ReviewPosted',
        detail: expect.objectContaining({ eventId: 'evt_review_rev_1_ReviewPosted_v1' }),
      }),
    ]);
    expect(reviewEventsOf(modify(review, { ...review, rating: 5 }))).toEqual([]);
  });
});

describe('ProductChanged from the products table’s images', () => {
  const product = (version: number, extra: Record<string, unknown> = {}) => ({
    pk: 'PRODUCT#prod_LAMP',
    sk: 'PRODUCT',
    type: 'PRODUCT',
    product_id: 'prod_LAMP',
    seller_id: 'usr_SELLER',
    status: 'active',
    title: 'Lamp',
    category: 'decor',
    price_cents: 3000,
    currency: 'USD',
    version,
    stock_version: 1,
    ...extra,
  });

  it('announces a seller’s change with an eventId from the product and its version', () => {
    const [event] = productEventsOf(modify(product(1), product(2, { title: 'Brighter Lamp' })));
    expect(event!.detail).toMatchObject({
      eventId: 'evt_product_prod_LAMP_v2',
      title: 'Brighter Lamp',
      version: 2,
    });
  });

  it('stays quiet when only the stock badge or rating that events wrote changed', () => {
    expect(
      productEventsOf(modify(product(2), product(2, { stock_version: 9, stock_status: 'low_stock' }))),
    ).toEqual([]);
  });
});

describe('CartItemAdded from a cart line’s image', () => {
  const line = (quantity: number, addVersion: number | undefined, extra: Record<string, unknown> = {}) => ({
    pk: 'CART#usr_BUYER',
    sk: 'ITEM#prod_LAMP',
    type: 'CART_ITEM',
    product_id: 'prod_LAMP',
    quantity,
    added_quantity: 1,
    add_version: addVersion,
    added_at: '2026-01-01T00:00:00.000Z',
    ...extra,
  });

  it('announces an add, with an eventId from the line and its add version', () => {
    const [event] = cartEventsOf(modify(line(1, 1), line(2, 2)));
    expect(event!.detail).toEqual({
      eventId: `evt_cartadd_usr_BUYER_prod_LAMP_${Date.parse('2026-01-01T00:00:00.000Z')}_v2`,
      user_id: 'usr_BUYER',
      product_id: 'prod_LAMP',
      quantity: 1,
      version: 2,
    });
  });

  it('says nothing for a quantity set (no new add version) and names no user for an anonymous cart', () => {
    expect(cartEventsOf(modify(line(2, 2), line(5, 2)))).toEqual([]);
    const [anonymous] = cartEventsOf({
      eventName: 'INSERT',
      newImage: line(1, 1, { pk: 'CART#anon_1', expires_at: 1_900_000_000 }),
      oldImage: undefined,
    });
    expect(anonymous!.detail.user_id).toBeNull();
  });
});
