import { stockStatusOf } from '../../functions/inventory/stock-records';
import { canTransition, type OrderStatus } from '../../functions/orders/order';
import { searchDocumentOf } from '../../functions/search/documents';
import type { Item, Snapshot } from './snapshot';

export interface AuditOptions {
  now: number;
  /** The reconciler's age threshold: older `pending` orders and `charging` reservations are stuck. */
  reconcilerWindowSeconds: number;
  /** The release schedule's period: a `held` reservation may outlive its expiry by one run. */
  releaseEverySeconds: number;
}

export interface CheckResult {
  name: string;
  description: string;
  violations: number;
  /** The first few violations, each naming what broke. */
  examples: string[];
}

const EXAMPLES = 5;
const PAID_OR_LATER: ReadonlySet<string> = new Set(['paid', 'shipped', 'delivered', 'refunded']);
const UNPAID_END: ReadonlySet<string> = new Set(['failed', 'cancelled']);

function check(name: string, description: string, found: string[]): CheckResult {
  return { name, description, violations: found.length, examples: found.slice(0, EXAMPLES) };
}

const add = (map: Map<string, number>, key: string, value: number) =>
  map.set(key, (map.get(key) ?? 0) + value);

interface OrderLine {
  productId: string;
  quantity: number;
}
const linesOf = (order: Item) => (order.lines as OrderLine[] | undefined) ?? [];
const ordersOf = (snapshot: Snapshot) => snapshot.orders.filter((item) => item.type === 'ORDER');
const timelineOf = (order: Item) => (order.timeline as Array<{ status: OrderStatus }> | undefined) ?? [];

/** Per product, the three counters summed over its main record and shards. */
function stockTotals(snapshot: Snapshot) {
  const totals = new Map<
    string,
    { available: number; reserved: number; sold: number; opening?: number; threshold?: number }
  >();
  for (const item of snapshot.inventory) {
    if (item.type !== 'STOCK' && item.type !== 'STOCK_SHARD') continue;
    const productId = (item.pk as string).slice('STOCK#'.length);
    const total = totals.get(productId) ?? { available: 0, reserved: 0, sold: 0 };
    total.available += (item.available as number) ?? 0;
    total.reserved += (item.reserved as number) ?? 0;
    total.sold += (item.sold as number) ?? 0;
    if (item.type === 'STOCK') {
      total.opening = item.opening_available as number | undefined;
      total.threshold = item.low_stock_threshold as number | undefined;
    }
    totals.set(productId, total);
  }
  return totals;
}

export function stockChecks(snapshot: Snapshot, options: AuditOptions): CheckResult[] {
  const totals = stockTotals(snapshot);
  const moved = new Map<string, { available: number; reserved: number; sold: number }>();
  for (const item of snapshot.inventory) {
    if (item.type !== 'STOCK_MOVEMENT') continue;
    for (const line of item.lines as Array<{
      product_id: string;
      available: number;
      reserved: number;
      sold: number;
    }>) {
      const sum = moved.get(line.product_id) ?? { available: 0, reserved: 0, sold: 0 };
      sum.available += line.available;
      sum.reserved += line.reserved;
      sum.sold += line.sold;
      moved.set(line.product_id, sum);
    }
  }
  const movementBroken: string[] = [];
  for (const [productId, total] of totals) {
    const sum = moved.get(productId) ?? { available: 0, reserved: 0, sold: 0 };
    if (total.opening === undefined) {
      movementBroken.push(`${productId}: stock record has no opening balance`);
      continue;
    }
    const expected = { available: total.opening + sum.available, reserved: sum.reserved, sold: sum.sold };
    if (
      expected.available !== total.available ||
      expected.reserved !== total.reserved ||
      expected.sold !== total.sold
    ) {
      movementBroken.push(
        `${productId}: stock ${total.available}/${total.reserved}/${total.sold} (available/reserved/sold), movements say ${expected.available}/${expected.reserved}/${expected.sold}`,
      );
    }
  }
  for (const productId of moved.keys()) {
    if (!totals.has(productId)) movementBroken.push(`${productId}: movements without a stock record`);
  }

  const soldByOrders = new Map<string, number>();
  for (const order of ordersOf(snapshot)) {
    if (!PAID_OR_LATER.has(order.status as string)) continue;
    const returned = (order.returned_quantities as Record<string, number> | undefined) ?? {};
    for (const line of linesOf(order)) add(soldByOrders, line.productId, line.quantity);
    for (const [productId, quantity] of Object.entries(returned)) add(soldByOrders, productId, -quantity);
  }
  const soldBroken: string[] = [];
  for (const [productId, total] of totals) {
    const expected = soldByOrders.get(productId) ?? 0;
    if (expected !== total.sold) soldBroken.push(`${productId}: sold ${total.sold}, orders say ${expected}`);
  }

  const heldLate: string[] = [];
  const chargingLate: string[] = [];
  const heldDeadline = options.now - options.releaseEverySeconds * 1000;
  const chargingDeadline = options.now - options.reconcilerWindowSeconds * 1000;
  for (const item of snapshot.inventory) {
    if (item.type !== 'RESERVATION') continue;
    if (item.state === 'held' && Date.parse(item.expires_at as string) < heldDeadline) {
      heldLate.push(`${item.order_id}: held past ${item.expires_at}`);
    }
    if (item.state === 'charging' && Date.parse(item.updated_at as string) < chargingDeadline) {
      chargingLate.push(`${item.order_id}: charging since ${item.updated_at}`);
    }
  }
  return [
    check(
      'stock.movements',
      'every stock record equals its opening balance plus its movements',
      movementBroken,
    ),
    check('stock.sold', 'sold = units of paid/shipped/delivered/refunded orders less returns', soldBroken),
    check('stock.held-expired', 'no held reservation past its expiry plus one release run', heldLate),
    check('stock.charging-stale', 'no charging reservation older than the reconciler window', chargingLate),
  ];
}

