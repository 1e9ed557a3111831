import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@opensearch-project/opensearch';
import { PRODUCT_INDEX_MAPPINGS } from '../../../functions/search/opensearch/mapping';
import {
  type OpenSearchClientLike,
  OpenSearchSearchIndex,
  SearchIndexWriteError,
} from '../../../functions/search/opensearch/opensearch-search-index';
import {
  buildSearchBody,
  buildSuggestBody,
  MAX_RESULT_WINDOW,
  parseSearchResponse,
  parseSuggestResponse,
} from '../../../functions/search/opensearch/request-bodies';
import {
  buildRatingUpdate,
  buildRemoveOperations,
  buildStockUpdate,
  buildUpsertOperations,
  REMOVE_SCRIPT,
  UPSERT_SCRIPT,
} from '../../../functions/search/opensearch/write-bodies';
import type { SearchDocument, SearchQuery } from '../../../functions/search/search-index';
import { describeSearchIndexBehaviour, searchDocument } from './search-behaviour';

// The real client must fit the adapter's slice of it: `tsc --noEmit` fails if it stops doing so (jest
// does not type-check); the stub-cluster tests below check that it also behaves as the slice says.
const realClientFits: (client: Client) => OpenSearchClientLike = (client) => client;

const query = (overrides: Partial<SearchQuery>): SearchQuery => ({
  sort: 'relevance',
  page: 1,
  page_size: 20,
  ...overrides,
});

// The tests walk loosely-typed request bodies.
type Loose = any;

