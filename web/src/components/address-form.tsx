import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import type { AddressView } from '../buying/api-types';
import { Button } from './button';
import { ErrorMessage } from './error-message';
import { Field } from './field';

const EMPTY = { name: '', line1: '', line2: '', city: '', region: '', postal_code: '', country: 'US' };
type AddressFields = typeof EMPTY;

/** The body the API takes: optional lines left empty are left out (an empty string is refused). */
function addressBody(fields: AddressFields) {
  const trimmed = (value: string) => value.trim() || undefined;
  return {
    name: fields.name,
    line1: fields.line1,
    line2: trimmed(fields.line2),
    city: fields.city,
    region: trimmed(fields.region),
    postal_code: fields.postal_code,
    country: fields.country.trim(),
  };
}

/** A new shipping address; the API's message for a field shows under that field. */
export function AddressForm({
  onSaved,
  onCancel,
  submitLabel = 'Save address',
}: {
  onSaved: (address: AddressView) => void;
  onCancel?: () => void;
  submitLabel?: string;
}) {
  const [fields, setFields] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const formError = error instanceof ApiError ? error.formMessage : error;
  const bind = (name: keyof AddressFields) => ({
    name,
    value: fields[name],
    error: fieldErrors[name],
    onChange: (event: { target: { value: string } }) =>
      setFields((current) => ({ ...current, [name]: event.target.value })),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await unwrap(api.POST('/api/v1/addresses', { body: addressBody(fields) }));
      setFields(EMPTY);
      onSaved(saved);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="address-form" onSubmit={submit} noValidate aria-label="New address">
      {formError ? <ErrorMessage error={formError} /> : null}
      <Field label="Full name" autoComplete="name" required {...bind('name')} />
      <Field label="Address line 1" autoComplete="address-line1" required {...bind('line1')} />
      <Field label="Address line 2 (optional)" autoComplete="address-line2" {...bind('line2')} />
      <Field label="City" autoComplete="address-level2" required {...bind('city')} />
      <Field label="State or region (optional)" autoComplete="address-level1" {...bind('region')} />
      <Field label="Postal code" autoComplete="postal-code" required {...bind('postal_code')} />
      <Field
        label="Country"
        autoComplete="country"
        required
        maxLength={2}
        hint="Two letters, such as US or DE"
        {...bind('country')}
      />
      <div className="form-actions">
        <Button type="submit" busy={busy}>
          {busy ? 'Saving…' : submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
