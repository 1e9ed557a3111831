import { Logger } from '@aws-lambda-powertools/logger';

export interface ErrorSummary {
  name: string;
  code?: string | number;
  message: string;
  stack?: string;
  cause?: ErrorSummary;
}

/**
 * What a log keeps of an error: its name, code, message and stack. SDK errors carry much more
 * as enumerable fields — Stripe's `raw` response and request `headers`, DynamoDB's echo of
 * the item a condition failed on — which would put customers' data and secrets in the logs.
 */
export function errorSummary(error: Error): ErrorSummary {
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    message: error.message,
    stack: error.stack,
    ...(error.cause instanceof Error ? { cause: errorSummary(error.cause) } : {}),
  };
}

/**
 * One structured logger per container; services name themselves through POWERTOOLS_SERVICE_NAME.
 * Every error it is given, at any depth of the log's attributes, is reduced to its summary.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bazaar',
  jsonReplacerFn: (_key: string, value: unknown) => (value instanceof Error ? errorSummary(value) : value),
});
