import { useEffect, useSyncExternalStore } from 'react';
import { api, unwrap } from './api/client';
import { useSession } from './session';

/**
 * The number of items in the cart, for the header's cart link. Pages that change the cart call
 * `refreshCartCount()`; sign-in refreshes it too, since the API merges the cookie cart then.
 */
let count = 0;
const listeners = new Set<() => void>();

export async function refreshCartCount(): Promise<void> {
  try {
    const cart = await unwrap(api.GET('/api/v1/cart'));
    count = cart.item_count;
  } catch {
    // The count is a convenience: the cart page shows the real error.
    return;
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The cart's item count, fetched again whenever the person signs in or out. */
export function useCartCount(): number {
  const session = useSession();
  const userId = session?.userId;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a sign-in or sign-out changes whose cart it is
  useEffect(() => {
    void refreshCartCount();
  }, [userId]);
  return useSyncExternalStore(subscribe, () => count);
}
