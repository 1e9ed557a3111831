import './rating-histogram.css';

export type RatingCounts = Record<'1' | '2' | '3' | '4' | '5', number>;

const STARS = ['5', '4', '3', '2', '1'] as const;

/**
 * How many reviews gave each number of stars, 5 down to 1, as bars with their counts in words.
 * With `onSelect`, each row is a toggle button that filters the reviews to that rating.
 */
export function RatingHistogram({
  histogram,
  selected,
  onSelect,
}: {
  histogram: RatingCounts;
  selected?: number | undefined;
  onSelect?: (stars: number | undefined) => void;
}) {
  const total = STARS.reduce((sum, stars) => sum + histogram[stars], 0);
  return (
    <ul className="rating-histogram" aria-label="Reviews by rating">
      {STARS.map((stars) => {
        const count = histogram[stars];
        const percent = total ? Math.round((count / total) * 100) : 0;
        const label = `${stars} star${stars === '1' ? '' : 's'}`;
        const words = `${label}: ${count} review${count === 1 ? '' : 's'} (${percent}%)`;
        const row = (
          <>
            <span className="histogram-label" aria-hidden="true">
              {label}
            </span>
            <span className="histogram-bar" aria-hidden="true">
              <span style={{ width: `${percent}%` }} />
            </span>
            <span className="histogram-count" aria-hidden="true">
              {count}
            </span>
          </>
        );
        return (
          <li key={stars}>
            {onSelect ? (
              <button
                type="button"
                className="histogram-row"
                aria-pressed={selected === Number(stars)}
                aria-label={`Show only ${words}`}
                disabled={count === 0 && selected !== Number(stars)}
                onClick={() => onSelect(selected === Number(stars) ? undefined : Number(stars))}
              >
                {row}
              </button>
            ) : (
              <div className="histogram-row">
                <span className="visually-hidden">{words}</span>
                {row}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
