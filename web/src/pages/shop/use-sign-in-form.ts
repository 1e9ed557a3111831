import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/errors';
import { useFocusOnInvalid } from '../../components/field';
import { useRoute } from '../../router';
import type { TokenAnswer } from '../../session';
import { completeSignIn } from '../../sign-in';

/**
 * The submit of sign-in and sign-up: `request` asks the API for a token, and on success the
 * person goes on to `next`. The button stays busy until the page changes, so it cannot be
 * pressed twice.
 */
export function useSignInForm(request: () => Promise<TokenAnswer>) {
  const { query } = useRoute();
  const next = query.get('next');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useFocusOnInvalid(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await completeSignIn(await request(), next);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return {
    busy,
    submit,
    formRef,
    fieldErrors: error instanceof ApiError ? error.fieldErrors : {},
    formError: error instanceof ApiError ? error.formMessage : error,
    /** `path` (the other of sign-in and sign-up), still going on to `next` afterwards. */
    keepingNext: (path: string) => `${path}${next ? `?next=${encodeURIComponent(next)}` : ''}`,
  };
}
