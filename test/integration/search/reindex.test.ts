import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type ListingStatus, NO_RATINGS, type ProductRecord } from '../../../functions/catalog/product';
import { toItem } from '../../../functions/catalog/repository';
import { searchDocumentOf } from '../../../functions/search/documents';
import { EmbeddedSearchIndex } from '../../../functions/search/embedded/embedded-search-index';
import { reindexFromTable } from '../../../functions/search/reindex';
import type { SearchDocument } from '../../../functions/search/search-index';
import { newId } from '../../../shared/ids';
import { tableName, testDocumentClient } from '../../support/dynamo';

const doc = testDocumentClient();
const productsTable = tableName('PRODUCTS_TABLE_NAME');
// Words no other test's product carries, so the shared table's other rows stay out of the way.
const word = `reindexed${Date.now().toString(36)}`;

function product(productId: string, version: number, listing: ListingStatus): ProductRecord {
  return {
    productId,
    sellerId: 'usr_seller1',
    title: `Enamel ${word} Teapot`,
    description: 'Pours well.',
    category: 'kitchen',
    priceCents: 2_000,
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

const documentOf = (record: ProductRecord) => searchDocumentOf(toItem(record)) as SearchDocument;

async function found(index: EmbeddedSearchIndex): Promise<string[]> {
  const page = await index.search({ q: word, sort: 'relevance', page: 1, page_size: 10 });
  return page.results.map((result) => result.product_id).sort();
}

describe('reindexing from the products table', () => {
  it('takes drafted and deleted products out of a stale index and keeps them out of late upserts', async () => {
    const [live, deleted, drafted] = [newId('prod'), newId('prod'), newId('prod')];
    for (const record of [
      product(live, 1, 'active'),
      product(deleted, 2, 'deleted'),
      product(drafted, 3, 'draft'),
    ]) {
      await doc.send(new PutCommand({ TableName: productsTable, Item: toItem(record) }));
    }
    // The index missed the deletion: it still holds the version before it.
    const index = new EmbeddedSearchIndex();
    await index.upsert([documentOf(product(deleted, 1, 'active'))]);

    await reindexFromTable(doc, productsTable, index);

    expect(await found(index)).toEqual([live]);
    // A stream record from before the draft, arriving after the rebuild.
    await index.upsert([documentOf(product(drafted, 2, 'active'))]);
    expect(await found(index)).toEqual([live]);
  });
});
