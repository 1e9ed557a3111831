/**
 * The products-stream indexer against indexes whose writes finish out of order or fail: a
 * shard's records must land in stream order, a delete must outlive any older upsert, and a
 * failed record must hold back every later one.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { type ListingStatus, NO_RATINGS, type ProductRecord } from '../../../functions/catalog/product';
import { toItem } from '../../../functions/catalog/repository';
import { EmbeddedSearchIndex } from '../../../functions/search/embedded/embedded-search-index';
import type { SearchDocument, SearchIndex } from '../../../functions/search/search-index';

let mockIndex: SearchIndex;
jest.mock('../../../functions/search/index-factory', () => ({ searchIndex: () => mockIndex }));

import { handler } from '../../../functions/search/handlers/index-products';

const context = {} as Context;
let sequence = 100;

function product(
  version: number,
  listing: ListingStatus = 'active',
  productId = 'prod_kettle',
): ProductRecord {
  return {
    productId,
    sellerId: 'usr_seller1',
    title: 'Copper Whistling Kettle',
    description: 'Boils water loudly.',
    category: 'kitchen',
    priceCents: 3_500,
    compareAtPriceCents: null,
    currency: 'USD',
    images: [],
    avgRating: 0,
    reviewCount: 0,
    ratingHistogram: NO_RATINGS,
    ratingVersion: 0,
    stockStatus: 'in_stock',
    stockVersion: 1,
    listing,
    version,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

function image(item: Record<string, unknown>) {
  return marshall(item, { removeUndefinedValues: true }) as never;
}

function modify(next: ProductRecord, previous?: ProductRecord): DynamoDBRecord {
  return {
    eventName: previous ? 'MODIFY' : 'INSERT',
    dynamodb: {
      SequenceNumber: String(sequence++),
      NewImage: image(toItem(next)),
      ...(previous ? { OldImage: image(toItem(previous)) } : {}),
    },
  };
}

function remove(previous: ProductRecord): DynamoDBRecord {
  return {
    eventName: 'REMOVE',
    dynamodb: { SequenceNumber: String(sequence++), OldImage: image(toItem(previous)) },
  };
}

const batch = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
const sequenceOf = (record: DynamoDBRecord) => record.dynamodb!.SequenceNumber!;

/**
 * A real embedded index whose first write is slow: it yields to the event loop before
 * applying, so any write started meanwhile finishes first. Records what it applied, in order.
 */
class SlowFirstWriteIndex extends EmbeddedSearchIndex {
  readonly applied: string[] = [];
  private writes = 0;

  override async upsert(docs: SearchDocument[]): Promise<void> {
    await this.delayIfFirst();
    for (const doc of docs) this.applied.push(`upsert ${doc.product_id} v${doc.version}`);
    await super.upsert(docs);
  }

  override async remove(removals: Array<{ product_id: string; version: number }>): Promise<void> {
    await this.delayIfFirst();
    for (const removal of removals) this.applied.push(`remove ${removal.product_id} v${removal.version}`);
    await super.remove(removals);
  }

  private async delayIfFirst(): Promise<void> {
    if (this.writes++ === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** An embedded index whose first upsert fails, as a timed-out OpenSearch bulk would. */
class FirstUpsertFailsIndex extends SlowFirstWriteIndex {
  private failed = false;

  override async upsert(docs: SearchDocument[]): Promise<void> {
    if (!this.failed) {
      this.failed = true;
      throw new Error('search index unavailable');
    }
    await super.upsert(docs);
  }
}

async function searchable(productId: string): Promise<boolean> {
  const page = await mockIndex.search({ q: 'kettle', sort: 'relevance', page: 1, page_size: 10 });
  return page.results.some((result) => result.product_id === productId);
}

describe('products-stream indexer', () => {
  it('applies a batch in stream order even when an earlier write finishes later', async () => {
    const index = new SlowFirstWriteIndex();
    mockIndex = index;

    const response = await handler(
      batch(modify(product(2), product(1)), modify(product(3, 'deleted'), product(2))),
      context,
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(index.applied).toEqual(['upsert prod_kettle v2', 'remove prod_kettle v3']);
    expect(await searchable('prod_kettle')).toBe(false);
  });

  it('keeps a deleted product out of search when an older change is delivered after the delete', async () => {
    mockIndex = new EmbeddedSearchIndex();
    await handler(batch(modify(product(1))), context);

    await handler(batch(modify(product(3, 'deleted'), product(2))), context);
    // A retried record from before the delete, as a redelivery or a reindex can bring.
    await handler(batch(modify(product(2), product(1))), context);

    expect(await searchable('prod_kettle')).toBe(false);
    expect(await mockIndex.count()).toBe(0);
  });

  it('keeps an item removed from the table out of search when its last change is replayed', async () => {
    mockIndex = new EmbeddedSearchIndex();

    await handler(batch(modify(product(4), product(3)), remove(product(4))), context);
    await handler(batch(modify(product(4), product(3))), context);

    expect(await searchable('prod_kettle')).toBe(false);
  });

  it('brings a product back when a newer version publishes it again', async () => {
    mockIndex = new EmbeddedSearchIndex();

    await handler(batch(modify(product(1)), modify(product(2, 'draft'), product(1))), context);
    expect(await searchable('prod_kettle')).toBe(false);
    await handler(batch(modify(product(3), product(2, 'draft'))), context);

    expect(await searchable('prod_kettle')).toBe(true);
  });

  it('reports a failed record and every later one, and applies none after the failure', async () => {
    const index = new FirstUpsertFailsIndex();
    mockIndex = index;
    const records = [
      modify(product(2), product(1)),
      modify(product(3, 'deleted'), product(2)),
      modify(product(1, 'active', 'prod_other')),
    ];

    const response = await handler(batch(...records), context);

    expect(response.batchItemFailures).toEqual(
      records.map((record) => ({ itemIdentifier: sequenceOf(record) })),
    );
    expect(index.applied).toEqual([]);

    // The retry starts again at the failed record, in order.
    const retry = await handler(batch(...records), context);
    expect(retry.batchItemFailures).toEqual([]);
    expect(index.applied).toEqual(['upsert prod_kettle v2', 'remove prod_kettle v3', 'upsert prod_other v1']);
    expect(await searchable('prod_kettle')).toBe(false);
    expect(await searchable('prod_other')).toBe(true);
  });

  it('reports only the records from the first failure on, after applying the ones before it', async () => {
    const index = new FirstUpsertFailsIndex();
    mockIndex = index;
    const before = modify(product(4, 'deleted'), product(3));
    const failing = modify(product(1, 'active', 'prod_other'));
    const after = modify(product(2, 'active', 'prod_other'), product(1, 'active', 'prod_other'));

    const response = await handler(batch(before, failing, after), context);

    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: sequenceOf(failing) },
      { itemIdentifier: sequenceOf(after) },
    ]);
    expect(index.applied).toEqual(['remove prod_kettle v4']);
  });

  it('leaves the index alone for items of the products table that are not products', async () => {
    mockIndex = new EmbeddedSearchIndex();
    await handler(batch(modify(product(1))), context);
    const other = { pk: 'PRODUCT#prod_kettle', sk: 'NOTE#1', type: 'NOTE', product_id: 'prod_kettle' };

    await handler(
      batch(
        { eventName: 'INSERT', dynamodb: { SequenceNumber: String(sequence++), NewImage: image(other) } },
        { eventName: 'REMOVE', dynamodb: { SequenceNumber: String(sequence++), OldImage: image(other) } },
      ),
      context,
    );

    expect(await searchable('prod_kettle')).toBe(true);
  });
});
