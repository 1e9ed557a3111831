/**
 * A set of strings kept in sorted order for prefix range look-ups. Additions are buffered and
 * merged in on the next look-up, so a bulk load costs one sort instead of one splice per string.
 * Strings are never removed: callers keep a count beside them and skip the ones at zero.
 */
export class SortedStringSet {
  private sorted: string[] = [];
  private pending: string[] = [];

  /** The caller guarantees `value` is not in the set yet. */
  add(value: string): void {
    this.pending.push(value);
  }

  get size(): number {
    return this.sorted.length + this.pending.length;
  }

  /** Visits every string starting with `prefix`, in order. */
  forEachWithPrefix(prefix: string, visit: (value: string) => void): void {
    this.mergePending();
    for (let index = lowerBound(this.sorted, prefix); index < this.sorted.length; index++) {
      const value = this.sorted[index]!;
      if (!value.startsWith(prefix)) break;
      visit(value);
    }
  }

  clear(): void {
    this.sorted = [];
    this.pending = [];
  }

  private mergePending(): void {
    if (this.pending.length === 0) return;
    const incoming = this.pending.sort(compareStrings);
    this.pending = [];
    if (this.sorted.length === 0) {
      this.sorted = incoming;
      return;
    }
    const merged = new Array<string>(this.sorted.length + incoming.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.sorted.length && j < incoming.length) {
      merged[k++] = this.sorted[i]! < incoming[j]! ? this.sorted[i++]! : incoming[j++]!;
    }
    while (i < this.sorted.length) merged[k++] = this.sorted[i++]!;
    while (j < incoming.length) merged[k++] = incoming[j++]!;
    this.sorted = merged;
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lowerBound(values: string[], target: string): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}
