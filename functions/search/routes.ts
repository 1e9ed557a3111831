import { defineRoute } from '../../shared/http/route';
import type { CachePolicy, ResourceUse } from '../../shared/manifests/types';
import {
  ListProductsQuerySchema,
  SearchQuerySchema,
  SearchResponse,
  SuggestQuerySchema,
  SuggestResponse,
} from './schemas';

const tag = 'Search';
const index: ResourceUse = { search: true };
/** Search and listing pages are never purged: they expire on this short lifetime alone. */
const shortCache: CachePolicy = {
  maxAgeSeconds: 30,
  sharedMaxAgeSeconds: 60,
  staleWhileRevalidateSeconds: 60,
};

export const searchRoute = defineRoute({
  id: 'Search',
  method: 'GET',
  path: '/api/v1/search',
  auth: 'public',
  handler: 'functions/search/handlers/search.handler',
  summary: 'Full-text search with filters, facets, sorting and stable pagination',
  tag,
  query: SearchQuerySchema,
  response: SearchResponse,
  successStatus: 200,
  cache: shortCache,
  uses: index,
});

export const suggestRoute = defineRoute({
  id: 'Suggest',
  method: 'GET',
  path: '/api/v1/search/suggest',
  auth: 'public',
  handler: 'functions/search/handlers/suggest.handler',
  summary: 'Type-ahead suggestions for a prefix',
  tag,
  query: SuggestQuerySchema,
  response: SuggestResponse,
  successStatus: 200,
  cache: { maxAgeSeconds: 300, sharedMaxAgeSeconds: 600, staleWhileRevalidateSeconds: 60 },
  uses: index,
});

export const listProductsRoute = defineRoute({
  id: 'ListProducts',
  method: 'GET',
  path: '/api/v1/products',
  auth: 'public',
  handler: 'functions/search/handlers/list-products.handler',
  summary: 'Browse products by category, sorted and paged (served from the search index)',
  tag: 'Catalog',
  query: ListProductsQuerySchema,
  response: SearchResponse,
  successStatus: 200,
  cache: shortCache,
  uses: index,
});

export const searchRoutes = [searchRoute, suggestRoute, listProductsRoute];
