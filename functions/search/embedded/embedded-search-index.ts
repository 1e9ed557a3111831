import { minimumTermsToMatch, queryTerms, tokenize } from '../analysis';
import type {
  ProductRemoval,
  SearchDocument,
  SearchIndex,
  SearchPage,
  SearchQuery,
  StockStatus,
} from '../search-index';
import { CategoryCodes } from './category-codes';
import { DocumentTable, OUT_OF_STOCK_CODE } from './document-table';
import { countFacets } from './facet-counts';
import { InvertedIndex } from './inverted-index';
import { newProductState, type ProductState, reconcile } from './product-state';
import { comparatorFor } from './slot-order';
import { SuggestionPhrases } from './suggestion-phrases';
import { selectTop } from './top-k';

/** BM25 parameters (Lucene's defaults) and the title's weight against the description. */
const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 3;

/** Compact once dead slots are both numerous and a quarter of the table. */
const COMPACTION_MIN_DEAD = 4096;
const COMPACTION_DEAD_RATIO = 0.25;

interface CompiledFilter {
  categoryMask: Uint8Array | null;
  minPriceCents: number;
  maxPriceCents: number;
  minRating: number;
  excludeOutOfStock: boolean;
  onSaleOnly: boolean;
}

/**
 * The search index in memory: what the local runtime and the tests use in place of OpenSearch.
 *
 * Documents live in slots of a {@link DocumentTable} whose filter, facet and sort fields are
 * typed-array columns; title and description terms go to an {@link InvertedIndex} of slot
 * postings. A text query scores each term's postings with BM25F (title weighted 3×) into
 * per-slot accumulators, keeps documents matching enough terms, filters them on the columns,
 * counts all facets with one histogram increment per match, and picks the requested page with
 * a bounded heap (ties broken by product id). Writes are
 * incremental: a text change retires the old slot and appends a new one; compaction reclaims
 * retired slots once they are a quarter of the table.
 *
 * Every method is synchronous inside, so the shared scratch arrays are never used by two
 * queries at once.
 */
export class EmbeddedSearchIndex implements SearchIndex {
  private readonly table = new DocumentTable();
  private readonly text = new InvertedIndex();
  private readonly suggestions = new SuggestionPhrases();
  private readonly categories = new CategoryCodes();
  private readonly products = new Map<string, ProductState>();

  // Per-slot query scratch, sized to the table and reset after each query.
  private scores = new Float64Array(0);
  private matchedTerms = new Uint8Array(0);
  private termBest = new Float64Array(0);
  private termStamp = new Int32Array(0);
  private touched = new Int32Array(0);
  private termTouched = new Int32Array(0);
  private candidates = new Int32Array(0);
  /** Slots the current text query touched: the ones to filter, then to reset. */
  private touchedCount = 0;
  private stamp = 0;

  async upsert(docs: SearchDocument[]): Promise<void> {
    for (const doc of docs) this.upsertOne(doc);
    this.compactIfWorthIt();
  }

  async remove(removals: ProductRemoval[]): Promise<void> {
    for (const { product_id: productId, version } of removals) {
      const state = this.products.get(productId);
      if (state && state.version !== null && state.version > version) continue;
      const held = state ?? newProductState();
      if (held.slot >= 0) {
        // Keep the stock and rating: a later, newer product upsert may still want them.
        const document = this.table.documents[held.slot]!;
        held.stockStatus = document.stock_status;
        held.avgRating = document.avg_rating;
        held.reviewCount = document.review_count;
        this.retireSlot(held.slot);
        held.slot = -1;
      }
      held.version = version;
      this.products.set(productId, held);
    }
    this.compactIfWorthIt();
  }

  async applyStock(productId: string, stockStatus: StockStatus, version: number): Promise<void> {
    const state = this.stateFor(productId);
    if (state.stockVersion !== null && version <= state.stockVersion) return;
    state.stockVersion = version;
    if (state.slot < 0) {
      state.stockStatus = stockStatus;
      return;
    }
    const document = this.table.documents[state.slot]!;
    this.rewrite(state.slot, { ...document, stock_status: stockStatus, stock_version: version });
  }

