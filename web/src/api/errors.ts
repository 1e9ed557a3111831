/** What the API answers on an error: `{ error: { code, message, details } }` (shared/errors.ts). */
interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
  message?: unknown;
}

/**
 * An error answer from the API. A validation error's `details.fields` lists `{ field, message }`
 * with the field's path in the request (`email`, `items.0.quantity`); `fieldErrors` maps each
 * field to its first message, so a form shows it next to the input of that name.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly fieldErrors: Record<string, string>;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.fieldErrors = fieldErrorsOf(details);
  }

  /** The message for everything no field shows: the whole message when no field is named. */
  get formMessage(): string | undefined {
    return Object.keys(this.fieldErrors).length ? undefined : this.message;
  }
}

function fieldErrorsOf(details: unknown): Record<string, string> {
  const fields = (details as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return {};
  const errors: Record<string, string> = {};
  for (const issue of fields as { field?: unknown; message?: unknown }[]) {
    if (typeof issue.field !== 'string' || typeof issue.message !== 'string') continue;
    errors[issue.field] ??= issue.message;
  }
  return errors;
}

/** The ApiError for an answer that was not a success, whatever its body held. */
export function apiErrorOf(status: number, body: unknown): ApiError {
  const parsed = (body ?? {}) as ErrorBody;
  const error = parsed.error ?? {};
  const message =
    typeof error.message === 'string'
      ? error.message
      : typeof parsed.message === 'string'
        ? parsed.message
        : `The request failed (${status})`;
  const code = typeof error.code === 'string' ? error.code : `HTTP_${status}`;
  return new ApiError(status, code, message, error.details);
}

/** A message a person can read for any thrown value: an ApiError's own, or a network failure. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'Bazaar cannot be reached. Check your connection and try again.';
  return 'Something went wrong. Please try again.';
}
