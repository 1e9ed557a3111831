import { StateMachine } from 'aws-local-stepfunctions';
import type { HandlerRef } from '../../shared/manifests/types';
import { AwsServiceError } from '../aws-endpoint';
import {
  buildDefinition,
  LOCAL_ACCOUNT,
  type PreparedDefinition,
  placeholderName,
  prepareDefinition,
  stateMachineArn,
  taskFunctionArn,
} from './definition';
import { resumedDefinition } from './resume';
import type { LocalStateMachine, TaskFunction } from './types';

export type Interpreter = StateMachine;
export type RunInput = Parameters<Interpreter['run']>[0];
export type RunOptions = NonNullable<Parameters<Interpreter['run']>[1]>;
export type EventLog =
  ReturnType<Interpreter['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/** A state machine ready to run: its definition validated, rewritten and bound to its task handlers. */
export interface LoadedMachine {
  id: string;
  arn: string;
  /** The substituted ASL text, as DescribeStateMachine shows it. */
  text: string;
  prepared: PreparedDefinition;
  interpreter: Interpreter;
  handlers: Map<string, HandlerRef | TaskFunction>;
  createdAt: Date;
}

const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:]+$/;

/** The role an execution runs as (only shown: nothing checks it locally). */
export function roleArn(id: string): string {
  return `arn:aws:iam::${LOCAL_ACCOUNT}:role/${id}-state-machine`;
}

export function loadMachine(
  spec: LocalStateMachine,
  options: { rootDir: string; waitScale: number },
): LoadedMachine {
  const { text, definition } = buildDefinition(spec, { rootDir: options.rootDir });
  try {
    // Validates the definition as written (JSONPaths, ARNs, reachability).
    new StateMachine(definition as never, { validationOptions: { checkArn: true, checkPaths: true } });
  } catch (error) {
    throw new Error(`State machine ${spec.id} (${spec.definitionFile}): ${(error as Error).message}`);
  }
  const handlers = new Map(
    Object.entries(spec.taskHandlers).map(([key, handler]) => [placeholderName(key), handler]),
  );
  const arnToPlaceholder = new Map([...handlers.keys()].map((name) => [taskFunctionArn(name), name]));
  const prepared = prepareDefinition(spec.id, definition, arnToPlaceholder, options.waitScale);
  return {
    id: spec.id,
    arn: stateMachineArn(spec.id),
    text,
    prepared,
    interpreter: new StateMachine(prepared.runtime as never, { validationOptions: { noValidate: true } }),
    handlers,
    createdAt: new Date(),
  };
}

/** An interpreter for a restored execution: the machine's definition from `startAt` on (see `resumedDefinition`). */
export function resumedInterpreter(
  machine: LoadedMachine,
  startAt: string,
  retriesSpent: number[],
  elapsedSeconds: number,
): Interpreter {
  const definition = resumedDefinition(machine.prepared.runtime, startAt, retriesSpent, elapsedSeconds);
  return new StateMachine(definition as never, { validationOptions: { noValidate: true } });
}

/** The loaded state machines, by ARN, in the order they were given. */
export class StateMachines {
  private readonly machines = new Map<string, LoadedMachine>();

  constructor(specs: readonly LocalStateMachine[], options: { rootDir: string; waitScale: number }) {
    for (const spec of specs) {
      const machine = loadMachine(spec, options);
      if (this.machines.has(machine.arn)) throw new Error(`State machine ${spec.id} is defined twice`);
      this.machines.set(machine.arn, machine);
    }
  }

  /** The machine at `arn`, or the error Step Functions answers for a bad or unknown ARN. */
  get(arn: string): LoadedMachine {
    if (!STATE_MACHINE_ARN.test(arn)) throw new AwsServiceError('InvalidArn', `Invalid Arn: '${arn}'`);
    const machine = this.machines.get(arn);
    if (!machine)
      throw new AwsServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  list(): LoadedMachine[] {
    return [...this.machines.values()];
  }
}
