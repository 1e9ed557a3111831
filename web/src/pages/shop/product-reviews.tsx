import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { messageOf } from '../../api/errors';
import type { operations } from '../../api/schema';
import { useApi } from '../../api/use-api';
import { Button } from '../../components/button';
import { Empty } from '../../components/empty';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { Loading } from '../../components/loading';
import { RatingHistogram } from '../../components/rating-histogram';
import { Stars } from '../../components/stars';
import { Link, useLocation } from '../../router';
import { useSession } from '../../session';
import { ReviewForm } from './review-form';

type ReviewQuery = NonNullable<operations['ListReviews']['parameters']['query']>;
type ReviewPage = operations['ListReviews']['responses'][200]['content']['application/json'];
type Review = ReviewPage['items'][number];
export type RatingSummary = ReviewPage['summary'];

const PAGE = '10';
const SORTS: Array<[NonNullable<ReviewQuery['sort']>, string]> = [
  ['newest', 'Newest'],
  ['helpful', 'Most helpful'],
  ['rating_desc', 'Highest rating'],
  ['rating_asc', 'Lowest rating'],
];

function HelpfulVote({ review }: { review: Review }) {
  const session = useSession();
  const { pathname } = useLocation();
  const [count, setCount] = useState(review.helpful_count);
  const [voted, setVoted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const vote = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await unwrap(
        api.POST('/api/v1/reviews/{review_id}/helpful', {
          params: { path: { review_id: review.review_id } },
        }),
      );
      setCount(answer.helpful_count);
      setVoted(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const people = count ? `${count} ${count === 1 ? 'person' : 'people'} found this helpful` : 'Helpful?';
  return (
    <div className="helpful-vote">
      <span>{people}</span>
      {!session ? (
        <Link to={`/signin?next=${encodeURIComponent(pathname)}`}>Sign in to vote</Link>
      ) : voted ? (
        <span role="status">Thanks for your vote</span>
      ) : (
        <Button variant="secondary" busy={busy} onClick={vote} aria-label={`Helpful: ${review.title}`}>
          Helpful
        </Button>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {messageOf(error)}
        </p>
      ) : null}
    </div>
  );
}

function ReviewItem({ review }: { review: Review }) {
  return (
    <li className="review">
      <article aria-labelledby={`review-${review.review_id}`}>
        <h3 id={`review-${review.review_id}`}>{review.title}</h3>
        <p className="review-meta">
          <Stars rating={review.rating} /> <span>by {review.author_name}</span>{' '}
          <time dateTime={review.created_at}>{new Date(review.created_at).toLocaleDateString()}</time>
          {review.verified_purchase ? <span className="badge badge-in-stock">Verified purchase</span> : null}
        </p>
        <p className="review-body">{review.body}</p>
        <HelpfulVote review={review} />
      </article>
    </li>
  );
}

/** More pages of one listing (its sort and filter), fetched by the cursor the last page gave. */
function useMoreReviews(productId: string, listing: string) {
  const [more, setMore] = useState<{ listing: string; items: Review[]; cursor: string | null }>();
  const [state, setState] = useState<{ busy: boolean; error?: unknown }>({ busy: false });
  const current = more?.listing === listing ? more : undefined;
  const load = async (query: ReviewQuery, cursor: string) => {
    setState({ busy: true });
    try {
      const page = await unwrap(
        api.GET('/api/v1/products/{product_id}/reviews', {
          params: { path: { product_id: productId }, query: { ...query, cursor } },
        }),
      );
      setMore({ listing, items: [...(current?.items ?? []), ...page.items], cursor: page.next_cursor });
      setState({ busy: false });
    } catch (error) {
      setState({ busy: false, error });
    }
  };
  return { items: current?.items ?? [], cursor: current?.cursor, load, ...state };
}

/**
 * The reviews: the average and the histogram (a bar filters to its rating), the list with its
 * sort, more on request, helpful votes, and the form to write one.
 */
export function ProductReviews({ productId, summary }: { productId: string; summary: RatingSummary }) {
  const [sort, setSort] = useState<NonNullable<ReviewQuery['sort']>>('newest');
  const [rating, setRating] = useState<number>();
  const query: ReviewQuery = {
    sort,
    limit: PAGE,
    ...(rating ? { rating: String(rating) as ReviewQuery['rating'] } : {}),
  };
  const listing = `${productId}|${sort}|${rating ?? ''}`;
  const first = useApi(
    () =>
      unwrap(
        api.GET('/api/v1/products/{product_id}/reviews', {
          params: { path: { product_id: productId }, query },
        }),
      ),
    [listing],
  );
  const more = useMoreReviews(productId, listing);
  const shown = first.data?.summary ?? summary;
  const items = [...(first.data?.items ?? []), ...more.items];
  const cursor = more.cursor === undefined ? first.data?.next_cursor : more.cursor;
  return (
    <section className="product-reviews" aria-labelledby="reviews" id="reviews-section">
      <h2 id="reviews">Customer reviews</h2>
      <p className="reviews-average">
        {shown.count > 0 ? <Stars rating={shown.average} count={shown.count} /> : 'No reviews yet.'}
      </p>
      {shown.count > 0 ? (
        <RatingHistogram histogram={shown.histogram} selected={rating} onSelect={setRating} />
      ) : null}
      <Field
        as="select"
        label="Sort reviews by"
        value={sort}
        onChange={(event) => setSort(event.target.value as typeof sort)}
      >
        {SORTS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Field>
      {first.status === 'failed' ? <ErrorMessage error={first.error} onRetry={first.reload} /> : null}
      {first.status === 'loading' && !first.data ? <Loading label="Loading reviews…" /> : null}
      {first.status === 'done' && items.length === 0 ? (
        <Empty title={rating ? `No ${rating}-star reviews` : 'No reviews yet'}>
          Be the first to review it.
        </Empty>
      ) : null}
      <ul className="review-list" aria-busy={first.status === 'loading'}>
        {items.map((review) => (
          <ReviewItem key={review.review_id} review={review} />
        ))}
      </ul>
      {more.error ? <ErrorMessage error={more.error} /> : null}
      {cursor ? (
        <Button variant="secondary" busy={more.busy} onClick={() => void more.load(query, cursor)}>
          Show more reviews
        </Button>
      ) : null}
      <h3 id="write-review">Write a review</h3>
      <ReviewForm productId={productId} onPosted={first.reload} />
    </section>
  );
}