/** Per order, what the provider kept (captured less refunded) and how many intents succeeded. */
function providerNet(snapshot: Snapshot) {
  const intentOrder = new Map<string, string>();
  const captured = new Map<string, number>();
  const succeeded = new Map<string, number>();
  for (const intent of snapshot.provider.intents) {
    const orderId = intent.metadata?.order_id;
    if (!orderId) continue;
    intentOrder.set(intent.id, orderId);
    if (intent.status !== 'succeeded') continue;
    add(succeeded, orderId, 1);
    add(captured, orderId, intent.amount_received);
  }
  for (const refund of snapshot.provider.refunds) {
    if (refund.status !== 'succeeded') continue;
    const intentId =
      typeof refund.payment_intent === 'string' ? refund.payment_intent : refund.payment_intent.id;
    const orderId = intentOrder.get(intentId);
    if (orderId) add(captured, orderId, -refund.amount);
  }
  return { captured, succeeded };
}

/** Per order, what the wallet ledger kept; per wallet, the sum of its ledger. */
function walletLedger(snapshot: Snapshot) {
  const walletNet = new Map<string, number>();
  const ledgerSum = new Map<string, number>();
  for (const item of snapshot.payments) {
    if (item.type !== 'LEDGER') continue;
    add(ledgerSum, item.pk as string, item.amount_cents as number);
    const reference = item.reference as string;
    if (item.kind === 'charge') add(walletNet, reference, -(item.amount_cents as number));
    if (item.kind === 'refund') add(walletNet, reference.split(':')[0]!, -(item.amount_cents as number));
  }
  return { walletNet, ledgerSum };
}

export function moneyChecks(snapshot: Snapshot): CheckResult[] {
  const { captured, succeeded } = providerNet(snapshot);
  const { walletNet, ledgerSum } = walletLedger(snapshot);
  const cardBroken: string[] = [];
  const unpaidBroken: string[] = [];
  const walletBroken: string[] = [];
  for (const order of ordersOf(snapshot)) {
    const orderId = order.order_id as string;
    const status = order.status as string;
    const owed = PAID_OR_LATER.has(status)
      ? (order.total_cents as number) - ((order.refunded_cents as number | undefined) ?? 0)
      : UNPAID_END.has(status)
        ? 0
        : undefined;
    if (owed === undefined) continue;
    const wallet = (order.payment_method as { type?: string } | undefined)?.type === 'wallet';
    const net = (wallet ? walletNet : captured).get(orderId) ?? 0;
    if (wallet) {
      if (net !== owed) walletBroken.push(`${orderId} (${status}): wallet ledger nets ${net}, owed ${owed}`);
    } else if (owed > 0 && (succeeded.get(orderId) ?? 0) !== 1) {
      cardBroken.push(`${orderId} (${status}): ${succeeded.get(orderId) ?? 0} succeeded charges`);
    } else if (net !== owed) {
      (owed === 0 ? unpaidBroken : cardBroken).push(
        `${orderId} (${status}): provider nets ${net}, owed ${owed}`,
      );
    }
  }
  const doubleCharged = [...succeeded]
    .filter(([, count]) => count > 1)
    .map(([orderId, count]) => `${orderId}: ${count} succeeded PaymentIntents`);
  const balanceBroken: string[] = [];
  for (const item of snapshot.payments) {
    if (!(item.pk as string).startsWith('WALLET#') || item.sk !== 'BALANCE') continue;
    const sum = ledgerSum.get(item.pk as string) ?? 0;
    if (sum !== item.balance_cents)
      balanceBroken.push(`${item.pk}: balance ${item.balance_cents}, ledger ${sum}`);
  }
  return [
    check(
      'money.paid-charged',
      'a paid or later card order: one succeeded charge netting total less refunded',
      cardBroken,
    ),
    check(
      'money.unpaid-nets-zero',
      'a failed or cancelled card order nets zero at the provider',
      unpaidBroken,
    ),
    check(
      'money.wallet-orders',
      'a wallet-paid order nets its total less refunded in the ledger',
      walletBroken,
    ),
    check('money.one-intent', 'at most one succeeded PaymentIntent per order', doubleCharged),
    check('money.wallet-balance', 'every wallet balance equals the sum of its ledger', balanceBroken),
  ];
}

