import { useId, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { formatMoney } from '../../components/money';
import { Link } from '../../router';
import { shortDateTime } from './order-units';
import { type SellerReturn, SHOP_CURRENCY } from './seller-types';

/**
 * Accepting refunds the buyer the items' value (and the shipping too, once every unit of the
 * order has come back: the API decides, the seller sees their own lines only); the units go
 * back on sale only when the seller says they can.
 */
function AcceptForm({
  request,
  onAccepted,
}: {
  request: SellerReturn;
  onAccepted(next: SellerReturn): void;
}) {
  const [resellable, setResellable] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const checkboxId = useId();
  const accept = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onAccepted(
        await unwrap(
          api.POST('/api/v1/seller/returns/{return_id}/accept', {
            params: { path: { return_id: request.return_id } },
            body: { resellable },
          }),
        ),
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="seller-accept">
      <div className="seller-checkbox">
        <input
          id={checkboxId}
          type="checkbox"
          checked={resellable}
          onChange={(event) => setResellable(event.target.checked)}
        />
        <label htmlFor={checkboxId}>Put the returned units back on sale</label>
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      <Button busy={busy} onClick={() => void accept()}>
        Accept the return
      </Button>
    </div>
  );
}

/** One return: what comes back and why, the refund, and accepting it (or how it was accepted). */
export function SellerReturnCard({
  request,
  titles,
  onChange,
}: {
  request: SellerReturn;
  /** Product id → title, as far as known (the return names products by id). */
  titles: ReadonlyMap<string, string>;
  onChange(next: SellerReturn): void;
}) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [notice, setNotice] = useState('');
  const accepted = (next: SellerReturn) => {
    onChange(next);
    setNotice('Accepted: the buyer is refunded.');
    heading.current?.focus();
  };
  return (
    <li className="seller-order" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        Return {request.return_id}
      </h2>
      <p className="seller-row-meta">
        <span className={`seller-status seller-status-${request.status}`}>
          {request.status === 'requested' ? 'To review' : 'Accepted'}
        </span>
        <span>Requested {shortDateTime(request.created_at)}</span>
        <span>
          Order <span className="seller-tracking">{request.order_id}</span>
        </span>
      </p>
      <ul className="seller-lines">
        {request.items.map((item) => (
          <li key={item.product_id}>
            {item.quantity} ×{' '}
            <Link to={`/seller/products/${encodeURIComponent(item.product_id)}`}>
              {titles.get(item.product_id) ?? item.product_id}
            </Link>
          </li>
        ))}
      </ul>
      <p>Reason: “{request.reason}”</p>
      <p>
        Items’ value: {formatMoney(request.amount_cents, SHOP_CURRENCY)}
        {request.status === 'requested'
          ? ', refunded when you accept (with the shipping when the whole order has come back).'
          : '.'}
      </p>
      {request.status === 'requested' ? (
        <AcceptForm request={request} onAccepted={accepted} />
      ) : (
        <p>
          Accepted{request.accepted_at ? ` ${shortDateTime(request.accepted_at)}` : ''}: the buyer was
          refunded;{' '}
          {request.resellable ? 'the units are back on sale.' : 'the units were not put back on sale.'}
        </p>
      )}
      <p role="status" className="seller-saved">
        {notice}
      </p>
    </li>
  );
}