describe('OpenSearch request bodies', () => {
  describe('search', () => {
    it('matches every term over title^3 and description with the shared typo allowance', () => {
      const body: Loose = buildSearchBody(query({ q: 'Wireless Headphones' }));
      const text = body.query.bool.must[0].bool;

      expect(text.minimum_should_match).toBe('2<-25%');
      expect(text.should).toHaveLength(2);
      expect(text.should[0]).toEqual({
        multi_match: {
          query: 'wireless',
          fields: ['title^3', 'description'],
          fuzziness: 'AUTO:4,8',
          prefix_length: 0,
          max_expansions: 50,
        },
      });
    });

    it('lets the last term also match as a prefix, at a lower boost', () => {
      const body: Loose = buildSearchBody(query({ q: 'noise cancel' }));
      const last = body.query.bool.must[0].bool.should[1];

      expect(last.bool.minimum_should_match).toBe(1);
      expect(last.bool.should[0].multi_match).toMatchObject({ query: 'cancel', fuzziness: 'AUTO:4,8' });
      expect(last.bool.should[1].multi_match).toMatchObject({
        query: 'cancel',
        type: 'phrase_prefix',
        fields: ['title^3', 'description'],
        boost: 0.7,
      });
    });

    it('asks for any single term in the relaxed pass', () => {
      const body: Loose = buildSearchBody(query({ q: 'wireless mouse charger' }), { relaxed: true });

      expect(body.query.bool.must[0].bool.minimum_should_match).toBe(1);
    });

    it('filters on live documents, the category with its descendants, inclusive price, rating and stock', () => {
      const body: Loose = buildSearchBody(
        query({
          category: 'electronics',
          min_price_cents: 100,
          max_price_cents: 100_000,
          min_rating: 4,
          in_stock: true,
          on_sale: true,
        }),
      );

      expect(body.query.bool.must).toBeUndefined();
      expect(body.query.bool.filter).toEqual([
        { term: { live: true } },
        { terms: { category: ['electronics', 'headphones', 'laptops', 'phones', 'cameras', 'accessories'] } },
        { range: { price_cents: { gte: 100, lte: 100_000 } } },
        { range: { avg_rating: { gte: 4 } } },
        { terms: { stock_status: ['in_stock', 'low_stock'] } },
        { term: { on_sale: true } },
      ]);
    });

    it('filters nothing for in_stock or on_sale false', () => {
      const body: Loose = buildSearchBody(query({ in_stock: false, on_sale: false }));

      expect(body.query.bool.filter).toEqual([{ term: { live: true } }]);
    });

    it('filters a subcategory, or a slug outside the tree, by itself', () => {
      const sub: Loose = buildSearchBody(query({ category: 'headphones', max_price_cents: 5_000 }));
      const unknown: Loose = buildSearchBody(query({ category: 'retired-category' }));

      expect(sub.query.bool.filter.slice(1)).toEqual([
        { terms: { category: ['headphones'] } },
        { range: { price_cents: { lte: 5_000 } } },
      ]);
      expect(unknown.query.bool.filter[1]).toEqual({ terms: { category: ['retired-category'] } });
    });

    it.each([
      ['price_asc', [{ price_cents: { order: 'asc' } }]],
      ['price_desc', [{ price_cents: { order: 'desc' } }]],
      ['rating', [{ avg_rating: { order: 'desc' } }, { review_count: { order: 'desc' } }]],
      ['newest', [{ created_at: { order: 'desc' } }]],
      ['relevance', [{ _score: { order: 'desc' } }]],
    ] as const)('sorts %s and breaks ties by product id', (sort, keys) => {
      const body: Loose = buildSearchBody(query({ q: 'lego', sort }));

      expect(body.sort).toEqual([...keys, { product_id: { order: 'asc' } }]);
    });

    it('sorts a browse by relevance as newest first', () => {
      const body: Loose = buildSearchBody(query({ category: 'toys' }));

      expect(body.sort).toEqual([{ created_at: { order: 'desc' } }, { product_id: { order: 'asc' } }]);
    });

    it('pages with from/size and counts every hit', () => {
      const body: Loose = buildSearchBody(query({ page: 3, page_size: 25 }));

      expect(body).toMatchObject({ from: 50, size: 25, track_total_hits: true });
      expect(body._source).toEqual({ excludes: ['suggest', 'category_path', 'live', 'on_sale'] });
    });

    it('never asks past the result window', () => {
      const deep: Loose = buildSearchBody(query({ page: 1_000, page_size: 20 }));
      const edge: Loose = buildSearchBody(query({ page: 500, page_size: 21 }));

      expect(deep).toMatchObject({ from: MAX_RESULT_WINDOW, size: 0 });
      expect(edge.from + edge.size).toBe(MAX_RESULT_WINDOW);
    });

    it('aggregates categories with departments, price ranges and rating thresholds', () => {
      const body: Loose = buildSearchBody(query({ q: 'coffee' }));

      expect(body.aggs.categories).toEqual({
        terms: { field: 'category_path', size: 100, order: [{ _count: 'desc' }, { _key: 'asc' }] },
      });
      expect(body.aggs.price_ranges.range).toEqual({
        field: 'price_cents',
        ranges: [
          { key: 'under-25', to: 2_500 },
          { key: '25-50', from: 2_500, to: 5_000 },
          { key: '50-100', from: 5_000, to: 10_000 },
          { key: '100-200', from: 10_000, to: 20_000 },
          { key: '200-plus', from: 20_000 },
        ],
      });
      expect(body.aggs.ratings.range).toEqual({
        field: 'avg_rating',
        ranges: [
          { key: '4', from: 4 },
          { key: '3', from: 3 },
          { key: '2', from: 2 },
          { key: '1', from: 1 },
        ],
      });
    });

    it('reads hits, the total and the facets back into a SearchPage', () => {
      const doc = searchDocument({ product_id: 'prod_1', title: 'Coffee Grinder', category: 'kitchen' });
      const page = parseSearchResponse({
        hits: {
          total: { value: 42, relation: 'eq' },
          hits: [{ _source: { ...doc, live: true, category_path: ['kitchen', 'home'] } }],
        },
        aggregations: {
          categories: {
            buckets: [
              { key: 'home', doc_count: 42 },
              { key: 'kitchen', doc_count: 40 },
            ],
          },
          price_ranges: {
            buckets: [
              { key: 'under-25', to: 2_500, doc_count: 30 },
              { key: '200-plus', from: 20_000, doc_count: 12 },
            ],
          },
          ratings: {
            buckets: [
              { key: '1', from: 1, doc_count: 41 },
              { key: '4', from: 4, doc_count: 20 },
            ],
          },
        },
      });

      expect(page.total).toBe(42);
      expect(page.results).toEqual([doc]);
      // A document written before the compare-at price was indexed reads as not on sale.
      const { compare_at_price_cents: _, ...older } = doc;
      const olderPage = parseSearchResponse({ hits: { total: 1, hits: [{ _source: older }] } });
      expect(olderPage.results[0]!.compare_at_price_cents).toBeNull();
      expect(page.facets.categories).toEqual([
        { slug: 'home', count: 42 },
        { slug: 'kitchen', count: 40 },
      ]);
      expect(page.facets.price_ranges.map((range) => [range.key, range.count])).toEqual([
        ['under-25', 30],
        ['25-50', 0],
        ['50-100', 0],
        ['100-200', 0],
        ['200-plus', 12],
      ]);
      expect(page.facets.ratings).toEqual([
        { min_rating: 4, count: 20 },
        { min_rating: 3, count: 0 },
        { min_rating: 2, count: 0 },
        { min_rating: 1, count: 41 },
      ]);
    });
  });

  describe('suggestions', () => {
    it('asks the completion suggester for distinct phrases of the normalized prefix', () => {
      expect(buildSuggestBody('  Wireless H', 8)).toEqual({
        _source: false,
        suggest: {
          products: {
            prefix: 'wireless h',
            completion: { field: 'suggest', size: 8, skip_duplicates: true },
          },
        },
      });
    });

    it('asks nothing for an empty prefix', () => {
      expect(buildSuggestBody(' - ', 5)).toBeNull();
      expect(buildSuggestBody('wire', 0)).toBeNull();
    });

    it('reads the options back, lower-case and distinct', () => {
      const suggestions = parseSuggestResponse({
        suggest: {
          products: [
            {
              options: [{ text: 'wireless mouse' }, { text: 'Wireless Mouse' }, { text: 'wireless charger' }],
            },
          ],
        },
      });

      expect(suggestions).toEqual(['wireless mouse', 'wireless charger']);
    });
  });

  describe('writes', () => {
    const doc = searchDocument({
      product_id: 'prod_9',
      title: 'Sony Wireless Noise Cancelling Headphones, Black',
      category: 'headphones',
      review_count: 41,
      version: 3,
      stock_version: 5,
      rating_version: 2,
    });

    it('upserts through a version-guarded painless script', () => {
      const [action, request]: Loose[] = buildUpsertOperations('products', [doc]);

      expect(action).toEqual({ update: { _index: 'products', _id: 'prod_9', retry_on_conflict: 3 } });
      expect(request).toMatchObject({
        upsert: {},
        scripted_upsert: true,
        script: { lang: 'painless', source: UPSERT_SCRIPT },
      });
      expect(request.script.params).toMatchObject({
        version: 3,
        stock_status: 'in_stock',
        stock_version: 5,
        rating_version: 2,
        review_count: 41,
      });
      expect(request.script.params.product).toMatchObject({
        title: doc.title,
        category: 'headphones',
        category_path: ['headphones', 'electronics'],
        suggest: { weight: 42 },
      });
      expect(request.script.params.product.suggest.input).toEqual(
        expect.arrayContaining(['headphones', 'wireless noise cancelling headphones', 'sony']),
      );
      expect(request.script.params.product).not.toHaveProperty('stock_status');
    });

    it('stores whether a product is on sale, derived from its compare-at price', () => {
      const onSale = (compare: number | null) =>
        (buildUpsertOperations('products', [{ ...doc, compare_at_price_cents: compare }])[1] as Loose).script
          .params.product;

      expect(onSale(doc.price_cents + 1)).toMatchObject({
        compare_at_price_cents: doc.price_cents + 1,
        on_sale: true,
      });
      expect(onSale(doc.price_cents).on_sale).toBe(false);
      expect(onSale(null)).toMatchObject({ compare_at_price_cents: null, on_sale: false });
    });

    it('guards every field group by its own version in the script', () => {
      expect(UPSERT_SCRIPT).toContain('params.version > source.version');
      expect(UPSERT_SCRIPT).toContain('params.stock_version > source.stock_version');
      expect(UPSERT_SCRIPT).toContain('params.rating_version > source.rating_version');
      expect(UPSERT_SCRIPT).toContain("ctx.op = 'none'");
      expect(REMOVE_SCRIPT).toContain('source.version <= params.version');
      expect(REMOVE_SCRIPT).toContain('source.version = params.version');
      expect(REMOVE_SCRIPT).toContain('source.live = false');
    });

    it('removes only through versioned tombstones, never a delete that forgets the version', () => {
      const operations: Loose[] = buildRemoveOperations('products', [
        { product_id: 'prod_1', version: 7 },
        { product_id: 'prod_2', version: 3 },
      ]);

      expect(operations).toHaveLength(4);
      expect(operations.some((line) => 'delete' in line)).toBe(false);
      expect(operations[0]).toEqual({ update: { _index: 'products', _id: 'prod_1', retry_on_conflict: 3 } });
      expect(operations[1]).toMatchObject({
        upsert: {},
        scripted_upsert: true,
        script: { lang: 'painless', source: REMOVE_SCRIPT, params: { product_id: 'prod_1', version: 7 } },
      });
      expect(operations[3].script.params).toEqual({ product_id: 'prod_2', version: 3 });
    });

    it('applies stock and rating events as scripted upserts', () => {
      expect(buildStockUpdate('prod_1', 'low_stock', 9)).toMatchObject({
        scripted_upsert: true,
        script: { params: { product_id: 'prod_1', stock_status: 'low_stock', version: 9 } },
      });
      expect(buildRatingUpdate('prod_1', 4.5, 12, 3)).toMatchObject({
        scripted_upsert: true,
        script: { params: { product_id: 'prod_1', avg_rating: 4.5, review_count: 12, version: 3 } },
      });
    });
  });

  it('maps text, keyword, numeric, completion and bookkeeping fields', () => {
    expect(PRODUCT_INDEX_MAPPINGS.properties).toMatchObject({
      title: { type: 'text' },
      description: { type: 'text' },
      category: { type: 'keyword' },
      category_path: { type: 'keyword' },
      price_cents: { type: 'long' },
      compare_at_price_cents: { type: 'long' },
      on_sale: { type: 'boolean' },
      avg_rating: { type: 'double' },
      stock_status: { type: 'keyword' },
      created_at: { type: 'date' },
      suggest: { type: 'completion' },
      live: { type: 'boolean' },
      version: { type: 'long' },
    });
  });
});

