import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { HandlerRef, StateMachineDefinition } from '../../shared/manifests/types';
import { checkedTaskHandlers, mergeUses, stepName, taskTimeoutSeconds } from './manifest-rules';
import { type ServiceFunction, serviceOf } from './service-function';
import { DEFAULT_ASYNC_TIMEOUT_SECONDS, type ServiceWiring } from './service-wiring';
import { pascalCase } from './tables';

/**
 * The service's share of the state machines: one function per distinct handler of its among
 * all machines' steps (whoever hosts the machine), then the machines whose `owner` it is, their
 * placeholders bound to its own steps and to those other services built (`taskFunctions`).
 */
export function wireStateMachines(wiring: ServiceWiring): void {
  const ownSteps = wireTasks(wiring);
  for (const machine of wiring.manifests.stateMachines) {
    if (machine.owner === wiring.props.service) wireStateMachine(wiring, machine, ownSteps);
  }
}

/** The service's step functions by handler: one function even when several states call it. */
function wireTasks(wiring: ServiceWiring): Map<HandlerRef, ServiceFunction> {
  const { service } = wiring.props;
  const functionsByHandler = new Map<HandlerRef, ServiceFunction>();
  const steps = new Map<HandlerRef, Array<{ machine: StateMachineDefinition; placeholder: string }>>();
  for (const machine of wiring.manifests.stateMachines) {
    for (const [placeholder, handler] of Object.entries(checkedTaskHandlers(machine, wiring.asl(machine)))) {
      if (serviceOf(handler) !== service) continue;
      steps.set(handler, [...(steps.get(handler) ?? []), { machine, placeholder }]);
    }
  }
  for (const [handler, calls] of steps) {
    const [first] = calls;
    const who = calls.map(({ machine, placeholder }) => `${machine.id}.${placeholder}`).join(', ');
    const fn = wiring.serviceFunction(
      `${pascalCase(first!.machine.id)}${stepName(first!.placeholder)}Function`,
      handler,
      {
        description: `State machine step ${who}`,
        // The function may take as long as the longest state that calls it allows.
        timeoutSeconds: Math.max(
          ...calls.map(
            ({ machine, placeholder }) =>
              taskTimeoutSeconds(wiring.asl(machine), placeholder) ?? DEFAULT_ASYNC_TIMEOUT_SECONDS,
          ),
        ),
      },
    );
    const uses = mergeUses(
      calls.map(({ machine, placeholder }) => {
        const taskUses = machine.taskUses[placeholder];
        if (!taskUses) {
          throw new Error(
            `State machine ${machine.id} declares no taskUses for ${placeholder}: ` +
              'name what its function touches, even if that is nothing ({})',
          );
        }
        return taskUses;
      }),
    );
    wiring.grantUses(fn, uses, `State machine step ${who}`);
    functionsByHandler.set(handler, fn);
    for (const { machine, placeholder } of calls) {
      wiring.built.tasks[`${machine.id}.${placeholder}`] = fn;
      wiring.markWired('state machine task', `${machine.id}.${placeholder}`);
    }
  }
  return functionsByHandler;
}

function wireStateMachine(
  wiring: ServiceWiring,
  definition: StateMachineDefinition,
  ownSteps: ReadonlyMap<HandlerRef, ServiceFunction>,
): void {
  const { id } = definition;
  const name = pascalCase(id);
  const asl = wiring.asl(definition);
  const taskHandlers = checkedTaskHandlers(definition, asl);
  const tasks = Object.fromEntries(
    Object.entries(taskHandlers).map(([placeholder, handler]): [string, IFunction] => {
      const fn =
        serviceOf(handler) === wiring.props.service
          ? ownSteps.get(handler)
          : wiring.props.taskFunctions?.[`${id}.${placeholder}`];
      if (!fn) {
        throw new Error(
          `State machine ${id} needs the function of its step ${placeholder} (${handler}): ` +
            `hand ${wiring.props.service} the tasks of ${serviceOf(handler)}'s construct as taskFunctions`,
        );
      }
      return [placeholder, fn];
    }),
  );

  const { stage } = wiring.props.platform;
  const machine = new StateMachine(wiring.scope, `${name}StateMachine`, {
    stateMachineType: StateMachineType.STANDARD,
    definitionBody: DefinitionBody.fromString(asl),
    definitionSubstitutions: Object.fromEntries(
      Object.entries(tasks).map(([placeholder, fn]) => [placeholder, fn.functionArn]),
    ),
    tracingEnabled: true,
    logs: {
      destination: new LogGroup(wiring.scope, `${name}StateMachineLogs`, {
        retention: stage.logRetention,
        removalPolicy: stage.removalPolicy,
      }),
      level: LogLevel.ALL,
      // Saga payloads carry addresses and payment references: kept out of production logs.
      includeExecutionData: !stage.production,
    },
    removalPolicy: stage.removalPolicy,
  });
  for (const fn of new Set(Object.values(tasks))) fn.grantInvoke(machine);
  wiring.built.stateMachines[id] = machine;
  wiring.markWired('state machine', id);
}
