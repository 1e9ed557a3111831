import type { ReactNode } from 'react';
import type { CursorList } from '../api/use-cursor-list';
import { Button } from './button';
import { ErrorMessage } from './error-message';
import { Loading } from './loading';

/**
 * A cursor-paged list as every list page shows it: loading, the empty state, the items, an
 * error whose retry repeats what failed (the first page or the next), and "Show more".
 */
export function CursorListView<Item>({
  list,
  loadingLabel,
  empty,
  className,
  moreLabel,
  children,
}: {
  list: CursorList<Item>;
  loadingLabel: string;
  empty: ReactNode;
  className: string;
  moreLabel: string;
  children: (item: Item) => ReactNode;
}) {
  return (
    <>
      {list.loading ? <Loading label={loadingLabel} /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? empty : null}
      {list.items.length ? <ul className={className}>{list.items.map(children)}</ul> : null}
      {list.error ? (
        <ErrorMessage error={list.error} onRetry={list.items.length ? list.loadMore : list.reload} />
      ) : null}
      {list.hasMore && !list.loading ? (
        <Button variant="secondary" busy={list.loadingMore} onClick={list.loadMore}>
          {moreLabel}
        </Button>
      ) : null}
    </>
  );
}
