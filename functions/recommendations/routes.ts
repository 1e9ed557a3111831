import { defineRoute } from '../../shared/http/route';
import {
  BestSellers,
  BestSellersQuery,
  ProductRecommendations,
  ProductRecommendationsParams,
  ProductRecommendationsQuery,
  ShopperRecommendations,
  ShopperRecommendationsQuery,
  ViewAccepted,
  ViewBody,
} from './schemas';

const tag = 'Recommendations';

export const boughtTogetherRoute = defineRoute({
  id: 'ProductRecommendations',
  method: 'GET',
  path: '/api/v1/products/{product_id}/recommendations',
  auth: 'public',
  handler: 'functions/recommendations/handlers/bought-together.handler',
  summary: 'Frequently bought together with this product (still on sale and in stock)',
  tag,
  params: ProductRecommendationsParams,
  query: ProductRecommendationsQuery,
  response: ProductRecommendations,
  successStatus: 200,
  cache: { maxAgeSeconds: 300, sharedMaxAgeSeconds: 600, staleWhileRevalidateSeconds: 60 },
  feature: 'recommendations',
  uses: { tables: { recommendations: 'read', products: 'read' } },
});

export const shopperRecommendationsRoute = defineRoute({
  id: 'ShopperRecommendations',
  method: 'GET',
  path: '/api/v1/recommendations',
  auth: 'optional',
  handler: 'functions/recommendations/handlers/for-shopper.handler',
  summary: 'Based on your browsing; best sellers (of a category) for new or anonymous shoppers',
  tag,
  query: ShopperRecommendationsQuery,
  response: ShopperRecommendations,
  successStatus: 200,
  feature: 'recommendations',
  uses: { tables: { recommendations: 'read', products: 'read', orders: 'read' } },
});

export const viewBeaconRoute = defineRoute({
  id: 'RecordView',
  method: 'POST',
  path: '/api/v1/recommendations/views',
  auth: 'optional',
  handler: 'functions/recommendations/handlers/record-view.handler',
  summary: 'View beacon from CDN-cached product pages (anonymous views count for popularity only)',
  tag,
  body: ViewBody,
  response: ViewAccepted,
  successStatus: 202,
  feature: 'recommendations',
  rateLimit: { bucket: 'views', perSecond: 20, burst: 40 },
  uses: { tables: { recommendations: 'readWrite', 'rate-limits': 'readWrite' } },
});

export const bestSellersRoute = defineRoute({
  id: 'BestSellers',
  method: 'GET',
  path: '/api/v1/products/best-sellers',
  auth: 'public',
  handler: 'functions/recommendations/handlers/best-sellers.handler',
  summary: 'Best sellers of the shop or of a category (units in paid orders; active products only)',
  tag,
  query: BestSellersQuery,
  response: BestSellers,
  successStatus: 200,
  // Not purged, like search: a product drafted or deleted leaves within this short lifetime.
  cache: { maxAgeSeconds: 30, sharedMaxAgeSeconds: 60, staleWhileRevalidateSeconds: 60 },
  feature: 'recommendations',
  uses: { tables: { recommendations: 'read', products: 'read' } },
});

export const recommendationRoutes = [
  boughtTogetherRoute,
  shopperRecommendationsRoute,
  viewBeaconRoute,
  bestSellersRoute,
];
