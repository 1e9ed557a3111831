/** What the HTTP layer knows about the request an operation runs for. */
export interface RequestContext {
  requestId: string;
  idempotencyKey: string | undefined;
  /**
   * Identifies "the same request" across retries (the API key plus the Idempotency-Key, or the
   * request's parameters when it has none): create-and-confirm with a flaky card counts its
   * failed attempts under it, since a failed create leaves no PaymentIntent to count them on.
   */
  attemptKey: string;
  apiVersion: string;
}

/** What an operation answers; a failure is thrown as a StripeHttpError instead. */
export interface ApiResult {
  status: number;
  body: unknown;
}

/** Raises the event `type` about `object`, for the request in `context`. */
export type RaiseEvent = (
  type: string,
  object: unknown,
  context: RequestContext,
  previousAttributes?: Record<string, unknown>,
) => void;
