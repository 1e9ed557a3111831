import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { SearchDocument, SearchIndex } from '../../functions/search/search-index';

export type Item = Record<string, unknown>;

/** The provider's side of the money, as the Stripe-compatible server holds it. */
export interface ProviderState {
  intents: Array<{ id: string; status: string; amount_received: number; metadata: Record<string, string> }>;
  refunds: Array<{ amount: number; status: string; payment_intent: string | { id: string } }>;
}

/** Everything the audit reads, taken once so every check sees the same books. */
export interface Snapshot {
  inventory: Item[];
  orders: Item[];
  payments: Item[];
  reviews: Item[];
  carts: Item[];
  products: Item[];
  provider: ProviderState;
  /** The search index's documents; undefined when the index cannot be read from here. */
  searchDocuments?: SearchDocument[];
}

export type AuditTable = 'inventory' | 'orders' | 'payments' | 'reviews' | 'carts' | 'products';
export const AUDIT_TABLES: readonly AuditTable[] = [
  'inventory',
  'orders',
  'payments',
  'reviews',
  'carts',
  'products',
];

async function scanAll(doc: DynamoDBDocumentClient, tableName: string): Promise<Item[]> {
  const items: Item[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey, ConsistentRead: true }),
    );
    items.push(...((page.Items as Item[] | undefined) ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** Every document the index holds, page by page (the audit runs on a laptop-sized catalog). */
export async function searchDocuments(index: SearchIndex): Promise<SearchDocument[]> {
  const documents: SearchDocument[] = [];
  for (let page = 1; ; page++) {
    const { results, total } = await index.search({ sort: 'newest', page, page_size: 100 });
    documents.push(...results);
    if (results.length === 0 || documents.length >= total) return documents;
  }
}

/**
 * Reads the books straight from DynamoDB Local (the caller's client must not carry the
 * handlers' fault middleware: an audit that faults would report the faults, not the books).
 */
export async function takeSnapshot(input: {
  doc: DynamoDBDocumentClient;
  tableName: (id: AuditTable) => string;
  provider: () => Promise<ProviderState> | ProviderState;
  searchIndex?: SearchIndex;
}): Promise<Snapshot> {
  const [inventory, orders, payments, reviews, carts, products] = await Promise.all(
    AUDIT_TABLES.map((id) => scanAll(input.doc, input.tableName(id))),
  );
  return {
    inventory: inventory!,
    orders: orders!,
    payments: payments!,
    reviews: reviews!,
    carts: carts!,
    products: products!,
    provider: await input.provider(),
    searchDocuments: input.searchIndex ? await searchDocuments(input.searchIndex) : undefined,
  };
}
