/**
 * The first `k` of `items[0..count)` under `compare`, in order, without sorting everything:
 * a bounded max-heap keeps the k best seen so far (O(n log k)). For k close to n a plain
 * sort of a copy is cheaper, so that is used instead.
 */
export function selectTop(
  items: Int32Array,
  count: number,
  k: number,
  compare: (a: number, b: number) => number,
): Int32Array {
  const wanted = Math.min(k, count);
  if (wanted <= 0) return new Int32Array(0);
  if (wanted * 4 >= count) return items.slice(0, count).sort(compare).subarray(0, wanted);

  // heap[0] is the worst of the best `wanted` kept so far.
  const heap = new Int32Array(wanted);
  let size = 0;
  const worse = (a: number, b: number) => compare(a, b) > 0;

  for (let index = 0; index < count; index++) {
    const item = items[index]!;
    if (size < wanted) {
      let position = size++;
      while (position > 0) {
        const parent = (position - 1) >> 1;
        if (!worse(item, heap[parent]!)) break;
        heap[position] = heap[parent]!;
        position = parent;
      }
      heap[position] = item;
    } else if (worse(heap[0]!, item)) {
      siftDown(heap, size, item, worse);
    }
  }
  return heap.sort(compare);
}

function siftDown(
  heap: Int32Array,
  size: number,
  item: number,
  worse: (a: number, b: number) => boolean,
): void {
  let position = 0;
  for (;;) {
    const left = position * 2 + 1;
    if (left >= size) break;
    const right = left + 1;
    const worstChild = right < size && worse(heap[right]!, heap[left]!) ? right : left;
    if (!worse(heap[worstChild]!, item)) break;
    heap[position] = heap[worstChild]!;
    position = worstChild;
  }
  heap[position] = item;
}
