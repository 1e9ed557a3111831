import type {
  ProductRemoval,
  SearchDocument,
  SearchIndex,
  SearchPage,
  SearchQuery,
  StockStatus,
} from '../search-index';
import { PRODUCT_INDEX_MAPPINGS, PRODUCT_INDEX_SETTINGS } from './mapping';
import {
  buildSearchBody,
  buildSuggestBody,
  canRelax,
  parseSearchResponse,
  parseSuggestResponse,
} from './request-bodies';
import {
  buildRatingUpdate,
  buildRemoveOperations,
  buildStockUpdate,
  buildUpsertOperations,
} from './write-bodies';

type Refresh = boolean | 'wait_for';

/**
 * The slice of `@opensearch-project/opensearch`'s `Client` the adapter uses. The real client
 * satisfies it (a type test checks); tests may pass a fake.
 */
export interface OpenSearchClientLike {
  bulk(params: { body: Array<Record<string, unknown>>; refresh?: Refresh }): Promise<{ body: unknown }>;
  update(params: {
    index: string;
    id: string;
    body: Record<string, unknown>;
    retry_on_conflict?: number;
    refresh?: Refresh;
  }): Promise<{ body: unknown }>;
  search(params: { index: string; body: Record<string, unknown> }): Promise<{ body: unknown }>;
  count(params: { index: string; body: Record<string, unknown> }): Promise<{ body: unknown }>;
  deleteByQuery(params: {
    index: string;
    body: Record<string, unknown>;
    refresh?: boolean;
    conflicts?: 'abort' | 'proceed';
  }): Promise<{ body: unknown }>;
  indices: {
    exists(params: { index: string }): Promise<{ body: unknown }>;
    create(params: { index: string; body: Record<string, unknown> }): Promise<{ body: unknown }>;
    putMapping(params: { index: string; body: Record<string, unknown> }): Promise<{ body: unknown }>;
  };
}

export interface OpenSearchSearchIndexOptions {
  index: string;
  /**
   * Refresh after writes so they are searchable at once: `true` for tests, `false` (the
   * default) in production, where the index refreshes every second on its own.
   */
  refresh?: Refresh;
  /**
   * On first use, create the index with its mapping when missing, or add the mapping's new fields
   * to an index created by an earlier version (default true).
   */
  createIndex?: boolean;
}

/** A bulk request in which some operations failed. */
export class SearchIndexWriteError extends Error {
  override name = 'SearchIndexWriteError';
  constructor(
    message: string,
    readonly failures: unknown[],
  ) {
    super(message);
  }
}

// Even, so an update's action line and its script line always travel together.
const BULK_CHUNK_LINES = 2_000;
const RETRY_ON_CONFLICT = 3;

interface BulkResponseBody {
  errors?: boolean;
  items?: Array<Record<string, { status: number; error?: unknown }>>;
}

/** {@link SearchIndex} on Amazon OpenSearch Service (or any OpenSearch 2.x cluster). */
export class OpenSearchSearchIndex implements SearchIndex {
  private readonly index: string;
  private readonly refresh: Refresh;
  private readonly createIndex: boolean;
  private ready: Promise<void> | undefined;

  constructor(
    private readonly client: OpenSearchClientLike,
    options: OpenSearchSearchIndexOptions,
  ) {
    this.index = options.index;
    this.refresh = options.refresh ?? false;
    this.createIndex = options.createIndex ?? true;
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    await this.bulk(buildUpsertOperations(this.index, docs));
  }

  async remove(removals: ProductRemoval[]): Promise<void> {
    await this.bulk(buildRemoveOperations(this.index, removals));
  }

  async applyStock(productId: string, stockStatus: StockStatus, version: number): Promise<void> {
    await this.ensureIndex();
    await this.client.update({
      index: this.index,
      id: productId,
      body: buildStockUpdate(productId, stockStatus, version),
      retry_on_conflict: RETRY_ON_CONFLICT,
      refresh: this.refresh,
    });
  }

  async applyRating(
    productId: string,
    avgRating: number,
    reviewCount: number,
    version: number,
  ): Promise<void> {
    await this.ensureIndex();
    await this.client.update({
      index: this.index,
      id: productId,
      body: buildRatingUpdate(productId, avgRating, reviewCount, version),
      retry_on_conflict: RETRY_ON_CONFLICT,
      refresh: this.refresh,
    });
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    await this.ensureIndex();
    const strict = parseSearchResponse(
      (await this.client.search({ index: this.index, body: buildSearchBody(query) })).body,
    );
    if (strict.total > 0 || !canRelax(query)) return strict;
    // Nothing matched enough terms: settle for any, as the embedded engine does.
    const relaxed = await this.client.search({
      index: this.index,
      body: buildSearchBody(query, { relaxed: true }),
    });
    return parseSearchResponse(relaxed.body);
  }

  async suggest(prefix: string, limit: number): Promise<string[]> {
    const body = buildSuggestBody(prefix, limit);
    if (!body) return [];
    await this.ensureIndex();
    return parseSuggestResponse((await this.client.search({ index: this.index, body })).body);
  }

  async count(): Promise<number> {
    await this.ensureIndex();
    const response = await this.client.count({
      index: this.index,
      body: { query: { term: { live: true } } },
    });
    return (response.body as { count: number }).count;
  }

  async clear(): Promise<void> {
    await this.ensureIndex();
    await this.client.deleteByQuery({
      index: this.index,
      body: { query: { match_all: {} } },
      refresh: true,
      conflicts: 'proceed',
    });
  }

  private ensureIndex(): Promise<void> {
    if (!this.createIndex) return Promise.resolve();
    this.ready ??= this.prepareIndex().catch((error: unknown) => {
      this.ready = undefined; // let the next call try again
      throw error;
    });
    return this.ready;
  }

  private async prepareIndex(): Promise<void> {
    const exists = await this.client.indices.exists({ index: this.index });
    if (exists.body === true) {
      // The mapping is strict: a field added since the index was created (on_sale) would fail
      // every write. Adding fields is allowed on a live index; documents indexed before have
      // none until they change or `npm run reindex` rewrites them.
      await this.client.indices.putMapping({ index: this.index, body: PRODUCT_INDEX_MAPPINGS });
      return;
    }
    try {
      await this.client.indices.create({
        index: this.index,
        body: { settings: PRODUCT_INDEX_SETTINGS, mappings: PRODUCT_INDEX_MAPPINGS },
      });
    } catch (error) {
      // Another instance created it between our check and our create.
      if (!String((error as { message?: unknown }).message).includes('resource_already_exists')) throw error;
    }
  }

  private async bulk(operations: Array<Record<string, unknown>>): Promise<void> {
    if (operations.length === 0) return;
    await this.ensureIndex();
    for (let start = 0; start < operations.length; start += BULK_CHUNK_LINES) {
      const response = await this.client.bulk({
        body: operations.slice(start, start + BULK_CHUNK_LINES),
        refresh: this.refresh,
      });
      const body = response.body as BulkResponseBody;
      if (!body.errors) continue;
      const failures = (body.items ?? [])
        .flatMap((item) => Object.values(item))
        .filter((result) => result.error !== undefined);
      if (failures.length > 0) {
        throw new SearchIndexWriteError(`${failures.length} search index writes failed`, failures);
      }
    }
  }
}
