import type { ProductRecord } from '../../../functions/catalog/product';
import { type ProductPageDeps, productPage } from '../../../functions/catalog/product-page';
import type { CatalogDeps } from '../../../functions/catalog/service';
import type { Feature } from '../../../shared/feature-flags';

const product: ProductRecord = {
  productId: 'prd_1',
  sellerId: 'usr_seller',
  title: 'Lamp',
  description: 'A lamp',
  category: 'home',
  priceCents: 4999,
  compareAtPriceCents: null,
  currency: 'USD',
  images: [],
  avgRating: 4.5,
  reviewCount: 2,
  ratingVersion: 1,
  stockStatus: 'in_stock',
  stockVersion: 1,
  listing: 'active',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
} as ProductRecord;

const summary = { average: 4.5, count: 2, histogram: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 1 } };
const together = [
  {
    product_id: 'prd_2',
    title: 'Bulb',
    category: 'home',
    price: 5,
    price_cents: 500,
    currency: 'USD',
    image: null,
    score: 1,
    reason: 'bought_together' as const,
  },
];

function deps(overrides: Partial<ProductPageDeps> = {}) {
  const leftOut: Array<[Feature, string]> = [];
  const page: ProductPageDeps = {
    catalog: { products: { get: async () => product } } as unknown as CatalogDeps,
    ratingSummary: async () => summary as never,
    boughtTogether: async () => together,
    isEnabled: async () => true,
    leftOut: (feature, error) => leftOut.push([feature, error.message]),
    ...overrides,
  };
  return { page, leftOut };
}

describe('productPage', () => {
  it('shows the product with its rating summary and what is bought with it', async () => {
    const page = await productPage('prd_1', deps().page);
    expect(page).toMatchObject({ product_id: 'prd_1', price: 49.99, price_cents: 4999 });
    expect(page.reviews).toEqual(summary);
    expect(page.frequently_bought_together).toEqual(together);
  });

  it('leaves out a part whose feature is switched off, without asking its service', async () => {
    const boughtTogether = jest.fn(async () => together);
    const { page } = deps({ isEnabled: async (feature) => feature !== 'recommendations', boughtTogether });
    const shown = await productPage('prd_1', page);
    expect(shown).not.toHaveProperty('frequently_bought_together');
    expect(shown.reviews).toEqual(summary);
    expect(boughtTogether).not.toHaveBeenCalled();
  });

  it('still answers when an optional service fails, and says which part it left out', async () => {
    const { page, leftOut } = deps({
      ratingSummary: async () => {
        throw new Error('reviews table unreachable');
      },
    });
    const shown = await productPage('prd_1', page);
    expect(shown).not.toHaveProperty('reviews');
    expect(shown.frequently_bought_together).toEqual(together);
    expect(leftOut).toEqual([['reviews', 'reviews table unreachable']]);
  });
});
