import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export interface CursorPage<Item> {
  items: Item[];
  next_cursor: string | null;
}

export interface CursorList<Item> {
  items: Item[];
  /** True while the first page loads (the list is empty then). */
  loading: boolean;
  /** True while a further page loads. */
  loadingMore: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore(): void;
  /** Loads the first page again (after the page changed something). */
  reload(): void;
  /** Replaces one item in place, with the answer of an action on it. */
  replace(match: (item: Item) => boolean, next: Item): void;
}

/**
 * A list the API pages by cursor (`next_cursor`), grown by "Show more". A change of `deps`
 * starts again from the first page, and an answer for older deps is dropped.
 */
export function useCursorList<Item>(
  load: (cursor: string | undefined) => Promise<CursorPage<Item>>,
  deps: DependencyList,
): CursorList<Item> {
  const [items, setItems] = useState<Item[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to start again
  useEffect(() => {
    const mine = ++generation.current;
    setLoading(true);
    setError(undefined);
    loadRef.current(undefined).then(
      (page) => {
        if (mine !== generation.current) return;
        setItems(page.items);
        setCursor(page.next_cursor);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(failure);
        setLoading(false);
      },
    );
  }, [...deps, attempt]);

  const loadMore = useCallback(() => {
    if (!cursor) return;
    const mine = generation.current;
    setLoadingMore(true);
    setError(undefined);
    loadRef.current(cursor).then(
      (page) => {
        if (mine !== generation.current) return;
        setItems((shown) => [...shown, ...page.items]);
        setCursor(page.next_cursor);
        setLoadingMore(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(failure);
        setLoadingMore(false);
      },
    );
  }, [cursor]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((match: (item: Item) => boolean, next: Item) => {
    setItems((shown) => shown.map((item) => (match(item) ? next : item)));
  }, []);

  return { items, loading, loadingMore, error, hasMore: cursor !== null, loadMore, reload, replace };
}

/**
 * The query of one page: `limit`, the filters that are set, and the cursor once past the first
 * page (the API refuses an empty `cursor` or `status`).
 */
export function pageQuery<Filters extends Record<string, string | undefined>>(
  limit: string,
  filters: Filters,
  cursor: string | undefined,
): { limit: string; cursor?: string } & Partial<Filters> {
  const set = Object.entries(filters).filter(([, value]) => value);
  return { limit, ...(Object.fromEntries(set) as Partial<Filters>), ...(cursor ? { cursor } : {}) };
}
