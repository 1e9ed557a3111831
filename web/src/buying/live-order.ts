import { useCallback, useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import type { OrderView } from './api-types';

export function fetchOrder(orderId: string): Promise<OrderView> {
  return unwrap(api.GET('/api/v1/orders/{order_id}', { params: { path: { order_id: orderId } } }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks for the order until the checkout saga has settled it (it is no longer `pending`), or
 * until `timeoutMs` has passed: the order as last seen either way.
 */
export async function waitForSettledOrder(orderId: string, timeoutMs: number): Promise<OrderView> {
  const deadline = Date.now() + timeoutMs;
  let delay = 300;
  for (;;) {
    const order = await fetchOrder(orderId);
    if (order.status !== 'pending' || Date.now() + delay > deadline) return order;
    await sleep(delay);
    delay = Math.min(delay * 1.5, 2000);
  }
}

/**
 * The order, asked for again while the saga runs (`pending`), more slowly as it takes longer,
 * so its status and timeline move on the page without a reload. `replace` shows an order the
 * page got from a change it made (a cancel answers the order).
 */
export function useLiveOrder(orderId: string) {
  const [order, setOrder] = useState<OrderView | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` asks again after an error
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = 500;
    const load = async () => {
      try {
        const next = await fetchOrder(orderId);
        if (stopped) return;
        setOrder(next);
        setError(null);
        if (next.status !== 'pending') return;
        timer = setTimeout(load, delay);
        delay = Math.min(delay * 1.5, 5000);
      } catch (caught) {
        if (!stopped) setError(caught);
      }
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [orderId, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { order, error, retry, replace: setOrder };
}
