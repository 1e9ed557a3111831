import { type FormEvent, useId, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { formatMoney } from '../../components/money';
import { shortDateTime, unitsToShip } from './order-units';
import { type SellerOrder, SHOP_CURRENCY } from './seller-types';
import { useFormSubmit } from './use-form-submit';

const CARRIERS = ['UPS', 'USPS', 'FedEx', 'DHL'];

export const ORDER_STATUS_WORDS: Record<SellerOrder['status'], string> = {
  pending: 'Awaiting payment',
  paid: 'Paid: to ship',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  failed: 'Failed',
  refunded: 'Refunded',
};

function ShipForm({ order, onShipped }: { order: SellerOrder; onShipped(order: SellerOrder): void }) {
  const [carrier, setCarrier] = useState('UPS');
  const [tracking, setTracking] = useState('');
  const submit = useFormSubmit({ TRACKING_NUMBER_IN_USE: 'tracking_number' });
  const carriersId = useId();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run(async () => {
      onShipped(
        await unwrap(
          api.POST('/api/v1/seller/orders/{order_id}/ship', {
            params: { path: { order_id: order.order_id } },
            body: { carrier, tracking_number: tracking },
          }),
        ),
      );
    });
  };
  return (
    <form ref={submit.formRef} onSubmit={onSubmit} noValidate className="seller-form seller-ship-form">
      <div className="seller-form-row">
        <Field
          label="Carrier"
          name="carrier"
          list={carriersId}
          required
          value={carrier}
          error={submit.fieldErrors.carrier}
          onChange={(event) => setCarrier(event.target.value)}
        />
        <datalist id={carriersId}>
          {CARRIERS.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <Field
          label="Tracking number"
          name="tracking_number"
          required
          autoComplete="off"
          value={tracking}
          error={submit.fieldErrors.tracking_number}
          onChange={(event) => setTracking(event.target.value)}
        />
      </div>
      {submit.formError ? <ErrorMessage error={submit.formError} /> : null}
      <Button type="submit" busy={submit.busy}>
        Mark shipped
      </Button>
    </form>
  );
}

function Shipments({ order }: { order: SellerOrder }) {
  if (order.shipments.length === 0) return null;
  return (
    <ul className="seller-shipments">
      {order.shipments.map((shipment) => (
        <li key={shipment.shipment_id}>
          {shipment.carrier} <span className="seller-tracking">{shipment.tracking_number}</span>, shipped{' '}
          {shortDateTime(shipment.shipped_at)}
          {shipment.delivered_at ? `, delivered ${shortDateTime(shipment.delivered_at)}` : ', on its way'}
        </li>
      ))}
    </ul>
  );
}

/**
 * One order as its seller sees it (their lines and shipments only): where it goes, what to
 * pack, and the next step — ship it with a carrier and tracking number, or mark it delivered.
 */
export function SellerOrderCard({
  order,
  onChange,
}: {
  order: SellerOrder;
  onChange(order: SellerOrder): void;
}) {
  const [delivering, setDelivering] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const left = unitsToShip(order);
  const undelivered = order.shipments.some((shipment) => !shipment.delivered_at);
  const address = order.shipping_address;
  const headingId = useId();

  // The form or button just used is gone with the step it offered: focus returns to the order.
  const changed = (next: SellerOrder, words: string) => {
    onChange(next);
    setNotice(words);
    heading.current?.focus();
  };

  const deliver = async () => {
    setDelivering(true);
    setError(undefined);
    try {
      const next = await unwrap(
        api.POST('/api/v1/seller/orders/{order_id}/deliver', {
          params: { path: { order_id: order.order_id } },
        }),
      );
      changed(next, 'Marked delivered.');
    } catch (failure) {
      setError(failure);
    } finally {
      setDelivering(false);
    }
  };

  return (
    <li className="seller-order" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        Order {order.order_id}
      </h2>
      <p className="seller-row-meta">
        <span className={`seller-status seller-status-${order.status}`}>
          {ORDER_STATUS_WORDS[order.status]}
        </span>
        <span>Ordered {shortDateTime(order.ordered_at)}</span>
      </p>
      <ul className="seller-lines">
        {order.lines.map((line) => (
          <li key={line.product_id}>
            {line.quantity} × {line.title} — {formatMoney(line.line_total_cents, SHOP_CURRENCY)}
          </li>
        ))}
      </ul>
      <p className="seller-address">
        Ship to {address.name}, {address.line1}
        {address.line2 ? `, ${address.line2}` : ''}, {address.city}
        {address.region ? `, ${address.region}` : ''} {address.postal_code}, {address.country}
      </p>
      <Shipments order={order} />
      {order.status === 'paid' && left > 0 ? (
        <ShipForm order={order} onShipped={(next) => changed(next, 'Shipped.')} />
      ) : null}
      <p role="status" className="seller-saved">
        {notice}
      </p>
      {error ? <ErrorMessage error={error} /> : null}
      {undelivered ? (
        <Button variant="secondary" busy={delivering} onClick={() => void deliver()}>
          Mark delivered
        </Button>
      ) : null}
    </li>
  );
}
