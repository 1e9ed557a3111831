import { messageOf } from '../api/errors';
import { Button } from './button';

/** An error announced at once (role="alert"), with a retry when the page can ask again. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="error-message" role="alert">
      <p>{typeof error === 'string' ? error : messageOf(error)}</p>
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
