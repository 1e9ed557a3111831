import { type FormEvent, useState } from 'react';
import type { operations } from '../../api/schema';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { Link, navigate } from '../../router';
import { filterCount, hasFilters, queryAmount, type SearchState, searchHref } from './search-url';

export type SearchFacets = operations['Search']['responses'][200]['content']['application/json']['facets'];
type PriceRange = SearchFacets['price_ranges'][number];

/** Categories shown before "Show all": the biggest, since the API sorts them by count. */
const CATEGORIES_SHOWN = 8;

interface FiltersProps {
  state: SearchState;
  facets: SearchFacets | undefined;
  currency: string;
  /** Messages the API gave for the price fields (min_price, max_price). */
  fieldErrors: Record<string, string>;
}

function FacetLink({
  to,
  selected,
  label,
  count,
}: {
  to: string;
  selected: boolean;
  label: string;
  count: number;
}) {
  return (
    <li>
      <Link to={to} aria-current={selected ? 'true' : undefined} className="facet-link">
        {label} <span className="facet-count">({count})</span>
      </Link>
    </li>
  );
}

function CategoryFacet({ state, facets }: Pick<FiltersProps, 'state' | 'facets'>) {
  const [all, setAll] = useState(false);
  const categories = facets?.categories ?? [];
  const shown = all ? categories : categories.slice(0, CATEGORIES_SHOWN);
  if (categories.length === 0 && !state.category) return null;
  return (
    <section className="facet" aria-labelledby="facet-category">
      <h3 id="facet-category">Category</h3>
      <ul>
        {state.category ? (
          <li>
            <Link to={searchHref(state, { category: undefined })}>All categories</Link>
          </li>
        ) : null}
        {shown.map((category) => (
          <FacetLink
            key={category.slug}
            to={searchHref(state, { category: category.slug })}
            selected={state.category === category.slug}
            label={category.name}
            count={category.count}
          />
        ))}
      </ul>
      {categories.length > CATEGORIES_SHOWN ? (
        <Button variant="link" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show fewer categories' : `Show all ${categories.length} categories`}
        </Button>
      ) : null}
    </section>
  );
}

/** A bound of a price range: whole amounts without cents ("$25"), as shops label them. */
function bound(cents: number, currency: string): string {
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency,
    maximumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
}

function rangeLabel(range: PriceRange, currency: string): string {
  if (range.from_cents === null) return `Under ${bound(range.to_cents ?? 0, currency)}`;
  if (range.to_cents === null) return `${bound(range.from_cents, currency)} and up`;
  return `${bound(range.from_cents, currency)} to ${bound(range.to_cents, currency)}`;
}

/** A range's bounds as the query's inclusive min_price / max_price (its upper bound is exclusive). */
function rangeBounds(range: PriceRange): { min_price?: string; max_price?: string } {
  return {
    min_price: range.from_cents === null ? undefined : queryAmount(range.from_cents),
    max_price: range.to_cents === null ? undefined : queryAmount(range.to_cents - 1),
  };
}

function PriceFacet({ state, facets, currency, fieldErrors }: FiltersProps) {
  const [min, setMin] = useState(state.min_price ?? '');
  const [max, setMax] = useState(state.max_price ?? '');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(searchHref(state, { min_price: min.trim() || undefined, max_price: max.trim() || undefined }));
  };
  const ranges = (facets?.price_ranges ?? []).filter((range) => range.count > 0);
  return (
    <section className="facet" aria-labelledby="facet-price">
      <h3 id="facet-price">Price</h3>
      <ul>
        {ranges.map((range) => {
          const bounds = rangeBounds(range);
          const selected = bounds.min_price === state.min_price && bounds.max_price === state.max_price;
          return (
            <FacetLink
              key={range.key}
              to={searchHref(state, bounds)}
              selected={selected}
              label={rangeLabel(range, currency)}
              count={range.count}
            />
          );
        })}
      </ul>
      <form className="price-form" onSubmit={apply} aria-label="Price range">
        <Field
          label="Min price"
          inputMode="decimal"
          value={min}
          onChange={(event) => setMin(event.target.value)}
          error={fieldErrors.min_price}
        />
        <Field
          label="Max price"
          inputMode="decimal"
          value={max}
          onChange={(event) => setMax(event.target.value)}
          error={fieldErrors.max_price}
        />
        <Button type="submit" variant="secondary">
          Apply price
        </Button>
      </form>
    </section>
  );
}

function RatingFacet({ state, facets }: Pick<FiltersProps, 'state' | 'facets'>) {
  const ratings = (facets?.ratings ?? []).filter((rating) => rating.count > 0);
  if (ratings.length === 0) return null;
  return (
    <section className="facet" aria-labelledby="facet-rating">
      <h3 id="facet-rating">Customer rating</h3>
      <ul>
        {ratings.map((rating) => (
          <FacetLink
            key={rating.min_rating}
            to={searchHref(state, { min_rating: String(rating.min_rating) })}
            selected={state.min_rating === String(rating.min_rating)}
            label={`${rating.min_rating} star${rating.min_rating === 1 ? '' : 's'} & up`}
            count={rating.count}
          />
        ))}
      </ul>
    </section>
  );
}

function Toggles({ state }: Pick<FiltersProps, 'state'>) {
  return (
    <fieldset className="facet facet-toggles">
      <legend>Show only</legend>
      <label>
        <input
          type="checkbox"
          checked={state.in_stock === 'true'}
          onChange={(event) =>
            navigate(searchHref(state, { in_stock: event.target.checked ? 'true' : undefined }))
          }
        />{' '}
        In stock
      </label>
      <label>
        <input
          type="checkbox"
          checked={state.on_sale === 'true'}
          onChange={(event) =>
            navigate(searchHref(state, { on_sale: event.target.checked ? 'true' : undefined }))
          }
        />{' '}
        On sale
      </label>
    </fieldset>
  );
}

/**
 * The facets of a search: each is a link to the same search narrowed by it (so Back undoes a
 * filter); on a phone they fold behind a "Filters" button above the results.
 */
export function SearchFilters(props: FiltersProps) {
  const [open, setOpen] = useState(false);
  const { state } = props;
  return (
    <aside className="search-filters" aria-labelledby="search-filters-heading">
      <button
        type="button"
        className="button button-secondary filters-toggle"
        aria-expanded={open}
        aria-controls="search-filters-panel"
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide filters' : filterCount(state) ? `Filters (${filterCount(state)} on)` : 'Filters'}
      </button>
      <div id="search-filters-panel" className={open ? 'filters-panel filters-panel-open' : 'filters-panel'}>
        <h2 id="search-filters-heading">Filters</h2>
        {hasFilters(state) ? (
          <p>
            <Link to={searchHref({ q: state.q, sort: state.sort }, {})}>Clear all filters</Link>
          </p>
        ) : null}
        <CategoryFacet {...props} />
        <PriceFacet key={`${state.min_price}-${state.max_price}`} {...props} />
        <RatingFacet {...props} />
        <Toggles state={state} />
      </div>
    </aside>
  );
}
