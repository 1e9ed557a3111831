import { z } from 'zod';
import { routes } from '../../../functions/manifest';
import {
  behaviourFor,
  cacheBehaviours,
  cacheControlOf,
  patternMatches,
} from '../../../shared/manifests/cache-behaviours';
import type { RouteDefinition } from '../../../shared/manifests/types';

const route = (overrides: Partial<RouteDefinition>): RouteDefinition => ({
  id: 'R',
  method: 'GET',
  path: '/api/v1/x',
  auth: 'public',
  handler: 'functions/x/handlers/x.handler',
  summary: 'x',
  tag: 'X',
  successStatus: 200,
  cache: { maxAgeSeconds: 0, sharedMaxAgeSeconds: 60 },
  ...overrides,
});

describe('cache behaviours from the routes manifest', () => {
  const behaviours = cacheBehaviours(routes);

  it('sends a product’s reviews and recommendations to their own behaviours, not the product page’s', () => {
    expect(behaviourFor(behaviours, '/api/v1/products/p_1')?.routeIds).toEqual(['GetProduct']);
    expect(behaviourFor(behaviours, '/api/v1/products/p_1/reviews')?.routeIds).toEqual(['ListReviews']);
    expect(behaviourFor(behaviours, '/api/v1/products/p_1/recommendations')?.routeIds).toEqual([
      'ProductRecommendations',
    ]);
    expect(behaviourFor(behaviours, '/api/v1/products')?.routeIds).toEqual(['ListProducts']);
    expect(behaviourFor(behaviours, '/api/v1/cart')).toBeUndefined();
  });

  it('keys each behaviour on the query strings its routes accept (search: 10, CloudFront’s 10)', () => {
    expect(behaviourFor(behaviours, '/api/v1/search')?.queryStrings).toEqual([
      'category',
      'in_stock',
      'max_price',
      'min_price',
      'min_rating',
      'on_sale',
      'page',
      'page_size',
      'q',
      'sort',
    ]);
    expect(behaviourFor(behaviours, '/api/v1/products')?.queryStrings).toContain('on_sale');
    expect(behaviourFor(behaviours, '/api/v1/products/p_1')?.queryStrings).toEqual([]);
  });

  it('matches paths as CloudFront does: case-sensitive, * across slashes', () => {
    expect(patternMatches('/api/v1/products/*', '/api/v1/products/a/b')).toBe(true);
    expect(patternMatches('/api/v1/products/*', '/API/v1/products/a')).toBe(false);
    expect(patternMatches('/api/v1/products', '/api/v1/products/')).toBe(false);
  });

  it('refuses a cache policy on a route that needs a signed-in caller, or is not a GET', () => {
    expect(() => cacheBehaviours([route({ auth: 'user' })])).toThrow(/signed-in/);
    expect(() => cacheBehaviours([route({ method: 'POST' })])).toThrow(/only GET/);
  });

  it('refuses a route whose query strings would not fit one cache policy', () => {
    const shape = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`q${i}`, z.string().optional()]));
    expect(() => cacheBehaviours([route({ query: z.object(shape) })])).toThrow(/11 query strings/);
  });

  it('tells browsers not to keep a product page, and the CDN to keep it for its purged lifetime', () => {
    const productPage = routes.find((each) => each.id === 'GetProduct')!;
    expect(cacheControlOf(productPage.cache!)).toBe(
      'public, max-age=0, s-maxage=300, stale-while-revalidate=30',
    );
  });
});
