/** A rating as stars, read out as words ("4.5 out of 5 stars, 12 reviews"). */
export function Stars({ rating, count }: { rating: number; count?: number }) {
  const rounded = Math.round(rating * 2) / 2;
  const label = `${rounded} out of 5 stars${count === undefined ? '' : `, ${count} review${count === 1 ? '' : 's'}`}`;
  return (
    <span className="stars" role="img" aria-label={label}>
      <span aria-hidden="true">
        {'★'.repeat(Math.floor(rounded))}
        {/* A half star drawn as half a full one over an empty one: no font is needed for "⯪". */}
        {rounded % 1 ? (
          <span className="star-half">
            ☆<span>★</span>
          </span>
        ) : null}
        {'☆'.repeat(5 - Math.ceil(rounded))}
      </span>
      {count === undefined ? null : (
        <span className="stars-count" aria-hidden="true">
          ({count})
        </span>
      )}
    </span>
  );
}
