import { api } from '../support/api';

const seeded = (index: number) => `prod_SEED${String(index).padStart(22, '0')}`;

describe('the demo catalog a person can look at', () => {
  it('shows review counts and averages of reviews that exist, and lists them', async () => {
    // Every sixth demo product carries reviews; the first 36 hold six of them.
    const shown = await Promise.all(
      Array.from({ length: 36 }, async (_, i) => ({
        page: (await api('GET', `/api/v1/products/${seeded(i + 1)}`)).body,
        list: (await api('GET', `/api/v1/products/${seeded(i + 1)}/reviews?limit=50`)).body,
      })),
    );
    let checked = 0;
    for (const { page, list } of shown) {
      expect(list.items).toHaveLength(page.review_count);
      expect(page.reviews.count).toBe(page.review_count);
      if (page.review_count === 0) continue;
      const ratings = list.items.map((review: { rating: number }) => review.rating);
      const mean = ratings.reduce((sum: number, rating: number) => sum + rating, 0) / ratings.length;
      expect(page.avg_rating).toBeCloseTo(Math.round(mean * 10) / 10, 5);
      for (const star of ['1', '2', '3', '4', '5'])
        expect(page.reviews.histogram[star]).toBe(
          ratings.filter((rating: number) => String(rating) === star).length,
        );
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  }, 30_000);

  it('serves each product’s picture as a PNG from the local images bucket', async () => {
    const page = (await api('GET', `/api/v1/products/${seeded(7)}`)).body;
    expect(page.images).toHaveLength(1);
    const picture = await fetch(page.images[0].url);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await picture.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.readUInt32BE(16)).toBe(320); // IHDR width
  });
});
