import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { OrderView, ReturnView } from '../../buying/api-types';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { Money } from '../../components/money';

/**
 * The API names a refused item by its place in the request (`items.1.quantity`); the form shows
 * it under that product's field.
 */
function errorsByProduct(error: unknown, sentProductIds: string[]): Map<string, string> {
  const byProduct = new Map<string, string>();
  if (!(error instanceof ApiError)) return byProduct;
  for (const [field, message] of Object.entries(error.fieldErrors)) {
    const match = /^items\.(\d+)\./.exec(field);
    const productId = match ? sentProductIds[Number(match[1])] : undefined;
    if (productId && !byProduct.has(productId)) byProduct.set(productId, message);
  }
  return byProduct;
}

function RequestedReturns({ returns, currency }: { returns: ReturnView[]; currency: string }) {
  return (
    <div role="status">
      <p>Return requested. The seller reviews it; the refund follows their acceptance.</p>
      <ul>
        {returns.map((requested) => (
          <li key={requested.return_id}>
            Return {requested.return_id}: <Money cents={requested.amount_cents} currency={currency} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Return delivered units: how many of each line, and why (one return per seller). */
export function ReturnLines({ order }: { order: OrderView }) {
  const [units, setUnits] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [sent, setSent] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [returns, setReturns] = useState<ReturnView[] | null>(null);
  const lineErrors = errorsByProduct(error, sent);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const formError = error instanceof ApiError ? (error.formMessage ?? fieldErrors.items) : error;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const items = order.lines
      .map((line) => ({ product_id: line.product_id, quantity: Number(units[line.product_id] ?? 0) }))
      .filter((item) => item.quantity !== 0);
    if (items.length === 0) {
      setError('Choose at least one unit to return.');
      return;
    }
    setSent(items.map((item) => item.product_id));
    setBusy(true);
    setError(null);
    try {
      const answer = await unwrap(
        api.POST('/api/v1/orders/{order_id}/returns', {
          params: { path: { order_id: order.order_id } },
          body: { items, reason },
        }),
      );
      setReturns(answer.returns);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="order-return-heading">
      <h2 id="order-return-heading">Return items</h2>
      {returns ? (
        <RequestedReturns returns={returns} currency={order.currency} />
      ) : (
        <form onSubmit={submit} noValidate className="return-form">
          {formError ? <ErrorMessage error={formError} /> : null}
          {order.lines.map((line) => (
            <Field
              key={line.product_id}
              label={`${line.title}: units to return`}
              type="number"
              inputMode="numeric"
              min={0}
              max={line.quantity}
              step={1}
              hint={`You bought ${line.quantity}.`}
              value={units[line.product_id] ?? '0'}
              onChange={(event) =>
                setUnits((current) => ({ ...current, [line.product_id]: event.target.value }))
              }
              error={lineErrors.get(line.product_id)}
            />
          ))}
          <Field
            as="textarea"
            label="Why are you returning them?"
            name="reason"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={fieldErrors.reason}
          />
          <Button type="submit" busy={busy}>
            Request the return
          </Button>
        </form>
      )}
    </section>
  );
}
