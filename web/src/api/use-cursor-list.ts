import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

interface CursorPage<T> {
  items: T[];
  next_cursor: string | null;
}

/**
 * A list the API pages with a cursor, shown as one growing list: the first page loads with the
 * page, `more()` appends the next. `update` changes one item in place (after marking it read).
 */
export function useCursorList<T>(
  load: (cursor: string | undefined) => Promise<CursorPage<T>>,
  deps: DependencyList,
) {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (from: string | undefined, append: boolean) => {
      const mine = generation.current;
      setLoading(true);
      setError(null);
      try {
        const page = await load(from);
        if (mine !== generation.current) return;
        setItems((current) => (append && current ? [...current, ...page.items] : page.items));
        setCursor(page.next_cursor);
      } catch (caught) {
        if (mine === generation.current) setError(caught);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when `load` changed
    deps,
  );

  useEffect(() => {
    generation.current++;
    void fetchPage(undefined, false);
  }, [fetchPage]);

  return {
    items,
    loading,
    error,
    hasMore: cursor !== null,
    more: () => {
      if (cursor !== null) void fetchPage(cursor, true);
    },
    retry: () => void fetchPage(cursor ?? undefined, items !== null && cursor !== null),
    update: (change: (item: T) => T) => setItems((current) => current?.map(change) ?? null),
  };
}