export function orderChecks(snapshot: Snapshot, options: AuditOptions): CheckResult[] {
  const stale: string[] = [];
  const illegal: string[] = [];
  const deadline = options.now - options.reconcilerWindowSeconds * 1000;
  for (const order of ordersOf(snapshot)) {
    if (order.status === 'pending' && Date.parse(order.ordered_at as string) < deadline) {
      stale.push(`${order.order_id}: pending since ${order.ordered_at}`);
    }
    const steps = timelineOf(order).map((entry) => entry.status);
    const bad =
      steps[0] !== 'pending' ||
      steps.at(-1) !== order.status ||
      // A repeated status is a note on it (a partial refund, a shipment), not a move.
      steps.some((status, i) => i > 0 && status !== steps[i - 1] && !canTransition(steps[i - 1]!, status));
    if (bad) illegal.push(`${order.order_id}: ${steps.join(' → ')} (status ${order.status})`);
  }
  return [
    check('orders.pending-stale', 'no order pending longer than the reconciler window', stale),
    check('orders.timeline', 'every timeline starts pending, moves legally and ends at the status', illegal),
  ];
}

export function derivedChecks(snapshot: Snapshot): CheckResult[] {
  const reviewed = new Map<string, { sum: number; count: number }>();
  for (const item of snapshot.reviews) {
    if (item.type !== 'REVIEW' || !(item.pk as string).startsWith('PRODUCT#')) continue;
    const sum = reviewed.get(item.pk as string) ?? { sum: 0, count: 0 };
    sum.sum += item.rating as number;
    sum.count += 1;
    reviewed.set(item.pk as string, sum);
  }
  const ratingBroken: string[] = [];
  const aggregates = new Map(
    snapshot.reviews.filter((item) => item.sk === 'RATING').map((item) => [item.pk as string, item]),
  );
  for (const pk of new Set([...reviewed.keys(), ...aggregates.keys()])) {
    const expected = reviewed.get(pk) ?? { sum: 0, count: 0 };
    const aggregate = aggregates.get(pk);
    const sum = (aggregate?.rating_sum as number | undefined) ?? 0;
    const count = (aggregate?.rating_count as number | undefined) ?? 0;
    if (sum !== expected.sum || count !== expected.count) {
      ratingBroken.push(`${pk}: aggregate ${sum}/${count}, reviews ${expected.sum}/${expected.count}`);
    }
  }

  const markers = new Set(
    snapshot.carts.filter((item) => item.type === 'PAID_ORDER').map((item) => `${item.pk}|${item.sk}`),
  );
  const cartBroken: string[] = [];
  for (const order of ordersOf(snapshot)) {
    if (!timelineOf(order).some((entry) => entry.status === 'paid')) continue;
    if (!markers.has(`CART#${order.user_id}|PAID#${order.order_id}`)) {
      cartBroken.push(`${order.order_id}: paid, but its cart clean-up never ran`);
    }
  }

  const results = [
    check('derived.ratings', 'every rating aggregate equals the sum and count of its reviews', ratingBroken),
    check('derived.cart-cleanup', "every paid order's cart clean-up marker is there", cartBroken),
  ];
  if (snapshot.searchDocuments) results.push(searchCheck(snapshot));
  return results;
}

/** The index holds exactly the public products, at their price and stock status. */
function searchCheck(snapshot: Snapshot): CheckResult {
  const totals = stockTotals(snapshot);
  const indexed = new Map((snapshot.searchDocuments ?? []).map((doc) => [doc.product_id, doc]));
  const broken: string[] = [];
  const publicIds = new Set<string>();
  for (const item of snapshot.products) {
    const expected = searchDocumentOf(item);
    if (!expected) continue;
    publicIds.add(expected.product_id);
    const stock = totals.get(expected.product_id);
    const status = stock ? stockStatusOf(stock.available, stock.threshold) : expected.stock_status;
    const found = indexed.get(expected.product_id);
    if (!found) broken.push(`${expected.product_id}: public but not in the index`);
    else if (found.price_cents !== expected.price_cents || found.stock_status !== status) {
      broken.push(
        `${expected.product_id}: index has ${found.price_cents}/${found.stock_status}, product ${expected.price_cents}/${status}`,
      );
    }
  }
  for (const productId of indexed.keys()) {
    if (!publicIds.has(productId)) broken.push(`${productId}: in the index but not public`);
  }
  return check(
    'derived.search',
    'the search index matches the public products (price, stock status)',
    broken,
  );
}

export function runChecks(snapshot: Snapshot, options: AuditOptions): CheckResult[] {
  return [
    ...stockChecks(snapshot, options),
    ...moneyChecks(snapshot),
    ...orderChecks(snapshot, options),
    ...derivedChecks(snapshot),
  ];
}
