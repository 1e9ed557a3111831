import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { Link, useLocation } from '../../router';
import { useSession } from '../../session';

const RATINGS = [5, 4, 3, 2, 1];

function RatingChoice({
  value,
  onChange,
  error,
}: {
  value: number;
  onChange: (rating: number) => void;
  error?: string | undefined;
}) {
  return (
    <fieldset
      className={error ? 'field rating-choice field-invalid' : 'field rating-choice'}
      aria-describedby={error ? 'review-rating-error' : undefined}
    >
      <legend>Your rating</legend>
      {RATINGS.map((rating) => (
        <label key={rating}>
          <input
            type="radio"
            name="review-rating"
            value={rating}
            checked={value === rating}
            onChange={() => onChange(rating)}
          />{' '}
          {rating} star{rating === 1 ? '' : 's'}
        </label>
      ))}
      {error ? (
        <p className="field-error" id="review-rating-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * Writing a review. The API decides who may (one review per customer; a seller not on their own
 * product) and marks it a verified purchase when the writer bought the product: whatever it
 * refuses is shown as it says, next to the field it names or above the button.
 */
export function ReviewForm({ productId, onPosted }: { productId: string; onPosted: () => void }) {
  const session = useSession();
  const { pathname } = useLocation();
  const [rating, setRating] = useState(0);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [ratingMissing, setRatingMissing] = useState(false);
  const [posted, setPosted] = useState(false);

  if (!session) {
    return (
      <p>
        <Link to={`/signin?next=${encodeURIComponent(`${pathname}#write-review`)}`}>
          Sign in to write a review
        </Link>
      </p>
    );
  }
  if (posted) return <p role="status">Thank you: your review is posted.</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setRatingMissing(rating === 0);
    if (rating === 0) return;
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/v1/products/{product_id}/reviews', {
          params: { path: { product_id: productId } },
          body: { rating, title, body },
        }),
      );
      setPosted(true);
      onPosted();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const fields = error instanceof ApiError ? error.fieldErrors : {};
  const formError = error instanceof ApiError ? error.formMessage : error;
  return (
    <form className="review-form" onSubmit={submit} noValidate aria-labelledby="write-review">
      <RatingChoice
        value={rating}
        onChange={setRating}
        error={ratingMissing ? 'Choose from 1 to 5 stars' : fields.rating}
      />
      <Field
        label="Title"
        value={title}
        maxLength={120}
        onChange={(e) => setTitle(e.target.value)}
        error={fields.title}
      />
      <Field
        as="textarea"
        label="Your review"
        rows={5}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={fields.body}
      />
      {formError ? <ErrorMessage error={formError} /> : null}
      <Button type="submit" busy={busy}>
        Post review
      </Button>
    </form>
  );
}
