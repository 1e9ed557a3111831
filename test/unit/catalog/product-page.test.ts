import type { ProductRecord } from '../../../functions/catalog/product';
import { type ProductPageDeps, productPage } from '../../../functions/catalog/product-page';
import type { PagePartner, ProductPageStore } from '../../../functions/catalog/store';
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
  ratingHistogram: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 1 },
  ratingVersion: 1,
  stockStatus: 'in_stock',
  stockVersion: 1,
  listing: 'active',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const partner = (productId: string, status: PagePartner['product']['status']): PagePartner => ({
  score: 1,
  product: {
    productId,
    title: 'Bulb',
    category: 'home',
    priceCents: 500,
    currency: 'USD',
    imageUrl: null,
    status,
    version: 1,
    stockVersion: 1,
  },
});

function deps(overrides: Partial<ProductPageDeps> = {}) {
  const leftOut: Array<[Feature, string]> = [];
  const page: ProductPageDeps = {
    pages: {
      get: async () => ({
        product,
        boughtTogether: [
          partner('prd_2', 'active'),
          partner('prd_3', 'out_of_stock'),
          partner('prd_4', 'draft'),
        ],
      }),
    } as unknown as ProductPageStore,
    isEnabled: async () => true,
    leftOut: (feature, error) => leftOut.push([feature, error.message]),
    ...overrides,
  };
  return { page, leftOut };
}

describe('productPage', () => {
  it('shows the product with its rating summary and the partners still for sale', async () => {
    const page = await productPage('prd_1', deps().page);
    expect(page).toMatchObject({ product_id: 'prd_1', price: 49.99, price_cents: 4999 });
    expect(page.reviews).toEqual({ average: 4.5, count: 2, histogram: product.ratingHistogram });
    expect(page.frequently_bought_together).toEqual([
      {
        product_id: 'prd_2',
        title: 'Bulb',
        category: 'home',
        price: 5,
        price_cents: 500,
        currency: 'USD',
        image: null,
        score: 1,
        reason: 'bought_together',
      },
    ]);
  });

  it('leaves out a part whose feature is switched off', async () => {
    const { page } = deps({ isEnabled: async (feature) => feature !== 'recommendations' });
    const shown = await productPage('prd_1', page);
    expect(shown).not.toHaveProperty('frequently_bought_together');
    expect(shown.reviews).toBeDefined();
    const { page: noReviews } = deps({ isEnabled: async (feature) => feature !== 'reviews' });
    expect(await productPage('prd_1', noReviews)).not.toHaveProperty('reviews');
  });

  it('still answers when a switch cannot be read, and says which part it left out', async () => {
    const { page, leftOut } = deps({
      isEnabled: async (feature) => {
        if (feature === 'reviews') throw new Error('parameter store unreachable');
        return true;
      },
    });
    const shown = await productPage('prd_1', page);
    expect(shown).not.toHaveProperty('reviews');
    expect(shown.frequently_bought_together).toHaveLength(1);
    expect(leftOut).toEqual([['reviews', 'parameter store unreachable']]);
  });

  it('answers 404 for a draft, as for a product that does not exist', async () => {
    const { page } = deps({
      pages: {
        get: async () => ({ product: { ...product, listing: 'draft' }, boughtTogether: [] }),
      } as unknown as ProductPageStore,
    });
    await expect(productPage('prd_1', page)).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
