/**
 * Stripe's error envelope, `{ "error": { type, code, decline_code, message, param, … } }`, and
 * the HTTP status the `stripe` package maps to an error class: 400/404 → StripeInvalidRequestError
 * (or StripeIdempotencyError when `type` is `idempotency_error`), 401 → StripeAuthenticationError,
 * 402 → StripeCardError, 409/500 → StripeAPIError (both retried when maxNetworkRetries > 0).
 */
export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
  request_log_url?: string;
}

/**
 * A Stripe API error. `saved` says whether an idempotent request that ended in it keeps its
 * result (Stripe saves a result once the endpoint began executing: declines and state errors
 * are replayed; 500s, authentication and parameter validation failures are not).
 */
export class StripeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly saved: boolean,
  ) {
    super(body.message);
  }
}

const docUrl = (code: string) => `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`;

/** 400 from parameter validation, before anything executed: never saved for idempotency. */
export function invalidParam(message: string, param?: string, code?: string): StripeHttpError {
  return new StripeHttpError(
    400,
    {
      type: 'invalid_request_error',
      message,
      ...(code ? { code, doc_url: docUrl(code) } : {}),
      ...(param ? { param } : {}),
    },
    false,
  );
}

export function parameterMissing(param: string): StripeHttpError {
  return invalidParam(`Missing required param: ${param}.`, param, 'parameter_missing');
}

/** `No such payment_intent: 'pi_…'` — 404 for the resource in the path, 400 for one named in a param. */
export function resourceMissing(
  label: string,
  id: string,
  param: string,
  status: 400 | 404,
): StripeHttpError {
  return new StripeHttpError(
    status,
    {
      type: 'invalid_request_error',
      code: 'resource_missing',
      doc_url: docUrl('resource_missing'),
      message: `No such ${label}: '${id}'`,
      param,
    },
    false,
  );
}

/** A 400 raised while executing (state errors): saved and replayed for idempotency. */
export function stateError(
  message: string,
  extra: Partial<Omit<StripeErrorBody, 'type' | 'message'>> = {},
): StripeHttpError {
  return new StripeHttpError(
    400,
    {
      type: 'invalid_request_error',
      message,
      ...(extra.code ? { doc_url: docUrl(extra.code) } : {}),
      ...extra,
    },
    true,
  );
}

export function cardError(
  body: Omit<StripeErrorBody, 'type' | 'doc_url'> & { code: string },
): StripeHttpError {
  return new StripeHttpError(402, { type: 'card_error', doc_url: docUrl(body.code), ...body }, true);
}

/** Stripe's 500. Not saved: a retry with the same Idempotency-Key executes again. */
export function apiError(): StripeHttpError {
  return new StripeHttpError(
    500,
    {
      type: 'api_error',
      message:
        "Sorry, something went wrong. We've already been notified of the problem, but if you need any help, you can reach us at https://support.stripe.com/contact.",
    },
    false,
  );
}

export function unrecognizedUrl(method: string, path: string): StripeHttpError {
  return new StripeHttpError(
    404,
    {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    },
    false,
  );
}

/** Stripe answers authentication failures with HTTP 401 and type `invalid_request_error`. */
export function authenticationError(message: string): StripeHttpError {
  return new StripeHttpError(401, { type: 'invalid_request_error', message }, false);
}

export function idempotencyError(status: 400 | 409, message: string): StripeHttpError {
  return new StripeHttpError(status, { type: 'idempotency_error', message }, false);
}
