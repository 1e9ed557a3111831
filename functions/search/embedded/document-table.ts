import { documentOnSale, PRICE_RANGES, type SearchDocument, type StockStatus } from '../search-index';

export const STOCK_CODE: Readonly<Record<StockStatus, number>> = {
  in_stock: 0,
  low_stock: 1,
  out_of_stock: 2,
};
export const OUT_OF_STOCK_CODE = STOCK_CODE.out_of_stock;

const INITIAL_CAPACITY = 1024;

const PRICE_BOUNDS = PRICE_RANGES.slice(1).map((range) => range.from_cents!);
/** Whole stars 0–5. */
export const STAR_BUCKETS = 6;
export const FACET_CELLS_PER_CATEGORY = PRICE_RANGES.length * STAR_BUCKETS;

/** Index into PRICE_RANGES of the range holding `cents`. */
export function priceBucketOf(cents: number): number {
  let bucket = 0;
  while (bucket < PRICE_BOUNDS.length && cents >= PRICE_BOUNDS[bucket]!) bucket++;
  return bucket;
}

/**
 * One number for a document's category, price range and whole stars, so counting all three
 * facets over a result set is one increment per document into a small histogram. (Counting
 * them separately costs several times more: prices and ratings arrive in no predictable
 * order, and the branches on them mispredict.)
 */
export function facetCellOf(categoryCode: number, priceCents: number, rating: number): number {
  const stars = rating >= 5 ? 5 : rating > 0 ? Math.floor(rating) : 0;
  return (categoryCode * PRICE_RANGES.length + priceBucketOf(priceCents)) * STAR_BUCKETS + stars;
}
const MAX_FIELD_LENGTH = 0xffff;

/**
 * The indexed documents, one slot each, with the fields that filters, facets and sorts read
 * held in columns of typed arrays: a scan over 100,000 slots touches a few compact arrays
 * instead of 100,000 objects. A slot is never reused; a document whose text changes gets a new
 * slot (its postings are appended at the end), and `compact` renumbers slots once enough of
 * them are dead.
 */
export class DocumentTable {
  capacity = INITIAL_CAPACITY;
  /** Slots used so far, dead ones included. */
  slotCount = 0;
  liveCount = 0;
  titleLengthSum = 0;
  descriptionLengthSum = 0;

  documents: Array<SearchDocument | undefined> = [];
  productIds: string[] = [];
  live = new Uint8Array(INITIAL_CAPACITY);
  priceCents = new Float64Array(INITIAL_CAPACITY);
  rating = new Float64Array(INITIAL_CAPACITY);
  reviewCount = new Float64Array(INITIAL_CAPACITY);
  createdAt = new Float64Array(INITIAL_CAPACITY);
  categoryCode = new Uint16Array(INITIAL_CAPACITY);
  /** See {@link facetCellOf}. */
  facetCell = new Uint32Array(INITIAL_CAPACITY);
  stockCode = new Uint8Array(INITIAL_CAPACITY);
  /** 1 when the document is on sale ({@link documentOnSale}). */
  onSale = new Uint8Array(INITIAL_CAPACITY);
  /** Field lengths in terms, for BM25 length normalisation. */
  titleLength = new Uint16Array(INITIAL_CAPACITY);
  descriptionLength = new Uint16Array(INITIAL_CAPACITY);

  get deadCount(): number {
    return this.slotCount - this.liveCount;
  }

  append(
    document: SearchDocument,
    categoryCode: number,
    titleLength: number,
    descriptionLength: number,
  ): number {
    if (this.slotCount === this.capacity) this.resize(this.capacity * 2);
    const slot = this.slotCount++;
    this.live[slot] = 1;
    this.liveCount++;
    this.titleLength[slot] = Math.min(titleLength, MAX_FIELD_LENGTH);
    this.descriptionLength[slot] = Math.min(descriptionLength, MAX_FIELD_LENGTH);
    this.titleLengthSum += this.titleLength[slot]!;
    this.descriptionLengthSum += this.descriptionLength[slot]!;
    this.productIds[slot] = document.product_id;
    this.write(slot, document, categoryCode);
    return slot;
  }