  async applyRating(
    productId: string,
    avgRating: number,
    reviewCount: number,
    version: number,
  ): Promise<void> {
    const state = this.stateFor(productId);
    if (state.ratingVersion !== null && version <= state.ratingVersion) return;
    state.ratingVersion = version;
    if (state.slot < 0) {
      state.avgRating = avgRating;
      state.reviewCount = reviewCount;
      return;
    }
    const document = this.table.documents[state.slot]!;
    this.rewrite(state.slot, {
      ...document,
      avg_rating: avgRating,
      review_count: reviewCount,
      rating_version: version,
    });
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    const filter = this.compileFilter(query);
    const terms = queryTerms(query.q);
    const hasText = terms.length > 0;
    const candidateCount = hasText ? this.matchText(terms, filter) : this.browse(filter);
    try {
      const facets = countFacets(this.table, this.categories, this.candidates, candidateCount);
      const pageSize = Math.max(1, Math.floor(query.page_size));
      const page = Math.max(1, Math.floor(query.page));
      const skip = (page - 1) * pageSize;
      let results: SearchDocument[] = [];
      if (skip < candidateCount) {
        const ranked = selectTop(
          this.candidates,
          candidateCount,
          skip + pageSize,
          comparatorFor(this.table, this.scores, query, hasText),
        );
        results = Array.from(ranked.subarray(skip), (slot) => ({ ...this.table.documents[slot]! }));
      }
      return { results, total: candidateCount, facets };
    } finally {
      if (hasText) this.resetTextScratch();
    }
  }

  async suggest(prefix: string, limit: number): Promise<string[]> {
    return this.suggestions.complete(prefix, Math.floor(limit));
  }

  async count(): Promise<number> {
    return this.table.liveCount;
  }

  async clear(): Promise<void> {
    this.table.clear();
    this.text.clear();
    this.suggestions.clear();
    this.products.clear();
    this.ensureScratchCapacity();
  }

  // ── writes ────────────────────────────────────────────────────────────────────────────────

  private stateFor(productId: string): ProductState {
    let state = this.products.get(productId);
    if (!state) {
      state = newProductState();
      this.products.set(productId, state);
    }
    return state;
  }

  private upsertOne(incoming: SearchDocument): void {
    const state = this.stateFor(incoming.product_id);
    const current = state.slot >= 0 ? this.table.documents[state.slot] : undefined;
    const next = reconcile(state, current, incoming);
    if (!next) return;

    if (current && current.title === next.title && current.description === next.description) {
      this.rewrite(state.slot, next);
      return;
    }
    if (state.slot >= 0) this.retireSlot(state.slot);
    state.slot = this.appendSlot(next);
  }

  private appendSlot(document: SearchDocument): number {
    const titleTerms = tokenize(document.title);
    const descriptionTerms = tokenize(document.description);
    const slot = this.table.append(
      document,
      this.categories.codeOf(document.category),
      titleTerms.length,
      descriptionTerms.length,
    );
    this.text.add(slot, titleTerms, descriptionTerms);
    this.suggestions.add(document.title);
    return slot;
  }

  /** Replaces a live slot's document when its text is unchanged: no postings move. */
  private rewrite(slot: number, document: SearchDocument): void {
    this.table.write(slot, document, this.categories.codeOf(document.category));
  }

  private retireSlot(slot: number): void {
    const document = this.table.documents[slot];
    if (!document) return;
    this.text.retire(tokenize(document.title), tokenize(document.description));
    this.suggestions.remove(document.title);
    this.table.retire(slot);
  }

  private compactIfWorthIt(): void {
    const dead = this.table.deadCount;
    if (dead < COMPACTION_MIN_DEAD || dead < this.table.slotCount * COMPACTION_DEAD_RATIO) return;
    const slotMap = this.table.compact();
    this.text.compact(slotMap);
    for (const state of this.products.values()) {
      if (state.slot >= 0) state.slot = slotMap[state.slot]!;
    }
  }

  // ── queries ───────────────────────────────────────────────────────────────────────────────

  private compileFilter(query: SearchQuery): CompiledFilter {
    return {
      categoryMask: query.category ? this.categories.coveringMask(query.category) : null,
      minPriceCents: query.min_price_cents ?? Number.NEGATIVE_INFINITY,
      maxPriceCents: query.max_price_cents ?? Number.POSITIVE_INFINITY,
      minRating: query.min_rating ?? Number.NEGATIVE_INFINITY,
      excludeOutOfStock: query.in_stock === true,
      onSaleOnly: query.on_sale === true,
    };
  }

  private passes(slot: number, filter: CompiledFilter): boolean {
    const table = this.table;
    if (filter.categoryMask !== null && filter.categoryMask[table.categoryCode[slot]!] !== 1) return false;
    const price = table.priceCents[slot]!;
    if (price < filter.minPriceCents || price > filter.maxPriceCents) return false;
    if (table.rating[slot]! < filter.minRating) return false;
    if (filter.onSaleOnly && table.onSale[slot] !== 1) return false;
    return !(filter.excludeOutOfStock && table.stockCode[slot] === OUT_OF_STOCK_CODE);
  }

