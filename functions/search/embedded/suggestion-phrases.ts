import { normalizeSuggestionPrefix, suggestionPhrases } from '../analysis';
import { SortedStringSet } from './sorted-string-set';

/**
 * Suggestion phrases drawn from the indexed titles, each with the number of live products
 * offering it, which is the popularity suggestions are ranked by.
 */
export class SuggestionPhrases {
  private readonly productCounts = new Map<string, number>();
  private readonly phrases = new SortedStringSet();

  add(title: string): void {
    for (const phrase of suggestionPhrases(title)) {
      const count = this.productCounts.get(phrase);
      if (count === undefined) this.phrases.add(phrase);
      this.productCounts.set(phrase, (count ?? 0) + 1);
    }
  }

  remove(title: string): void {
    for (const phrase of suggestionPhrases(title)) {
      const count = this.productCounts.get(phrase);
      if (count !== undefined && count > 0) this.productCounts.set(phrase, count - 1);
    }
  }

  /** Up to `limit` phrases completing `prefix`: most products first, then alphabetical. */
  complete(prefix: string, limit: number): string[] {
    const normalized = normalizeSuggestionPrefix(prefix);
    if (normalized === '' || limit <= 0) return [];
    // The best `limit` so far, best first; `limit` is small, so insertion beats a heap.
    const best: Array<{ phrase: string; count: number }> = [];
    this.phrases.forEachWithPrefix(normalized, (phrase) => {
      const count = this.productCounts.get(phrase) ?? 0;
      if (count === 0) return;
      if (best.length === limit && count <= best[best.length - 1]!.count) return;
      // Phrases arrive in alphabetical order, so on equal counts the earlier one stays ahead.
      let position = best.length;
      while (position > 0 && best[position - 1]!.count < count) position--;
      best.splice(position, 0, { phrase, count });
      if (best.length > limit) best.pop();
    });
    return best.map((entry) => entry.phrase);
  }

  clear(): void {
    this.productCounts.clear();
    this.phrases.clear();
  }
}
