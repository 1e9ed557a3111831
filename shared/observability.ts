import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from './logger';
import { type BusinessMetric, businessMetrics, flushMetrics, type MetricsPort } from './metrics';

/** The ids that tie a log line to a request, an order, a saga execution or an event. */
export interface CorrelationIds {
  request_id?: string;
  order_id?: string;
  execution?: string;
  event_id?: string;
}

export interface ObservabilityOptions<E, R> {
  /** The invocation's correlation ids, read off its event. */
  correlationOf?: (event: E) => CorrelationIds;
  /** Business counts read off a successful result (a domain outcome). */
  count?: (result: R, event: E, metrics: MetricsPort) => void;
  /** Named domain errors that are themselves a business signal (a decline, a stock conflict). */
  countErrors?: Partial<Record<string, BusinessMetric>>;
}

/**
 * What leaves a function when it fails: the name (Step Functions' Retry and Catch match on
 * it, so it is kept exactly) and the message. The Lambda runtime logs every enumerable field
 * of a thrown error — Stripe's `raw` response and `headers`, DynamoDB's echo of an item — so
 * the original goes to the logger (reduced to name, code, message and stack) and never out.
 */
export function strippedError(error: unknown): Error {
  const original = error instanceof Error ? error : new Error(String(error));
  const stripped = new Error(original.message);
  Object.defineProperty(stripped, 'name', { value: original.name, enumerable: false, writable: true });
  // The full stack was logged; what the runtime echoes need not repeat it.
  stripped.stack = `${original.name}: ${original.message}`;
  return stripped;
}

/**
 * The observability every kind of handler shares: the Lambda context and correlation ids on
 * every log line of the invocation, metrics flushed at its end, and an unhandled error logged
 * once, safely, then rethrown stripped. Registered first, so it sees the error last (after an
 * HTTP error mapper has answered it, in which case there is nothing left to strip).
 */
export function observability<E, R>(options: ObservabilityOptions<E, R> = {}): MiddlewareObj<E, R> {
  return {
    before: ({ event, context }) => {
      logger.resetKeys();
      if (isLambdaContext(context)) logger.addContext(context);
      const ids = options.correlationOf?.(event) ?? {};
      const defined = Object.fromEntries(Object.entries(ids).filter(([, value]) => value !== undefined));
      if (isLambdaContext(context) && !defined.request_id) defined.request_id = context.awsRequestId;
      logger.appendKeys(defined);
    },
    after: ({ event, response }) => {
      try {
        options.count?.(response as R, event, businessMetrics);
      } finally {
        flushMetrics();
      }
    },
    onError: (request) => {
      try {
        if (request.response !== undefined) return;
        const error = request.error;
        const counted = error instanceof Error ? options.countErrors?.[error.name] : undefined;
        if (counted) businessMetrics.count(counted);
        logger.error('Unhandled error', { error: error as Error });
        request.error = strippedError(error);
      } finally {
        flushMetrics();
      }
    },
  };
}

function isLambdaContext(context: unknown): context is Context {
  return typeof (context as Context | undefined)?.awsRequestId === 'string';
}
