/** A product's displayed rating: the mean of its reviews to one decimal, 0 with none. */
export function averageRating(sum: number, count: number): number {
  return count === 0 ? 0 : Math.round((sum / count) * 10) / 10;
}
