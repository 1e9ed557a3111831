import type { OrderView } from '../../buying/api-types';
import { Money } from '../../components/money';
import { Link } from '../../router';
import { DateTime } from './order-timeline';

type Line = OrderView['lines'][number];
type Shipment = OrderView['shipments'][number];

/** The order's lines and shipments grouped by the seller who sends them, in the order's line order. */
function bySeller(order: OrderView): Array<{ sellerId: string; lines: Line[]; shipments: Shipment[] }> {
  const groups = new Map<string, { sellerId: string; lines: Line[]; shipments: Shipment[] }>();
  for (const line of order.lines) {
    const group = groups.get(line.seller_id) ?? { sellerId: line.seller_id, lines: [], shipments: [] };
    group.lines.push(line);
    groups.set(line.seller_id, group);
  }
  for (const shipment of order.shipments) groups.get(shipment.seller_id)?.shipments.push(shipment);
  return [...groups.values()];
}

function ShipmentDetails({ shipment, titles }: { shipment: Shipment; titles: Map<string, string> }) {
  return (
    <li className="shipment">
      <p>
        {shipment.carrier}, tracking number{' '}
        <strong className="tracking-number">{shipment.tracking_number}</strong>
      </p>
      <p>
        Shipped <DateTime at={shipment.shipped_at} />
        {shipment.delivered_at ? (
          <>
            ; delivered <DateTime at={shipment.delivered_at} />
          </>
        ) : (
          '; on its way'
        )}
      </p>
      <p className="field-hint">
        Contains:{' '}
        {shipment.items
          .map((item) => `${titles.get(item.product_id) ?? item.product_id} × ${item.quantity}`)
          .join(', ')}
      </p>
    </li>
  );
}

/** What each seller sends: the lines with their price at order, and their shipments with tracking. */
export function OrderShipments({ order }: { order: OrderView }) {
  const groups = bySeller(order);
  const titles = new Map(order.lines.map((line) => [line.product_id, line.title]));
  return (
    <section aria-labelledby="order-items-heading">
      <h2 id="order-items-heading">Items and shipments</h2>
      {groups.map((group, index) => (
        <section key={group.sellerId} className="seller-group" aria-label={`From seller ${index + 1}`}>
          {groups.length > 1 ? <h3>From seller {index + 1}</h3> : null}
          <ul className="order-lines">
            {group.lines.map((line) => (
              <li key={line.product_id}>
                <Link to={`/products/${line.product_id}`}>{line.title}</Link> × {line.quantity}{' '}
                <Money cents={line.line_total_cents} currency={order.currency} />
              </li>
            ))}
          </ul>
          {group.shipments.length > 0 ? (
            <ul className="shipments" aria-label="Shipments">
              {group.shipments.map((shipment) => (
                <ShipmentDetails key={shipment.shipment_id} shipment={shipment} titles={titles} />
              ))}
            </ul>
          ) : order.status === 'pending' || order.status === 'paid' ? (
            <p className="field-hint">Not shipped yet.</p>
          ) : null}
        </section>
      ))}
    </section>
  );
}
