import { CATEGORY_SLUGS, CATEGORY_TREE } from '../../../functions/catalog/categories';
import { CATALOG_EPOCH, generateCatalog, IMAGE_BASE_URL } from '../../../local/seed/catalog-generator';
import { isId } from '../../../shared/ids';
import { toCents } from '../../../shared/money';

const sellerIds = [
  'usr_01JD000000000000000000SEL1',
  'usr_01JD000000000000000000SEL2',
  'usr_01JD000000000000000000SEL3',
];
const catalog = (count: number, seed = 11) => Array.from(generateCatalog({ count, seed, sellerIds }));

describe('catalog generator', () => {
  const products = catalog(10_000);

  it('gives the same catalog for the same seed, and another for another seed', () => {
    expect(catalog(200)).toEqual(products.slice(0, 200));
    expect(catalog(200, 12).map((product) => product.title)).not.toEqual(
      products.slice(0, 200).map((p) => p.title),
    );
  });

  it('prices in major units with at most two decimals, in realistic bands', () => {
    const badPrices = products.filter((product) => {
      const cents = toCents(product.price);
      if (cents === undefined || cents <= 0 || cents >= 500_000) return true;
      return product.compare_at_price !== null && (toCents(product.compare_at_price) ?? 0) <= cents;
    });
    const onSale = products.filter((product) => product.compare_at_price !== null).length / products.length;

    expect(badPrices).toEqual([]);
    expect(onSale).toBeGreaterThan(0.15);
    expect(onSale).toBeLessThan(0.25);
  });

  it('files products under every node of the category tree, departments included', () => {
    const used = new Set(products.map((product) => product.category));

    expect([...used].every((slug) => CATEGORY_SLUGS.includes(slug))).toBe(true);
    expect(used).toEqual(new Set(CATEGORY_SLUGS));
    expect(CATEGORY_TREE.every((department) => used.has(department.slug))).toBe(true);
  });

  it('fills every field within its range', () => {
    // One expectation over all products: a failure names the product and the broken rule.
    const problems = products.flatMap((product) => {
      const created = Date.parse(product.created_at);
      const sentences = product.description.split(/(?<=\.)\s+/).length;
      const rules: Array<[string, boolean]> = [
        ['id', isId('prod', product.product_id)],
        ['seller', sellerIds.includes(product.seller_id)],
        ['title', product.title.length > 5],
        ['2-4 sentences', sentences >= 2 && sentences <= 4],
        ['stock 0-500', Number.isInteger(product.stock) && product.stock >= 0 && product.stock <= 500],
        ['1-3 images', product.images.length >= 1 && product.images.length <= 3],
        [
          'image urls',
          product.images.every((url) => url.startsWith(`${IMAGE_BASE_URL}/${product.category}/`)),
        ],
        ['rating 0-5', product.avg_rating >= 0 && product.avg_rating <= 5],
        ['one decimal', Math.round(product.avg_rating * 10) / 10 === product.avg_rating],
        ['unrated iff no reviews', (product.review_count === 0) === (product.avg_rating === 0)],
        ['created within the year', created > CATALOG_EPOCH - 366 * 86_400_000 && created <= CATALOG_EPOCH],
        ['updated after created', Date.parse(product.updated_at) >= created],
      ];
      return rules.filter(([, holds]) => !holds).map(([rule]) => `${product.product_id}: ${rule}`);
    });

    expect(problems).toEqual([]);
    expect(new Set(products.map((product) => product.product_id)).size).toBe(products.length);
    expect(products.some((product) => product.stock === 0)).toBe(true);
  });

  it('names the products shoppers search for', () => {
    const titled = (...words: string[]) =>
      products.filter((product) => words.every((word) => product.title.toLowerCase().includes(word))).length;

    expect(titled('wireless', 'headphones')).toBeGreaterThan(5);
    expect(titled('wireless', 'mouse')).toBeGreaterThan(2);
    expect(titled('wireless', 'charger')).toBeGreaterThan(2);
    expect(titled('coffee')).toBeGreaterThan(50);
    expect(titled('yoga mat')).toBeGreaterThan(10);
    expect(titled('lego')).toBeGreaterThan(20);
  });

  it('refuses a negative count or no sellers', () => {
    expect(() => catalog(-1)).toThrow(RangeError);
    expect(() => Array.from(generateCatalog({ count: 1, seed: 1, sellerIds: [] }))).toThrow(RangeError);
  });
});