  /** Empty query: every live document that passes the filter. */
  private browse(filter: CompiledFilter): number {
    this.ensureScratchCapacity();
    const live = this.table.live;
    let count = 0;
    for (let slot = 0; slot < this.table.slotCount; slot++) {
      if (live[slot] === 1 && this.passes(slot, filter)) this.candidates[count++] = slot;
    }
    return count;
  }

  /**
   * Scores every document matching any query term into `scores` (a term's score is its best
   * expansion's), then keeps those matching enough terms and passing the filter. When the
   * strict pass keeps nothing, any one matching term is enough; the score is scaled by the
   * share of terms matched, so documents matching more terms still rank first.
   */
  private matchText(terms: string[], filter: CompiledFilter): number {
    this.ensureScratchCapacity();
    const table = this.table;
    const live = table.live;
    const titleLength = table.titleLength;
    const descriptionLength = table.descriptionLength;
    const documentCount = Math.max(1, table.liveCount);
    const averageTitleLength = Math.max(1, table.titleLengthSum / documentCount);
    const averageDescriptionLength = Math.max(1, table.descriptionLengthSum / documentCount);
    const { scores, matchedTerms, termBest, termStamp, touched, termTouched } = this;
    let touchedCount = 0;

    terms.forEach((term, termIndex) => {
      const stamp = this.nextStamp();
      let termTouchedCount = 0;
      for (const { termId, weight } of this.text.expand(term, termIndex === terms.length - 1)) {
        const documentFrequency = this.text.documentFrequency(termId);
        const idf = Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
        const termWeight = weight * idf * (K1 + 1);
        const { slots, frequencies, length } = this.text.postingList(termId);
        for (let index = 0; index < length; index++) {
          const slot = slots[index]!;
          if (live[slot] !== 1) continue;
          const packed = frequencies[index]!;
          // BM25F: length-normalised frequencies per field, weighted, then saturated once.
          const weightedFrequency =
            (TITLE_WEIGHT * (packed >> 8)) / (1 - B + (B * titleLength[slot]!) / averageTitleLength) +
            (packed & 0xff) / (1 - B + (B * descriptionLength[slot]!) / averageDescriptionLength);
          const score = (termWeight * weightedFrequency) / (weightedFrequency + K1);
          if (termStamp[slot] !== stamp) {
            termStamp[slot] = stamp;
            termBest[slot] = score;
            termTouched[termTouchedCount++] = slot;
          } else if (score > termBest[slot]!) {
            termBest[slot] = score;
          }
        }
      }
      for (let index = 0; index < termTouchedCount; index++) {
        const slot = termTouched[index]!;
        if (matchedTerms[slot] === 0) touched[touchedCount++] = slot;
        matchedTerms[slot]!++;
        scores[slot]! += termBest[slot]!;
      }
    });
    this.touchedCount = touchedCount;

    const required = minimumTermsToMatch(terms.length);
    let count = this.collectMatches(required, filter);
    if (count === 0 && required > 1) count = this.collectMatches(1, filter);
    for (let index = 0; index < count; index++) {
      const slot = this.candidates[index]!;
      scores[slot] = (scores[slot]! * matchedTerms[slot]!) / terms.length;
    }
    return count;
  }

  private collectMatches(requiredTerms: number, filter: CompiledFilter): number {
    let count = 0;
    for (let index = 0; index < this.touchedCount; index++) {
      const slot = this.touched[index]!;
      if (this.matchedTerms[slot]! >= requiredTerms && this.passes(slot, filter))
        this.candidates[count++] = slot;
    }
    return count;
  }

  private resetTextScratch(): void {
    for (let index = 0; index < this.touchedCount; index++) {
      const slot = this.touched[index]!;
      this.scores[slot] = 0;
      this.matchedTerms[slot] = 0;
    }
    this.touchedCount = 0;
  }

  private nextStamp(): number {
    if (this.stamp === 0x7fffffff) {
      this.termStamp.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  private ensureScratchCapacity(): void {
    const capacity = this.table.capacity;
    if (this.scores.length === capacity) return;
    this.scores = new Float64Array(capacity);
    this.matchedTerms = new Uint8Array(capacity);
    this.termBest = new Float64Array(capacity);
    this.termStamp = new Int32Array(capacity);
    this.stamp = 0;
    this.touched = new Int32Array(capacity);
    this.termTouched = new Int32Array(capacity);
    this.candidates = new Int32Array(capacity);
  }
}

/** A fresh, empty embedded index. */
export function createEmbeddedSearchIndex(): SearchIndex {
  return new EmbeddedSearchIndex();
}
