import type {
  EventRuleDefinition,
  StateMachineDefinition,
  StreamDefinition,
} from '../shared/manifests/types';
import type { LocalEventBus } from './event-bus';
import type { LocalStepFunctions } from './step-functions';
import type { StreamPoller } from './stream-poller';

/** What one rule finds when evaluated: breaching or not, and why, in words an operator reads. */
export interface AlarmReading {
  breaching: boolean;
  reason: string;
}

export interface LocalAlarmRule {
  /** As the CDK app names the alarm, without its `bazaar-<stage>-` prefix. */
  name: string;
  description: string;
  evaluate(): AlarmReading | Promise<AlarmReading>;
}

export interface AlarmState {
  name: string;
  description: string;
  state: 'OK' | 'ALARM';
  reason: string;
  /** When the alarm entered its current state. */
  since: string;
}

/**
 * The alarms of cdk/constructs/monitoring.ts that make sense on one machine, evaluated when
 * asked (`GET /_local/alarms`): a rule's or a stream's dead letters, a state machine's failed
 * or timed-out executions, a refund left requested past its threshold. Latency, iterator age
 * and the search domain's health have no local counterpart worth alarming on.
 */
export class LocalAlarms {
  private readonly states = new Map<string, AlarmState>();

  constructor(
    private readonly rules: readonly LocalAlarmRule[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every alarm's state now; an alarm keeps its `since` until its state changes. */
  async evaluate(): Promise<AlarmState[]> {
    const readings = await Promise.all(
      this.rules.map(async (rule) => {
        try {
          return await rule.evaluate();
        } catch (error) {
          return { breaching: false, reason: `Could not be evaluated: ${(error as Error).message}` };
        }
      }),
    );
    return this.rules.map((rule, i) => {
      const reading = readings[i]!;
      const state = reading.breaching ? 'ALARM' : 'OK';
      const previous = this.states.get(rule.name);
      const since = previous?.state === state ? previous.since : this.now().toISOString();
      const current: AlarmState = {
        name: rule.name,
        description: rule.description,
        state,
        reason: reading.reason,
        since,
      };
      this.states.set(rule.name, current);
      return current;
    });
  }
}

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

/** One alarm per bus rule: its dead letters, which stay until someone handles them (as a queue's do). */
export function deadLetterAlarms(
  rules: readonly EventRuleDefinition[],
  bus: LocalEventBus,
): LocalAlarmRule[] {
  return rules.map((rule) => ({
    name: `${rule.id}DeadLetters`,
    description: `Events ${rule.id} could not handle are waiting in its dead-letter queue`,
    evaluate: () => {
      const letters = bus.deadLetters.filter((letter) => letter.ruleId === rule.id);
      const last = letters.at(-1);
      return {
        breaching: letters.length > 0,
        reason: last
          ? `${plural(letters.length, 'dead letter')}; the last, ${last.event['detail-type']} ${last.event.id}, failed ${last.attempts} times: ${last.error}`
          : 'No dead letters',
      };
    },
  }));
}

/** One alarm per stream mapping: the batches the poller gave up on (Lambda's on-failure queue). */
export function streamDeadLetterAlarms(
  streams: readonly StreamDefinition[],
  poller: Pick<StreamPoller, 'failedBatches'> | undefined,
): LocalAlarmRule[] {
  return streams.map((stream) => ({
    name: `${stream.id}DeadLetters`,
    description: `Stream records ${stream.id} could not handle were sent to its dead-letter queue`,
    evaluate: () => {
      const failed = (poller?.failedBatches ?? []).filter((batch) => batch.mappingId === stream.id);
      return {
        breaching: failed.length > 0,
        reason: failed.length
          ? `${plural(failed.length, 'batch')} skipped; the last: ${failed.at(-1)!.error}`
          : 'No dead letters',
      };
    },
  }));
}

/** One alarm per state machine: any execution that failed or timed out. */
export function executionAlarms(
  machines: readonly StateMachineDefinition[],
  stepFunctions: Pick<LocalStepFunctions, 'executions'>,
): LocalAlarmRule[] {
  return machines.map((machine) => ({
    name: `${machine.id}ExecutionsFailed`,
    description: `Executions of the ${machine.id} state machine failed or timed out`,
    evaluate: () => {
      const bad = [
        ...stepFunctions.executions({ stateMachineId: machine.id, status: 'FAILED' }),
        ...stepFunctions.executions({ stateMachineId: machine.id, status: 'TIMED_OUT' }),
      ];
      const last = bad.at(-1);
      return {
        breaching: bad.length > 0,
        reason: last
          ? `${plural(bad.length, 'execution')} failed or timed out; the last, ${last.name}, ${last.status}: ${last.error ?? ''} ${last.cause ?? ''}`.trim()
          : 'No failed executions',
      };
    },
  }));
}

/** Refunds still requested past `thresholdSeconds`, found by `oldest` (payments' own read). */
export function unsettledRefundAlarm(
  thresholdSeconds: number,
  oldest: (olderThanSeconds: number) => Promise<{ orderId: string; createdAt: string } | undefined>,
): LocalAlarmRule {
  return {
    name: 'RefundsUnsettled',
    description: `Card refunds are still requested, unsettled, more than ${thresholdSeconds} s after they were asked for`,
    evaluate: async () => {
      const refund = await oldest(thresholdSeconds);
      return {
        breaching: refund !== undefined,
        reason: refund
          ? `The refund of order ${refund.orderId}, requested at ${refund.createdAt}, is still not settled`
          : `No refund requested more than ${thresholdSeconds} s ago is unsettled`,
      };
    },
  };
}
