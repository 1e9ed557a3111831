import type { operations } from '../../api/schema';

/** The search page's URL parameters: the API's own query, so a URL is a search anyone can share. */
export type SearchState = Omit<NonNullable<operations['Search']['parameters']['query']>, 'page_size'>;

const KEYS = [
  'q',
  'category',
  'min_price',
  'max_price',
  'min_rating',
  'in_stock',
  'on_sale',
  'sort',
  'page',
] as const satisfies ReadonlyArray<keyof SearchState>;

type Changes = { [Key in keyof SearchState]?: SearchState[Key] | undefined };

/** The search parameters the URL holds (anything else in it is ignored). */
export function searchStateOf(query: URLSearchParams): SearchState {
  const state: Record<string, string> = {};
  for (const key of KEYS) {
    const value = query.get(key);
    if (value !== null && value !== '') state[key] = value;
  }
  return state as SearchState;
}

/**
 * The URL of this search with some parameters changed (`undefined` removes one). Any change
 * other than the page's starts again at page 1: page 7 of other results means nothing.
 */
export function searchHref(state: SearchState, changes: Changes): string {
  const next: Record<string, string | undefined> = { ...state, ...changes };
  if (!('page' in changes)) next.page = undefined;
  if (next.page === '1') next.page = undefined;
  if (next.sort === 'relevance') next.sort = undefined;
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = next[key];
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const query = params.toString();
  return query ? `/search?${query}` : '/search';
}

/** Whether any filter (not the words, the sort or the page) narrows the results. */
export function hasFilters(state: SearchState): boolean {
  return filterCount(state) > 0;
}

/** How many filters narrow the results (a price range counts once, whichever bounds it has). */
export function filterCount(state: SearchState): number {
  const price = state.min_price !== undefined || state.max_price !== undefined ? 1 : 0;
  const others = (['category', 'min_rating', 'in_stock', 'on_sale'] as const).filter(
    (key) => state[key] !== undefined,
  ).length;
  return price + others;
}

/** The cents of an amount as the API takes it in a query ("24.99" for 2499). */
export function queryAmount(cents: number): string {
  return (cents / 100).toFixed(2).replace(/\.00$/, '');
}
