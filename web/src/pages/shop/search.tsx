import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { useApi } from '../../api/use-api';
import { Empty } from '../../components/empty';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { Loading } from '../../components/loading';
import { Pager } from '../../components/pager';
import { ProductGrid } from '../../components/product-card';
import { Link, navigate, usePageTitle, useRoute } from '../../router';
import { type SearchFacets, SearchFilters } from './search-filters';
import { hasFilters, type SearchState, searchHref, searchStateOf } from './search-url';
import './shop.css';

const PAGE_SIZE = 24;
/** The API serves pages 1 to 500; the pager offers no page beyond. */
const LAST_PAGE = 500;

const SORTS = [
  ['relevance', 'Best match'],
  ['price_asc', 'Price: low to high'],
  ['price_desc', 'Price: high to low'],
  ['rating', 'Customer rating'],
  ['newest', 'Newest'],
] as const;

function headingOf(state: SearchState, facets: SearchFacets | undefined): string {
  if (state.q) return `Results for “${state.q}”`;
  const category = facets?.categories.find((facet) => facet.slug === state.category);
  const what = state.category ? (category?.name ?? 'Products') : 'All products';
  return state.on_sale === 'true' ? `${what} on sale` : what;
}

function SortSelect({ state }: { state: SearchState }) {
  return (
    <Field
      as="select"
      label="Sort by"
      className="sort-select"
      value={state.sort ?? 'relevance'}
      onChange={(event) => navigate(searchHref(state, { sort: event.target.value as SearchState['sort'] }))}
    >
      {SORTS.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </Field>
  );
}

function countText(total: number, loading: boolean): string {
  if (loading) return 'Searching…';
  return `${total.toLocaleString()} product${total === 1 ? '' : 's'} found`;
}

/**
 * Search and browse: the URL holds the words, filters, sort and page, so Back and a shared link
 * show the same results. The API tolerates typos, so "headphnes" still finds headphones.
 */
export default function SearchPage() {
  const { query } = useRoute();
  const state = searchStateOf(query);
  const key = searchHref(state, { page: state.page });
  const search = useApi(
    () =>
      unwrap(api.GET('/api/v1/search', { params: { query: { ...state, page_size: String(PAGE_SIZE) } } })),
    [key],
  );
  const data = search.data;
  usePageTitle(headingOf(state, data?.facets));
  const fieldErrors = search.error instanceof ApiError ? search.error.fieldErrors : {};
  const page = Number(state.page ?? 1);
  return (
    <div className="search-page">
      <h1>{headingOf(state, data?.facets)}</h1>
      <p role="status" className="search-count">
        {data || search.status === 'loading' ? countText(data?.total ?? 0, search.status === 'loading') : ''}
      </p>
      <div className="search-layout">
        <SearchFilters
          key={key}
          state={state}
          facets={data?.facets}
          currency={data?.results[0]?.currency ?? 'USD'}
          fieldErrors={fieldErrors}
        />
        <section
          className="search-results"
          aria-labelledby="search-results-heading"
          aria-busy={search.status === 'loading'}
        >
          <div className="search-toolbar">
            <h2 id="search-results-heading" className="visually-hidden">
              Results
            </h2>
            <SortSelect state={state} />
          </div>
          {search.status === 'failed' ? <ErrorMessage error={search.error} onRetry={search.reload} /> : null}
          {!data && search.status === 'loading' ? <Loading label="Loading results…" /> : null}
          {data && data.results.length === 0 && search.status === 'done' ? (
            <Empty title={state.q ? `Nothing matches “${state.q}”` : 'No products match these filters'}>
              <p>
                Try other words
                {hasFilters(state) ? (
                  <>
                    {' or '}
                    <Link to={searchHref({ q: state.q }, {})}>search without filters</Link>
                  </>
                ) : null}
                .
              </p>
            </Empty>
          ) : null}
          {data && data.results.length > 0 ? <ProductGrid products={data.results} /> : null}
          {data ? (
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              total={Math.min(data.total, LAST_PAGE * PAGE_SIZE)}
              hrefOf={(target) => searchHref(state, { page: String(target) })}
            />
          ) : null}
        </section>
      </div>
    </div>
  );
}
