import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import type { PaymentMethodView } from '../buying/api-types';
import { TEST_CARDS } from '../buying/test-cards';
import { Button } from './button';
import { ErrorMessage } from './error-message';
import { Field } from './field';

/**
 * Saves a card by the provider's test token, chosen by what it does: Bazaar never asks for a
 * card number (the API refuses one).
 */
export function AddCardForm({ onSaved }: { onSaved: (method: PaymentMethodView) => void }) {
  const [token, setToken] = useState(TEST_CARDS[0]!.token);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formError = error instanceof ApiError ? error.formMessage : error;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await unwrap(api.POST('/api/v1/payment-methods', { body: { type: 'card', token } })));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-card-form" onSubmit={submit} aria-label="New card">
      {formError ? <ErrorMessage error={formError} /> : null}
      <Field
        as="select"
        label="Test card"
        name="token"
        hint="Payments run in test mode: choose what the card does. No card number is needed."
        value={token}
        onChange={(event) => setToken(event.target.value)}
        error={error instanceof ApiError ? error.fieldErrors.token : undefined}
      >
        {TEST_CARDS.map((card) => (
          <option key={card.token} value={card.token}>
            {card.label}
          </option>
        ))}
      </Field>
      <Button type="submit" busy={busy}>
        {busy ? 'Saving…' : 'Save card'}
      </Button>
    </form>
  );
}
