import type { OrderView } from '../../buying/api-types';
import { orderStatusLabel } from '../../buying/order-status';
import { formatMoney } from '../../components/money';

/**
 * A saga reason (`PAYMENT_DECLINED`) reads as words, and an amount in cents ("Refunded 1699
 * cents") as money; any other sentence from the API stays as it is.
 */
function noteText(note: string, currency: string): string {
  if (/^[A-Z_]+$/.test(note)) return note.toLowerCase().replace(/_/g, ' ');
  return note.replace(/\b(\d+) cents\b/g, (_, cents: string) => formatMoney(Number(cents), currency));
}

export function DateTime({ at }: { at: string }) {
  return <time dateTime={at}>{new Date(at).toLocaleString()}</time>;
}

/** Every status the order went through, oldest first, with when and why. */
export function OrderTimeline({ order }: { order: OrderView }) {
  return (
    <section aria-labelledby="order-timeline-heading">
      <h2 id="order-timeline-heading">Timeline</h2>
      <ol className="timeline">
        {order.timeline.map((entry) => (
          <li key={`${entry.at}-${entry.status}-${entry.note ?? ''}`}>
            <strong>{orderStatusLabel(entry.status)}</strong> <DateTime at={entry.at} />
            {entry.note ? (
              <span className="timeline-note"> — {noteText(entry.note, order.currency)}</span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
