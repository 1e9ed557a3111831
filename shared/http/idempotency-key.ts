import { ValidationError } from '../errors';

/** The request's `Idempotency-Key`, if it sent one: 1 to 255 printable ASCII characters, else 400. */
export function idempotencyKeyFrom(headers: Record<string, string | undefined>): string | undefined {
  const key = headers['idempotency-key'];
  if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw ValidationError.forField('Idempotency-Key', 'must be 1 to 255 printable characters');
  }
  return key;
}
