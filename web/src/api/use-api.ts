import { type DependencyList, useCallback, useEffect, useState } from 'react';

export type ApiState<T> =
  | { status: 'loading'; data?: T; error?: undefined }
  | { status: 'done'; data: T; error?: undefined }
  | { status: 'failed'; data?: T; error: unknown };

/**
 * Loads data for a page with the typed client: `useApi(() => unwrap(api.GET(...)), [id])`.
 * A load whose dependencies changed before it answered is dropped, so a slow answer never
 * overwrites a newer one. `reload()` asks again (after a change the page made).
 */
export function useApi<T>(load: () => Promise<T>, deps: DependencyList): ApiState<T> & { reload(): void } {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again
  useEffect(() => {
    let current = true;
    setState((previous) => ({ status: 'loading', data: previous.data }));
    load().then(
      (data) => current && setState({ status: 'done', data }),
      (error: unknown) =>
        current && setState((previous) => ({ status: 'failed', error, data: previous.data })),
    );
    return () => {
      current = false;
    };
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
