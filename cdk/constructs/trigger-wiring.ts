import { Duration } from 'aws-cdk-lib';
import { EventBus, type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { EventRuleDefinition, ScheduleDefinition, StreamDefinition } from '../../shared/manifests/types';
import { rateOf, toEventPattern } from './manifest-rules';
import type { ServiceWiring } from './service-wiring';
import { pascalCase } from './tables';

/*
 * The entries that run a function without a caller waiting: event rules, table streams and
 * schedules. Each function gets a dead-letter queue, where what it could not handle ends up
 * after the retries.
 */

/** An event rule: its function, the rule on the bus it names, and retries ending in the queue. */
export function wireRule(wiring: ServiceWiring, rule: EventRuleDefinition): void {
  const name = pascalCase(rule.id);
  const fn = wiring.serviceFunction(`${name}Function`, rule.handler, { description: rule.description });
  wiring.grantUses(fn, rule.uses ?? {}, `Rule ${rule.id}`);
  const deadLetters = wiring.deadLetterQueue(rule.id);
  // EventBridge retries delivery; Lambda retries the asynchronous invocation. Both end in the queue.
  fn.configureAsyncInvoke({
    retryAttempts: 2,
    maxEventAge: Duration.hours(6),
    onFailure: new SqsDestination(deadLetters),
  });
  new Rule(wiring.scope, `${name}Rule`, {
    eventBus: eventBus(wiring, rule),
    description: rule.description,
    eventPattern: toEventPattern(rule.pattern, `Rule ${rule.id}`),
    targets: [
      new LambdaFunction(fn, {
        deadLetterQueue: deadLetters,
        retryAttempts: 20,
        maxEventAge: Duration.hours(6),
      }),
    ],
  });
  wiring.built.rules[rule.id] = fn;
  wiring.markWired('rule', rule.id);
}

/**
 * The bus a rule listens on: Bazaar's own, or the account's default bus, where AWS services
 * (S3's "Object Created", say) send their events.
 */
function eventBus(wiring: ServiceWiring, rule: EventRuleDefinition): IEventBus {
  const bus = rule.bus ?? 'bazaar';
  if (bus === 'bazaar') return wiring.props.platform.bus;
  if (bus !== 'default') throw new Error(`Rule ${rule.id} names the bus ${bus}, which Bazaar does not have`);
  const existing = wiring.scope.node.tryFindChild('DefaultBus') as IEventBus | undefined;
  return existing ?? EventBus.fromEventBusName(wiring.scope, 'DefaultBus', 'default');
}

/** A table stream's consumer: its function, fed the stream in batches that bisect on errors. */
export function wireStream(wiring: ServiceWiring, stream: StreamDefinition): void {
  const name = pascalCase(stream.id);
  const table = wiring.table(stream.table, `Stream ${stream.id}`);
  if (!table.tableStreamArn) {
    throw new Error(`Stream ${stream.id} reads table ${stream.table}, which declares no stream`);
  }
  const fn = wiring.serviceFunction(`${name}Function`, stream.handler, {
    description: `Consumes the ${stream.table} stream`,
  });
  wiring.grantUses(fn, stream.uses ?? {}, `Stream ${stream.id}`);
  const deadLetters = wiring.deadLetterQueue(stream.id);
  fn.addEventSource(
    new DynamoEventSource(table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: stream.batchSize,
      bisectBatchOnError: true,
      retryAttempts: stream.maxRetries,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(deadLetters),
      filters: stream.filters?.map((pattern) => FilterCriteria.filter(pattern)),
    }),
  );
  wiring.built.streams[stream.id] = fn;
  wiring.markWired('stream', stream.id);
}

/** A schedule: its function, invoked by EventBridge Scheduler at the schedule's rate. */
export function wireSchedule(wiring: ServiceWiring, schedule: ScheduleDefinition): void {
  const name = pascalCase(schedule.id);
  const fn = wiring.serviceFunction(`${name}Function`, schedule.handler, {
    description: schedule.description,
    // A run may take until the next one is due (Lambda stops at 15 minutes).
    timeoutSeconds: Math.min(schedule.everySeconds, 900),
  });
  wiring.grantUses(fn, schedule.uses ?? {}, `Schedule ${schedule.id}`);
  const deadLetters = wiring.deadLetterQueue(schedule.id);
  fn.configureAsyncInvoke({
    retryAttempts: 2,
    maxEventAge: Duration.hours(1),
    onFailure: new SqsDestination(deadLetters),
  });
  new Schedule(wiring.scope, `${name}Schedule`, {
    description: schedule.description,
    schedule: rateOf(schedule),
    target: new LambdaInvoke(fn, {
      deadLetterQueue: deadLetters,
      retryAttempts: 3,
      maxEventAge: Duration.hours(1),
    }),
  });
  wiring.built.schedules[schedule.id] = fn;
  wiring.markWired('schedule', schedule.id);
}
