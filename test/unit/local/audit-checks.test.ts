import { type AuditOptions, runChecks } from '../../../local/audit/checks';
import type { Item, Snapshot } from '../../../local/audit/snapshot';

const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const options: AuditOptions = { now: NOW, reconcilerWindowSeconds: 600, releaseEverySeconds: 60 };
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

const PRODUCT = 'prod_A';
const USER = 'usr_B';

/** One product of 10 units; a card order of 2 paid (its charge, movements, cart marker); a review. */
function balancedBooks(): Snapshot {
  const order: Item = {
    pk: 'ORDER#ord_1',
    sk: 'ORDER',
    type: 'ORDER',
    order_id: 'ord_1',
    user_id: USER,
    status: 'paid',
    total_cents: 2000,
    refunded_cents: 0,
    payment_method: { type: 'card' },
    lines: [{ productId: PRODUCT, quantity: 2 }],
    ordered_at: ago(30),
    timeline: [
      { status: 'pending', at: ago(30) },
      { status: 'paid', at: ago(29) },
    ],
  };
  return {
    inventory: [
      {
        pk: `STOCK#${PRODUCT}`,
        sk: 'STOCK',
        type: 'STOCK',
        available: 8,
        reserved: 0,
        sold: 2,
        opening_available: 10,
        low_stock_threshold: 5,
      },
      {
        pk: 'MOVE#1',
        sk: 'MOVE',
        type: 'STOCK_MOVEMENT',
        kind: 'reserve',
        lines: [{ product_id: PRODUCT, available: -2, reserved: 2, sold: 0 }],
      },
      {
        pk: 'MOVE#2',
        sk: 'MOVE',
        type: 'STOCK_MOVEMENT',
        kind: 'commit',
        lines: [{ product_id: PRODUCT, available: 0, reserved: -2, sold: 2 }],
      },
      {
        pk: 'RES#ord_1',
        sk: 'RES',
        type: 'RESERVATION',
        order_id: 'ord_1',
        state: 'committed',
        expires_at: ago(0),
      },
    ],
    orders: [order],
    payments: [
      { pk: `WALLET#${USER}`, sk: 'BALANCE', balance_cents: 500 },
      {
        pk: `WALLET#${USER}`,
        sk: 'LEDGER#top_up#t1',
        type: 'LEDGER',
        kind: 'top_up',
        reference: 't1',
        amount_cents: 500,
      },
    ],
    reviews: [
      { pk: `PRODUCT#${PRODUCT}`, sk: `REVIEW#${USER}`, type: 'REVIEW', rating: 4 },
      { pk: `PRODUCT#${PRODUCT}`, sk: 'RATING', type: 'RATING', rating_sum: 4, rating_count: 1 },
    ],
    carts: [{ pk: `CART#${USER}`, sk: 'PAID#ord_1', type: 'PAID_ORDER' }],
    products: [
      {
        pk: `PRODUCT#${PRODUCT}`,
        sk: 'PRODUCT',
        type: 'PRODUCT',
        product_id: PRODUCT,
        status: 'active',
        price_cents: 1000,
        stock_status: 'in_stock',
      },
    ],
    provider: {
      intents: [{ id: 'pi_1', status: 'succeeded', amount_received: 2000, metadata: { order_id: 'ord_1' } }],
      refunds: [],
    },
    searchDocuments: [{ product_id: PRODUCT, price_cents: 1000, stock_status: 'in_stock' } as never],
  };
}

function violations(snapshot: Snapshot): Record<string, number> {
  return Object.fromEntries(
    runChecks(snapshot, options)
      .filter((result) => result.violations > 0)
      .map((result) => [result.name, result.violations]),
  );
}

const find = (items: Item[], pk: string, sk: string) =>
  items.find((item) => item.pk === pk && item.sk === sk)!;