  /** Replaces a live slot's document whose title and description are unchanged. */
  write(slot: number, document: SearchDocument, categoryCode: number): void {
    this.documents[slot] = document;
    this.priceCents[slot] = document.price_cents;
    this.rating[slot] = document.avg_rating;
    this.reviewCount[slot] = document.review_count;
    this.createdAt[slot] = Date.parse(document.created_at) || 0;
    this.categoryCode[slot] = categoryCode;
    this.facetCell[slot] = facetCellOf(categoryCode, document.price_cents, document.avg_rating);
    this.stockCode[slot] = STOCK_CODE[document.stock_status];
    this.onSale[slot] = documentOnSale(document) ? 1 : 0;
  }

  retire(slot: number): void {
    if (!this.live[slot]) return;
    this.live[slot] = 0;
    this.liveCount--;
    this.titleLengthSum -= this.titleLength[slot]!;
    this.descriptionLengthSum -= this.descriptionLength[slot]!;
    // The document object is the bulk of a slot's memory; the columns wait for `compact`.
    this.documents[slot] = undefined;
  }

  /**
   * Moves live slots down over dead ones, keeping their order, and returns the old → new slot
   * map (-1 for dead slots) so the postings and the id map can follow.
   */
  compact(): Int32Array {
    const slotMap = new Int32Array(this.slotCount).fill(-1);
    let next = 0;
    for (let slot = 0; slot < this.slotCount; slot++) {
      if (!this.live[slot]) continue;
      slotMap[slot] = next;
      if (next !== slot) {
        this.documents[next] = this.documents[slot];
        this.productIds[next] = this.productIds[slot]!;
        this.live[next] = 1;
        this.priceCents[next] = this.priceCents[slot]!;
        this.rating[next] = this.rating[slot]!;
        this.reviewCount[next] = this.reviewCount[slot]!;
        this.createdAt[next] = this.createdAt[slot]!;
        this.categoryCode[next] = this.categoryCode[slot]!;
        this.facetCell[next] = this.facetCell[slot]!;
        this.stockCode[next] = this.stockCode[slot]!;
        this.onSale[next] = this.onSale[slot]!;
        this.titleLength[next] = this.titleLength[slot]!;
        this.descriptionLength[next] = this.descriptionLength[slot]!;
      }
      next++;
    }
    this.live.fill(0, next, this.slotCount);
    this.documents.length = next;
    this.productIds.length = next;
    this.slotCount = next;
    return slotMap;
  }

  clear(): void {
    this.slotCount = 0;
    this.liveCount = 0;
    this.titleLengthSum = 0;
    this.descriptionLengthSum = 0;
    this.documents = [];
    this.productIds = [];
    this.resize(INITIAL_CAPACITY);
    this.live.fill(0);
  }

  private resize(capacity: number): void {
    this.capacity = capacity;
    this.live = resized(this.live, capacity);
    this.priceCents = resized(this.priceCents, capacity);
    this.rating = resized(this.rating, capacity);
    this.reviewCount = resized(this.reviewCount, capacity);
    this.createdAt = resized(this.createdAt, capacity);
    this.categoryCode = resized(this.categoryCode, capacity);
    this.facetCell = resized(this.facetCell, capacity);
    this.stockCode = resized(this.stockCode, capacity);
    this.onSale = resized(this.onSale, capacity);
    this.titleLength = resized(this.titleLength, capacity);
    this.descriptionLength = resized(this.descriptionLength, capacity);
  }
}

type Column = Uint8Array | Uint16Array | Uint32Array | Float64Array;

function resized<T extends Column>(column: T, capacity: number): T {
  const next = new (column.constructor as new (length: number) => T)(capacity);
  next.set(column.subarray(0, Math.min(column.length, capacity)) as never);
  return next;
}