/** A stand-in client that records requests and answers from a script. */
function fakeClient(answers: { search?: unknown[]; bulk?: unknown; exists?: boolean } = {}) {
  const calls: Array<{ method: string; params: Loose }> = [];
  const searchAnswers = [...(answers.search ?? [])];
  const record = (method: string) => async (params: Loose) => {
    calls.push({ method, params });
    if (method === 'search') return { body: searchAnswers.shift() };
    if (method === 'bulk') return { body: answers.bulk ?? { errors: false, items: [] } };
    if (method === 'indices.exists') return { body: answers.exists ?? false };
    if (method === 'count') return { body: { count: 3 } };
    return { body: {} };
  };
  const client: OpenSearchClientLike = {
    bulk: record('bulk'),
    update: record('update'),
    search: record('search'),
    count: record('count'),
    deleteByQuery: record('deleteByQuery'),
    indices: {
      exists: record('indices.exists'),
      create: record('indices.create'),
      putMapping: record('indices.putMapping'),
    },
  };
  return { client, calls };
}

const emptyResponse = { hits: { total: { value: 0 }, hits: [] }, aggregations: {} };

describe('OpenSearchSearchIndex', () => {
  it('creates the index with its mapping once, then writes in bulk with the configured refresh', async () => {
    const { client, calls } = fakeClient();
    const index = new OpenSearchSearchIndex(client, { index: 'products', refresh: true });

    await index.upsert([searchDocument({ product_id: 'prod_1' })]);
    await index.remove([{ product_id: 'prod_1', version: 2 }]);

    expect(calls.map((call) => call.method)).toEqual(['indices.exists', 'indices.create', 'bulk', 'bulk']);
    expect(calls[1]!.params.body.mappings).toBe(PRODUCT_INDEX_MAPPINGS);
    expect(calls[2]!.params).toMatchObject({ refresh: true });
    expect(calls[2]!.params.body).toHaveLength(2);
  });

  it('retries a multi-term query with any term when the strict pass finds nothing', async () => {
    const { client, calls } = fakeClient({
      exists: true,
      search: [emptyResponse, emptyResponse, emptyResponse],
    });
    const index = new OpenSearchSearchIndex(client, { index: 'products' });

    await index.search(query({ q: 'wireless mouse charger' }));
    await index.search(query({ q: 'mouse' }));

    const searches = calls.filter((call) => call.method === 'search');
    expect(searches.map((call) => call.params.body.query.bool.must[0].bool.minimum_should_match)).toEqual([
      '2<-25%',
      1,
      '2<-25%',
    ]);
  });

  it('reports failed bulk writes, tombstones included', async () => {
    const failing = fakeClient({
      exists: true,
      bulk: { errors: true, items: [{ update: { status: 400, error: { type: 'script_exception' } } }] },
    });
    const index = new OpenSearchSearchIndex(failing.client, { index: 'products' });

    await expect(index.upsert([searchDocument({ product_id: 'prod_1' })])).rejects.toBeInstanceOf(
      SearchIndexWriteError,
    );
    await expect(index.remove([{ product_id: 'prod_1', version: 2 }])).rejects.toBeInstanceOf(
      SearchIndexWriteError,
    );
  });

  it('counts only live products and sends no request for an empty suggestion prefix', async () => {
    const { client, calls } = fakeClient({ exists: true });
    const index = new OpenSearchSearchIndex(client, { index: 'products' });

    expect(await index.count()).toBe(3);
    expect(await index.suggest('', 5)).toEqual([]);
    expect(calls.map((call) => call.method)).toEqual(['indices.exists', 'indices.putMapping', 'count']);
    expect(calls[2]!.params.body).toEqual({ query: { term: { live: true } } });
  });

  it('works through the real client: a missing index created, NDJSON bulk writes, counts and hits read', async () => {
    const doc = searchDocument({ product_id: 'prod_1' });
    const cluster = await stubCluster({ hit: doc });
    try {
      const client = new Client({ node: cluster.url });
      const index = new OpenSearchSearchIndex(realClientFits(client), { index: 'products', refresh: true });

      await index.upsert([doc]);
      expect(await index.count()).toBe(7);
      expect((await index.search(query({ q: 'lamp' }))).results).toEqual([doc]);

      expect(cluster.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
        'HEAD /products',
        'PUT /products',
        'POST /_bulk?refresh=true',
        'POST /products/_count',
        'POST /products/_search',
      ]);
      const [created, bulk, count] = cluster.requests.slice(1, 4).map((request) => request.body);
      expect(JSON.parse(created!).mappings).toEqual(PRODUCT_INDEX_MAPPINGS);
      expect(
        bulk!
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line)),
      ).toEqual(buildUpsertOperations('products', [doc]));
      expect(JSON.parse(count!)).toEqual({ query: { term: { live: true } } });
    } finally {
      await cluster.stop();
    }
  });

  it('reads an existing index through the real client, adding new mapping fields rather than creating it', async () => {
    const cluster = await stubCluster({ hit: searchDocument({ product_id: 'prod_1' }), indexExists: true });
    try {
      const index = new OpenSearchSearchIndex(realClientFits(new Client({ node: cluster.url })), {
        index: 'products',
      });
      expect(await index.count()).toBe(7);
      expect(cluster.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
        'HEAD /products',
        'POST /products/_mapping',
        'POST /products/_count',
      ]);
      expect(JSON.parse(cluster.requests[1]!.body)).toEqual(PRODUCT_INDEX_MAPPINGS);
    } finally {
      await cluster.stop();
    }
  });
});

