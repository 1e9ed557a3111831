import { maxEditsFor } from '../analysis';
import { boundedEditDistance } from './edit-distance';
import { SortedStringSet } from './sorted-string-set';

/** A dictionary term a query term stands for, and how much a match on it is worth. */
export interface TermExpansion {
  termId: number;
  /** 1 for the exact term; less for a typo or prefix match. */
  weight: number;
}

/** One term's postings: document slots in ascending order, with their packed frequencies. */
export interface PostingList {
  slots: Int32Array;
  /** `(titleFrequency << 8) | descriptionFrequency`, each capped at 255. */
  frequencies: Uint16Array;
  length: number;
}

const FUZZY_WEIGHT_BY_EDITS = [1, 0.6, 0.4] as const;
const PREFIX_WEIGHT = 0.7;
/** As OpenSearch's `max_expansions`: a typo or prefix stands for at most this many terms. */
const MAX_EXPANSIONS = 50;
/** Prefixes shorter than this expand to too much to be useful ("a" → every a-word). */
const MIN_PREFIX_LENGTH = 3;
const MAX_FREQUENCY = 255;
const INITIAL_POSTING_CAPACITY = 2;

/**
 * Term dictionary and postings for the title and description fields together. A posting
 * records both fields' frequencies, so one pass over a term's list scores both fields.
 *
 * Slots only ever grow within a list (documents are appended with increasing slots), so lists
 * stay sorted without any sorting. Removed documents stay in the lists until `compact`; the
 * caller skips dead slots, and live document frequencies are kept exact for scoring.
 */
export class InvertedIndex {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly postings: PostingList[] = [];
  private readonly liveDocumentFrequency: number[] = [];
  /** Term ids by term length, so a fuzzy look-up only scans lengths within reach. */
  private readonly termIdsByLength: number[][] = [];
  private readonly sortedTerms = new SortedStringSet();
  /** Expansions depend only on which terms are live, so they are cached until that changes. */
  private readonly expansionCache = new Map<string, TermExpansion[]>();
  private readonly frequencyScratch = new Map<string, number>();

  get termCount(): number {
    return this.terms.length;
  }

  /** Indexes a document's terms under `slot`, which must exceed every slot added before. */
  add(slot: number, titleTerms: readonly string[], descriptionTerms: readonly string[]): void {
    for (const [term, frequency] of this.countFrequencies(titleTerms, descriptionTerms)) {
      const termId = this.termIds.get(term) ?? this.createTerm(term);
      const list = this.postings[termId]!;
      if (list.length === list.slots.length) growPostingList(list);
      list.slots[list.length] = slot;
      list.frequencies[list.length] = frequency;
      list.length++;
      const documentFrequency = ++this.liveDocumentFrequency[termId]!;
      if (documentFrequency === 1) this.expansionCache.clear();
    }
  }

  /** Forgets a removed document's terms for scoring; its postings go at the next `compact`. */
  retire(titleTerms: readonly string[], descriptionTerms: readonly string[]): void {
    for (const term of this.countFrequencies(titleTerms, descriptionTerms).keys()) {
      const termId = this.termIds.get(term);
      if (termId === undefined) continue;
      const documentFrequency = --this.liveDocumentFrequency[termId]!;
      if (documentFrequency === 0) this.expansionCache.clear();
    }
  }

  postingList(termId: number): PostingList {
    return this.postings[termId]!;
  }

  documentFrequency(termId: number): number {
    return this.liveDocumentFrequency[termId] ?? 0;
  }

  /**
   * The dictionary terms a query term stands for. A term the index knows stands for itself
   * only: typo tolerance would otherwise let "mouse" match "house". An unknown term stands for
   * the live terms within its edit distance (`maxEditsFor`) and, when it is the query's last
   * term and so possibly still being typed, for the terms it begins.
   */
  expand(term: string, isLastTerm: boolean): TermExpansion[] {
    const cacheKey = isLastTerm ? `${term}\u0000` : term;
    const cached = this.expansionCache.get(cacheKey);
    if (cached) return cached;

    const exactId = this.termIds.get(term);
    let expansions: TermExpansion[];
    if (exactId !== undefined && this.documentFrequency(exactId) > 0) {
      expansions = [{ termId: exactId, weight: 1 }];
    } else {
      const weights = new Map<number, number>();
      for (const expansion of this.fuzzyMatches(term)) weights.set(expansion.termId, expansion.weight);
      if (isLastTerm) {
        for (const expansion of this.prefixMatches(term)) {
          weights.set(expansion.termId, Math.max(weights.get(expansion.termId) ?? 0, expansion.weight));
        }
      }
      expansions = [...weights].map(([termId, weight]) => ({ termId, weight }));
    }
    this.expansionCache.set(cacheKey, expansions);
    return expansions;
  }

