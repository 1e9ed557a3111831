interface Units {
  product_id: string;
  quantity: number;
}

/** Units of the seller's lines not in any of their shipments yet (0: nothing left to ship). */
export function unitsToShip(order: { lines: Units[]; shipments: Array<{ items: Units[] }> }): number {
  const shipped = new Map<string, number>();
  for (const shipment of order.shipments)
    for (const item of shipment.items)
      shipped.set(item.product_id, (shipped.get(item.product_id) ?? 0) + item.quantity);
  return order.lines.reduce(
    (left, line) => left + Math.max(0, line.quantity - (shipped.get(line.product_id) ?? 0)),
    0,
  );
}

/** A moment as the seller pages show it: "Dec 2, 2026, 10:58 AM" in the reader's locale. */
export function shortDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
