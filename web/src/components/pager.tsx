import { Link } from '../router';

/**
 * Previous / next links for a paged list; `hrefOf(page)` builds each page's URL, so a page is a
 * link that can be shared and opened in a new tab.
 */
export function Pager({
  page,
  pageSize,
  total,
  hrefOf,
}: {
  page: number;
  pageSize: number;
  total: number;
  hrefOf: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label="Pages">
      {page > 1 ? <Link to={hrefOf(page - 1)}>← Previous</Link> : <span aria-hidden="true" />}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <Link to={hrefOf(page + 1)}>Next →</Link> : <span aria-hidden="true" />}
    </nav>
  );
}