  /**
   * Drops dead postings and renumbers slots: `slotMap[old]` is the new slot, or -1 for a
   * removed document. The mapping preserves order, so lists stay sorted.
   */
  compact(slotMap: Int32Array): void {
    for (const list of this.postings) {
      let kept = 0;
      for (let index = 0; index < list.length; index++) {
        const slot = slotMap[list.slots[index]!]!;
        if (slot < 0) continue;
        list.slots[kept] = slot;
        list.frequencies[kept] = list.frequencies[index]!;
        kept++;
      }
      list.length = kept;
      // Give back memory from lists that shrank a lot.
      if (list.slots.length > INITIAL_POSTING_CAPACITY && kept * 4 < list.slots.length) {
        const capacity = Math.max(INITIAL_POSTING_CAPACITY, kept * 2);
        list.slots = list.slots.slice(0, capacity);
        list.frequencies = list.frequencies.slice(0, capacity);
      }
    }
  }

  clear(): void {
    this.termIds.clear();
    this.terms.length = 0;
    this.postings.length = 0;
    this.liveDocumentFrequency.length = 0;
    this.termIdsByLength.length = 0;
    this.sortedTerms.clear();
    this.expansionCache.clear();
  }

  private createTerm(term: string): number {
    const termId = this.terms.length;
    this.termIds.set(term, termId);
    this.terms.push(term);
    this.postings.push({
      slots: new Int32Array(INITIAL_POSTING_CAPACITY),
      frequencies: new Uint16Array(INITIAL_POSTING_CAPACITY),
      length: 0,
    });
    this.liveDocumentFrequency.push(0);
    while (this.termIdsByLength.length <= term.length) this.termIdsByLength.push([]);
    this.termIdsByLength[term.length]!.push(termId);
    this.sortedTerms.add(term);
    return termId;
  }

  /** Packed (title, description) frequencies per distinct term; reuses one map. */
  private countFrequencies(titleTerms: readonly string[], descriptionTerms: readonly string[]) {
    const counts = this.frequencyScratch;
    counts.clear();
    // Title occurrences count in the high byte, description ones in the low byte.
    for (const term of titleTerms) counts.set(term, (counts.get(term) ?? 0) + 0x10000);
    for (const term of descriptionTerms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, packed] of counts) {
      const titleFrequency = Math.min(Math.floor(packed / 0x10000), MAX_FREQUENCY);
      const descriptionFrequency = Math.min(packed % 0x10000, MAX_FREQUENCY);
      counts.set(term, (titleFrequency << 8) | descriptionFrequency);
    }
    return counts;
  }

  private fuzzyMatches(term: string): TermExpansion[] {
    const maxEdits = maxEditsFor(term);
    if (maxEdits === 0) return [];
    const found: Array<{ termId: number; edits: number }> = [];
    const shortest = Math.max(1, term.length - maxEdits);
    const longest = Math.min(this.termIdsByLength.length - 1, term.length + maxEdits);
    for (let length = shortest; length <= longest; length++) {
      for (const termId of this.termIdsByLength[length]!) {
        if (this.liveDocumentFrequency[termId] === 0) continue;
        const edits = boundedEditDistance(term, this.terms[termId]!, maxEdits);
        if (edits <= maxEdits) found.push({ termId, edits });
      }
    }
    // Closest first, then the commonest, as OpenSearch keeps its top expansions.
    found.sort(
      (a, b) => a.edits - b.edits || this.documentFrequency(b.termId) - this.documentFrequency(a.termId),
    );
    return found
      .slice(0, MAX_EXPANSIONS)
      .map(({ termId, edits }) => ({ termId, weight: FUZZY_WEIGHT_BY_EDITS[edits as 0 | 1 | 2] }));
  }

  private prefixMatches(prefix: string): TermExpansion[] {
    if (prefix.length < MIN_PREFIX_LENGTH) return [];
    const found: number[] = [];
    this.sortedTerms.forEachWithPrefix(prefix, (term) => {
      const termId = this.termIds.get(term)!;
      if (this.documentFrequency(termId) > 0) found.push(termId);
    });
    found.sort((a, b) => this.documentFrequency(b) - this.documentFrequency(a));
    return found.slice(0, MAX_EXPANSIONS).map((termId) => ({ termId, weight: PREFIX_WEIGHT }));
  }
}

function growPostingList(list: PostingList): void {
  const capacity = list.slots.length * 2;
  const slots = new Int32Array(capacity);
  slots.set(list.slots);
  const frequencies = new Uint16Array(capacity);
  frequencies.set(list.frequencies);
  list.slots = slots;
  list.frequencies = frequencies;
}
