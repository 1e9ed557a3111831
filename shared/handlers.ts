import middy from '@middy/core';
import type {
  ScheduledEvent as AwsScheduledEvent,
  Context,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import type { BusEvent } from './events';
import { type CorrelationIds, type ObservabilityOptions, observability } from './observability';

/**
 * One wrapper per kind of handler that is not an HTTP route (those have shared/http/handler.ts):
 * event-rule targets, stream batches, saga steps and schedules. Each gives its step the same
 * observability — Lambda context and correlation ids on the logs, metrics flushed, errors
 * stripped on the way out — so no handler wires it by hand.
 */
/** Marks a handler as wrapped, so a test can hold every manifest handler to it. */
export const OBSERVED = Symbol.for('bazaar.observed-handler');

type Step<E, R> = (event: E, context: Context) => Promise<R>;
export type HandlerOptions<E, R> = Omit<ObservabilityOptions<E, R>, 'correlationOf'>;

function wrap<E, R>(step: Step<E, R>, options: ObservabilityOptions<E, R>) {
  const stack = middy<E, R>({ timeoutEarlyInMillis: 0 })
    .use(observability(options))
    .handler((event, context) => step(event, context));
  // Tests and the local runtime may call a handler without a context; Lambda always gives one.
  const handler = (event: E, context?: Context): Promise<R> => stack(event, (context ?? {}) as Context);
  return Object.assign(handler, { [OBSERVED]: true as const });
}

/** What every rule target receives: an EventBridge event, from the `bazaar` bus or the default one. */
type RuleEvent = Partial<Pick<BusEvent<unknown>, 'id'>> &
  Pick<BusEvent<unknown>, 'source' | 'detail-type'> & { detail: unknown };

/** An EventBridge rule's target: the event's id and, where its detail names one, the order. */
export function eventRuleHandler<E extends RuleEvent, R>(
  step: Step<E, R>,
  options: HandlerOptions<E, R> = {},
) {
  return wrap(step, { ...options, correlationOf: busEventIds });
}

/** A DynamoDB stream batch: the invocation's request id; records that fail come back later. */
export function streamBatchHandler(
  step: Step<DynamoDBStreamEvent, DynamoDBBatchResponse>,
  options: HandlerOptions<DynamoDBStreamEvent, DynamoDBBatchResponse> = {},
) {
  return wrap(step, {
    ...options,
    count: (response, event, metrics) => {
      // Reported records are delivered again (with their events, for a relay).
      metrics.count('EventsRedelivered', response?.batchItemFailures?.length ?? 0);
      options.count?.(response, event, metrics);
    },
  });
}

/**
 * A Step Functions task: the order it works on and the saga execution. A failure keeps its
 * name, which the state machine's Retry and Catch match.
 */
export function sagaStepHandler<E extends { order_id: string; execution?: string }, R>(
  step: Step<E, R>,
  options: HandlerOptions<E, R> = {},
) {
  return wrap(step, {
    ...options,
    correlationOf: (event) => ({ order_id: event.order_id, execution: event.execution }),
  });
}

/** The event a schedule (or an operator running one by hand) sends. */
export type ScheduledEvent<D = Record<string, unknown>> = Partial<Omit<AwsScheduledEvent, 'detail'>> & {
  detail?: D;
};

/** EventBridge Scheduler's target: the schedule event's id, and the order an operator named. */
export function scheduledHandler<E extends ScheduledEvent<unknown>, R>(
  step: Step<E, R>,
  options: HandlerOptions<E, R> = {},
) {
  return wrap(step, {
    ...options,
    correlationOf: (event) => ({ event_id: event?.id, order_id: stringField(event?.detail, 'order_id') }),
  });
}

function busEventIds(event: RuleEvent): CorrelationIds {
  return {
    event_id: stringField(event?.detail, 'eventId') ?? event?.id,
    order_id: stringField(event?.detail, 'order_id'),
  };
}

function stringField(value: unknown, field: string): string | undefined {
  const found = (value as Record<string, unknown> | undefined)?.[field];
  return typeof found === 'string' ? found : undefined;
}