describe('the audit of the books', () => {
  it('finds nothing wrong in books that balance', () => {
    expect(violations(balancedBooks())).toEqual({});
  });

  it('catches a stock record that disagrees with its movements', () => {
    const books = balancedBooks();
    find(books.inventory, `STOCK#${PRODUCT}`, 'STOCK').available = 9;
    // 9 available is still in stock, so only the movements disagree.
    expect(violations(books)).toEqual({ 'stock.movements': 1 });
  });

  it('catches sold units that no paid order accounts for', () => {
    const books = balancedBooks();
    books.orders[0]!.lines = [{ productId: PRODUCT, quantity: 1 }];
    expect(violations(books)).toMatchObject({ 'stock.sold': 1 });
  });

  it('catches a held reservation past its expiry and a charging one past the reconciler window', () => {
    const books = balancedBooks();
    books.inventory.push(
      {
        pk: 'RES#ord_2',
        sk: 'RES',
        type: 'RESERVATION',
        order_id: 'ord_2',
        state: 'held',
        expires_at: ago(61),
      },
      {
        pk: 'RES#ord_3',
        sk: 'RES',
        type: 'RESERVATION',
        order_id: 'ord_3',
        state: 'held',
        expires_at: ago(30),
      },
      {
        pk: 'RES#ord_4',
        sk: 'RES',
        type: 'RESERVATION',
        order_id: 'ord_4',
        state: 'charging',
        updated_at: ago(601),
        expires_at: ago(0),
      },
    );
    expect(violations(books)).toEqual({ 'stock.held-expired': 1, 'stock.charging-stale': 1 });
  });

  it('catches a paid order without a charge, and one whose charge nets another amount', () => {
    const books = balancedBooks();
    books.provider.intents = [];
    expect(violations(books)).toEqual({ 'money.paid-charged': 1 });
    const refunded = balancedBooks();
    refunded.provider.refunds.push({ amount: 500, status: 'succeeded', payment_intent: 'pi_1' });
    expect(violations(refunded)).toEqual({ 'money.paid-charged': 1 });
  });

  it('catches a second succeeded PaymentIntent for one order', () => {
    const books = balancedBooks();
    books.provider.intents.push({
      id: 'pi_2',
      status: 'succeeded',
      amount_received: 2000,
      metadata: { order_id: 'ord_1' },
    });
    expect(violations(books)).toMatchObject({ 'money.one-intent': 1 });
  });

  it('catches a failed order that kept money at the provider', () => {
    const books = balancedBooks();
    books.orders.push({
      ...books.orders[0]!,
      order_id: 'ord_9',
      status: 'failed',
      timeline: [
        { status: 'pending', at: ago(30) },
        { status: 'failed', at: ago(29) },
      ],
    });
    books.provider.intents.push({
      id: 'pi_9',
      status: 'succeeded',
      amount_received: 2000,
      metadata: { order_id: 'ord_9' },
    });
    expect(violations(books)).toEqual({ 'money.unpaid-nets-zero': 1 });
  });

  it('checks wallet orders and balances against the ledger', () => {
    const books = balancedBooks();
    books.orders[0]!.payment_method = { type: 'wallet' };
    books.provider.intents = [];
    books.payments.push({
      pk: `WALLET#${USER}`,
      sk: 'LEDGER#charge#ord_1',
      type: 'LEDGER',
      kind: 'charge',
      reference: 'ord_1',
      amount_cents: -2000,
    });
    // The balance was not lowered with the charge: the ledger says -1500.
    expect(violations(books)).toEqual({ 'money.wallet-balance': 1 });
    find(books.payments, `WALLET#${USER}`, 'BALANCE').balance_cents = -1500;
    expect(violations(books)).toEqual({});
    books.payments.pop();
    find(books.payments, `WALLET#${USER}`, 'BALANCE').balance_cents = 500;
    expect(violations(books)).toEqual({ 'money.wallet-orders': 1 });
  });

  it('catches an order pending past the reconciler window and an illegal timeline', () => {
    const books = balancedBooks();
    books.orders.push({
      ...books.orders[0]!,
      order_id: 'ord_5',
      status: 'pending',
      ordered_at: ago(601),
      timeline: [{ status: 'pending', at: ago(601) }],
    });
    books.orders[0]!.timeline = [
      { status: 'pending', at: ago(30) },
      { status: 'shipped', at: ago(29) },
      { status: 'paid', at: ago(28) },
    ];
    expect(violations(books)).toEqual({ 'orders.pending-stale': 1, 'orders.timeline': 1 });
  });

  it('lets a repeated status (a note on it) pass as a legal timeline', () => {
    const books = balancedBooks();
    books.orders[0]!.timeline = [
      { status: 'pending', at: ago(30) },
      { status: 'paid', at: ago(29) },
      { status: 'paid', at: ago(28) },
    ];
    expect(violations(books)).toEqual({});
  });

  it('catches a rating aggregate off by one', () => {
    const books = balancedBooks();
    find(books.reviews, `PRODUCT#${PRODUCT}`, 'RATING').rating_count = 2;
    expect(violations(books)).toEqual({ 'derived.ratings': 1 });
  });

  it('catches a paid order whose cart clean-up never ran', () => {
    const books = balancedBooks();
    books.carts = [];
    expect(violations(books)).toEqual({ 'derived.cart-cleanup': 1 });
  });

  it('catches a search index that disagrees with the products and their stock', () => {
    const stale = balancedBooks();
    stale.searchDocuments = [{ product_id: PRODUCT, price_cents: 999, stock_status: 'in_stock' } as never];
    expect(violations(stale)).toEqual({ 'derived.search': 1 });
    const missing = balancedBooks();
    missing.searchDocuments = [];
    expect(violations(missing)).toEqual({ 'derived.search': 1 });
    const lowStock = balancedBooks();
    find(lowStock.inventory, `STOCK#${PRODUCT}`, 'STOCK').low_stock_threshold = 8;
    expect(violations(lowStock)).toEqual({ 'derived.search': 1 });
  });
});