/**
 * An HTTP server answering the few OpenSearch APIs the adapter calls, as a cluster would, so
 * the real client's request encoding and response shape are what the adapter meets.
 */
async function stubCluster(options: { hit: SearchDocument; indexExists?: boolean }) {
  const requests: Array<{ method: string; path: string; body: string }> = [];
  const { hit } = options;
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';
    requests.push({ method, path, body: Buffer.concat(chunks).toString('utf8') });
    const reply = (status: number, body?: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (method === 'HEAD') return reply(options.indexExists ? 200 : 404);
    if (method === 'PUT') return reply(200, { acknowledged: true, index: 'products' });
    if (path === '/products/_mapping') return reply(200, { acknowledged: true });
    if (path.startsWith('/_bulk'))
      return reply(200, { took: 1, errors: false, items: [{ update: { status: 201 } }] });
    if (path.startsWith('/products/_count')) return reply(200, { count: 7 });
    if (path.startsWith('/products/_search')) {
      return reply(200, { hits: { total: { value: 1 }, hits: [{ _id: hit.product_id, _source: hit }] } });
    }
    reply(404, { error: { type: 'unexpected_request' } });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}

// Against a real cluster only when one is configured; the request-body tests above always run.
const openSearchUrl = process.env.OPENSEARCH_URL;
if (openSearchUrl) {
  const client = new Client({ node: openSearchUrl });
  const indexName = `bazaar-search-test-${process.pid}`;
  const shared = new OpenSearchSearchIndex(client, { index: indexName, refresh: true });

  describeSearchIndexBehaviour('OpenSearch', async () => {
    await shared.clear();
    return shared;
  });

  afterAll(async () => {
    await client.indices.delete({ index: indexName });
  });
}
