const LABELS: Record<string, string> = {
  in_stock: 'In stock',
  low_stock: 'Only a few left',
  out_of_stock: 'Out of stock',
  insufficient_stock: 'Not enough in stock',
  unavailable: 'No longer available',
};

/** The product's stock badge, in words (never colour alone). */
export function StockBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status.replace(/_/g, '-')}`}>{LABELS[status] ?? status}</span>;
}
