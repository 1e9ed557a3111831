import { EmbeddedSearchIndex } from '../../../functions/search/embedded/embedded-search-index';
import type { SearchDocument, SearchQuery } from '../../../functions/search/search-index';
import { describeSearchIndexBehaviour, searchDocument } from './search-behaviour';

describeSearchIndexBehaviour('embedded engine', async () => new EmbeddedSearchIndex());

const query = (overrides: Partial<SearchQuery>): SearchQuery => ({
  sort: 'relevance',
  page: 1,
  page_size: 20,
  ...overrides,
});

function widgets(count: number, version = 1, word = 'widget'): SearchDocument[] {
  return Array.from({ length: count }, (_, n) =>
    searchDocument({
      product_id: `prod_${String(n).padStart(6, '0')}`,
      title: `Sturdy ${word} number${n}`,
      description: 'Built to last.',
      price_cents: 100 + (n % 50),
      // Every tenth on sale, so the on-sale column is checked across compaction too.
      compare_at_price_cents: n % 10 === 0 ? 500 : null,
      version,
    }),
  );
}

describe('embedded engine — internals seen from outside', () => {
  it('stays correct across compaction after most documents change text', async () => {
    const index = new EmbeddedSearchIndex();
    await index.upsert(widgets(6_000));

    // New titles move every document to a new slot, leaving 6,000 dead ones to compact.
    await index.upsert(widgets(6_000, 2, 'gadget'));
    await index.remove(widgets(1_000, 2).map((doc) => ({ product_id: doc.product_id, version: 2 })));

    expect(await index.count()).toBe(5_000);
    expect((await index.search(query({ q: 'widget' }))).total).toBe(0);
    expect((await index.search(query({ q: 'gadget' }))).total).toBe(5_000);
    const exact = await index.search(query({ q: 'gadget number4321' }));
    expect(exact.results[0]?.product_id).toBe('prod_004321');
    await index.applyStock('prod_004321', 'out_of_stock', 2);
    expect((await index.search(query({ q: 'number4321', in_stock: true }))).total).toBe(0);
    const onSale = await index.search(query({ q: 'gadget', on_sale: true, page_size: 100 }));
    expect(onSale.total).toBe(500);
    expect(onSale.results.every((doc) => Number(doc.product_id.slice(5)) % 10 === 0)).toBe(true);
  });

  it('updates filter fields in place when the text is unchanged', async () => {
    const index = new EmbeddedSearchIndex();
    const [doc] = widgets(1);
    await index.upsert([doc!]);

    await index.upsert([{ ...doc!, price_cents: 99_999, category: 'kitchen', version: 2 }]);

    const page = await index.search(query({ q: 'sturdy', category: 'home', min_price_cents: 99_999 }));
    expect(page.results).toEqual([
      expect.objectContaining({ product_id: doc!.product_id, price_cents: 99_999 }),
    ]);
    expect(page.facets.categories).toEqual([
      { slug: 'home', count: 1 },
      { slug: 'kitchen', count: 1 },
    ]);
  });

  it('hands out copies, so callers cannot change what is indexed', async () => {
    const index = new EmbeddedSearchIndex();
    const [doc] = widgets(1);
    await index.upsert([doc!]);
    doc!.title = 'Mutated after upsert';

    const first = await index.search(query({ q: 'sturdy' }));
    first.results[0]!.price_cents = 1;

    expect((await index.search(query({ q: 'sturdy' }))).results[0]).toMatchObject({
      title: 'Sturdy widget number0',
      price_cents: 100,
    });
  });

  it('finds a product filed under a category outside the tree by that slug', async () => {
    const index = new EmbeddedSearchIndex();
    await index.upsert([
      searchDocument({ product_id: 'prod_x', title: 'Retro thing', category: 'retired-category' }),
    ]);

    const page = await index.search(query({ category: 'retired-category' }));

    expect(page.total).toBe(1);
    expect(page.facets.categories).toEqual([{ slug: 'retired-category', count: 1 }]);
  });
});
