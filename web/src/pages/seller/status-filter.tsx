import { Link } from '../../router';

/**
 * Links that filter a list by status, held in the URL (Back undoes a filter, a link shares it);
 * the one shown is marked as the current page.
 */
export function SellerStatusFilter({
  label,
  options,
  current,
  hrefOf,
}: {
  label: string;
  options: ReadonlyArray<readonly [value: string, label: string]>;
  current: string;
  hrefOf(value: string): string;
}) {
  return (
    <nav aria-label={label} className="seller-filter">
      <ul>
        {options.map(([value, text]) => (
          <li key={value}>
            <Link to={hrefOf(value)} aria-current={value === current ? 'page' : undefined}>
              {text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The filter the URL names, or `fallback` when it names none of the options. */
export function filterFrom<Value extends string>(
  options: ReadonlyArray<readonly [value: Value, label: string]>,
  value: string | null,
  fallback: Value,
): Value {
  return options.find(([option]) => option === value)?.[0] ?? fallback;
}
