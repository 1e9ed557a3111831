/**
 * Bounded optimal-string-alignment distance (Levenshtein plus adjacent transpositions, which
 * is what OpenSearch's fuzzy queries count by default). Returns `max + 1` as soon as the
 * distance is known to exceed `max`, which keeps scanning a dictionary cheap.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const lengthA = a.length;
  const lengthB = b.length;
  if (Math.abs(lengthA - lengthB) > max) return max + 1;
  if (lengthA === 0 || lengthB === 0) return Math.max(lengthA, lengthB);

  const width = lengthB + 1;
  ensureRows(width);
  let previousPrevious = rowC;
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= lengthB; j++) previous[j] = j;

  for (let i = 1; i <= lengthA; i++) {
    current[0] = i;
    let rowMinimum = i;
    const charA = a.charCodeAt(i - 1);
    for (let j = 1; j <= lengthB; j++) {
      const charB = b.charCodeAt(j - 1);
      const substitution = previous[j - 1]! + (charA === charB ? 0 : 1);
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
      if (i > 1 && j > 1 && charA === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === charB) {
        best = Math.min(best, previousPrevious[j - 2]! + 1);
      }
      current[j] = best;
      if (best < rowMinimum) rowMinimum = best;
    }
    if (rowMinimum > max) return max + 1;
    const recycled = previousPrevious;
    previousPrevious = previous;
    previous = current;
    current = recycled;
  }
  const distance = previous[lengthB]!;
  return distance > max ? max + 1 : distance;
}

// Three reusable rows: the search path is synchronous, so sharing them is safe.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

function ensureRows(width: number): void {
  if (rowA.length >= width) return;
  rowA = new Int32Array(width * 2);
  rowB = new Int32Array(width * 2);
  rowC = new Int32Array(width * 2);
}
