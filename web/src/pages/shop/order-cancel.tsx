import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { OrderView } from '../../buying/api-types';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';

/** An order can be cancelled until something of it ships. */
export function canCancel(order: OrderView): boolean {
  return (order.status === 'pending' || order.status === 'paid') && order.shipments.length === 0;
}

/** Cancel, asked twice: the refund goes back to the card or wallet and the stock back on sale. */
export function CancelOrder({
  order,
  onCancelled,
}: {
  order: OrderView;
  onCancelled: (order: OrderView) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      const cancelled = await unwrap(
        api.POST('/api/v1/orders/{order_id}/cancel', { params: { path: { order_id: order.order_id } } }),
      );
      setConfirming(false);
      onCancelled(cancelled);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="order-cancel-heading" className="order-cancel">
      <h2 id="order-cancel-heading">Cancel</h2>
      {error ? <ErrorMessage error={error} /> : null}
      {confirming ? (
        <div className="confirm">
          <p>Cancel this order? Anything paid is refunded to where it came from.</p>
          <div className="form-actions">
            <Button variant="danger" busy={busy} onClick={cancel}>
              Yes, cancel the order
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => setConfirming(false)}>
              Keep the order
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Cancel order
        </Button>
      )}
    </section>
  );
}
