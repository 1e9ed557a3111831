/**
 * One error model. Every error a client can cause has a status and a code; the HTTP layer
 * maps them in one place (shared/http/errors-middleware). Names are string literals because
 * minifiers mangle class names and Step Functions' Catch matches on `name`.
 */
export interface FieldIssue {
  field: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  readonly code: string;
  readonly details?: unknown;

  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

export class ValidationError extends AppError {
  override readonly name: string = 'ValidationError';
  readonly status = 400;
  constructor(message: string, fields: FieldIssue[] = [], code = 'VALIDATION_ERROR') {
    super(code, message, fields.length ? { fields } : undefined);
  }

  static forField(field: string, message: string): ValidationError {
    return new ValidationError(`${field}: ${message}`, [{ field, message }]);
  }
}

export class UnauthorizedError extends AppError {
  override readonly name: string = 'UnauthorizedError';
  readonly status = 401;
  constructor(message = 'Authentication required', code = 'UNAUTHORIZED') {
    super(code, message);
  }
}

export class ForbiddenError extends AppError {
  override readonly name: string = 'ForbiddenError';
  readonly status = 403;
  constructor(message = 'You are not allowed to do this', code = 'FORBIDDEN') {
    super(code, message);
  }
}

export class NotFoundError extends AppError {
  override readonly name: string = 'NotFoundError';
  readonly status = 404;
  constructor(what: string, code = 'NOT_FOUND', details?: unknown) {
    super(code, `${what} not found`, details);
  }
}

export class ConflictError extends AppError {
  override readonly name: string = 'ConflictError';
  readonly status = 409;
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, details);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  override readonly name: string = 'UnsupportedMediaTypeError';
  readonly status = 415;
  constructor(message = 'Content-Type must be application/json') {
    super('UNSUPPORTED_MEDIA_TYPE', message);
  }
}

export class UnprocessableError extends AppError {
  override readonly name: string = 'UnprocessableError';
  readonly status = 422;
  constructor(code: string, message: string) {
    super(code, message);
  }
}

export class RateLimitedError extends AppError {
  override readonly name: string = 'RateLimitedError';
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many requests; retry after ${retryAfterSeconds} s`);
  }
}

export class FeatureDisabledError extends AppError {
  override readonly name: string = 'FeatureDisabledError';
  readonly status = 503;
  constructor(feature: string) {
    super('FEATURE_DISABLED', `${feature} is switched off for now`);
  }
}

export class PayloadTooLargeError extends AppError {
  override readonly name: string = 'PayloadTooLargeError';
  readonly status = 413;
  constructor(limitBytes: number) {
    super('PAYLOAD_TOO_LARGE', `Request body exceeds ${limitBytes} bytes`);
  }
}
