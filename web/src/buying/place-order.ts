import { useCallback, useRef, useState } from 'react';
import { api, unwrap } from '../api/client';
import { navigate } from '../router';
import type { OrderView } from './api-types';
import { attemptFingerprint, CheckoutAttempt } from './checkout-key';
import { waitForSettledOrder } from './live-order';

export type PlacePhase =
  | { kind: 'idle' }
  | { kind: 'placing' }
  | { kind: 'confirming'; orderId: string }
  | { kind: 'failed'; order: OrderView }
  | { kind: 'error'; error: unknown };

export interface PlaceOrderInput {
  lines: ReadonlyArray<{ item_id: string; quantity: number }>;
  addressId: string;
  /** The payment method's id; may first make one (the wallet's), so it runs inside the guard. */
  paymentMethodId: () => Promise<string>;
}

/** How long the checkout page waits for the saga before the order page takes over the waiting. */
const SETTLE_WAIT_MS = 20_000;

/**
 * Places the order once per click however fast the clicks come: a second call while one runs
 * does nothing, and every request of one attempt carries the same Idempotency-Key, so even two
 * requests make one order. The checkout answers 202 before the saga reserves and charges, so
 * the outcome is read from the order: a paid order opens its page; a failed one (a declined
 * card) stays here with the reason, the cart untouched, and the next try is a new attempt.
 */
export function usePlaceOrder() {
  const attempt = useRef(new CheckoutAttempt());
  const running = useRef(false);
  const [phase, setPhase] = useState<PlacePhase>({ kind: 'idle' });

  const place = useCallback(async (input: PlaceOrderInput) => {
    if (running.current) return;
    running.current = true;
    setPhase({ kind: 'placing' });
    try {
      const paymentMethodId = await input.paymentMethodId();
      const key = attempt.current.keyFor(attemptFingerprint(input.lines, input.addressId, paymentMethodId));
      const placed = await unwrap(
        api.POST('/api/v1/orders/checkout', {
          body: { shipping_address_id: input.addressId, payment_method_id: paymentMethodId },
          headers: { 'Idempotency-Key': key },
        }),
      );
      setPhase({ kind: 'confirming', orderId: placed.order_id });
      const order = await waitForSettledOrder(placed.order_id, SETTLE_WAIT_MS);
      if (order.status === 'failed') {
        attempt.current.finish();
        setPhase({ kind: 'failed', order });
        return;
      }
      navigate(`/orders/${order.order_id}`);
    } catch (error) {
      setPhase({ kind: 'error', error });
    } finally {
      running.current = false;
    }
  }, []);

  /** Forgets a shown failure (the person changed what they chose). */
  const clear = useCallback(() => {
    setPhase((current) =>
      current.kind === 'failed' || current.kind === 'error' ? { kind: 'idle' } : current,
    );
  }, []);

  return { phase, place, clear, busy: phase.kind === 'placing' || phase.kind === 'confirming' };
}
