import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/**
 * Everything about a state machine's ASL that the CDK side and the local runtime must agree
 * on: the `${Placeholder}` substitutions, the fake ARNs the local runtime binds them to, and
 * the rewrite that lets the ASL interpreter run the definition against local handlers.
 */

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';

/** `${Name}` as CDK's `definitionSubstitutions` reads it. */
const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;

export function stateMachineArn(id: string): string {
  return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${id}`;
}

export function executionArn(stateMachineId: string, name: string): string {
  return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:execution:${stateMachineId}:${name}`;
}

/** The fake Lambda ARN a task placeholder is bound to locally. */
export function taskFunctionArn(placeholder: string): string {
  return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${placeholderName(placeholder)}`;
}

/** `taskHandlers` keys may be written `Name` or `${Name}` (the CDK wiring accepts both). */
export function placeholderName(key: string): string {
  return key.replace(/^\$\{|\}$/g, '');
}

/** The distinct placeholders an ASL text uses, in order of first use. */
export function aslPlaceholders(asl: string): string[] {
  return [...new Set([...asl.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/**
 * The `definitionSubstitutions` for a state machine: each task placeholder → the ARN of the
 * function behind it (`taskFunctionArn` locally; the deployed function's ARN in CDK).
 */
export function definitionSubstitutions(
  taskHandlers: Record<string, unknown>,
  arnFor: (placeholder: string) => string = taskFunctionArn,
): Record<string, string> {
  return Object.fromEntries(
    Object.keys(taskHandlers).map((key) => [placeholderName(key), arnFor(placeholderName(key))]),
  );
}

/**
 * Applies substitutions as CDK does (a plain text replacement of `${Name}`), after checking
 * that the ASL and the task handlers agree both ways: no placeholder without a handler, no
 * handler the ASL never uses.
 */
export function substituteDefinition(
  asl: string,
  substitutions: Record<string, string>,
  what = 'state machine',
): string {
  const used = aslPlaceholders(asl);
  const unbound = used.filter((name) => !(name in substitutions));
  const unused = Object.keys(substitutions).filter((name) => !used.includes(name));
  if (unbound.length > 0 || unused.length > 0) {
    throw new Error(
      `${what}: the ASL and taskHandlers disagree` +
        (unbound.length ? `; no handler for ${unbound.join(', ')}` : '') +
        (unused.length ? `; not in the ASL: ${unused.join(', ')}` : ''),
    );
  }
  return asl.replace(PLACEHOLDER, (_, name: string) => substitutions[name]!);
}

export interface DefinitionSource {
  id: string;
  /** Repo-relative (or absolute) path of the ASL file. */
  definitionFile: string;
  taskHandlers: Record<string, unknown>;
}

/** Reads a state machine's ASL file and substitutes its placeholders with local task ARNs. */
export function buildDefinition(
  source: DefinitionSource,
  options: { rootDir: string; arnFor?: (placeholder: string) => string },
): { text: string; definition: AslDefinition } {
  const path = isAbsolute(source.definitionFile)
    ? source.definitionFile
    : join(options.rootDir, source.definitionFile);
  const raw = readFileSync(path, 'utf8');
  const text = substituteDefinition(
    raw,
    definitionSubstitutions(source.taskHandlers, options.arnFor),
    `State machine ${source.id} (${source.definitionFile})`,
  );
  let definition: AslDefinition;
  try {
    definition = JSON.parse(text) as AslDefinition;
  } catch (error) {
    throw new Error(
      `State machine ${source.id}: ${source.definitionFile} is not JSON: ${(error as Error).message}`,
    );
  }
  return { text, definition };
}

// ---------------------------------------------------------------------------------------------
// ASL shapes (only what the runtime reads) and the rewrite for the interpreter.

export type AslState = Record<string, unknown> & { Type: string };

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  TimeoutSeconds?: number;
  Comment?: string;
  [other: string]: unknown;
}

/** How a Task state is served locally. */
export type TaskBinding =
  /** `"Resource": "<lambda arn>"`: the handler gets the effective input, its result is the state's. */
  | { kind: 'lambda'; placeholder: string; resource: string }
  /** `arn:aws:states:::lambda:invoke`: the handler gets `Payload`, the result is wrapped as the SDK's. */
  | { kind: 'lambda:invoke'; placeholder: string; resource: string }
  /** A Wait state, rewritten into a local task so its duration can be scaled. */
  | { kind: 'wait' };

export interface PreparedDefinition {
  /** The definition handed to the interpreter (rewritten; never validated again). */
  runtime: AslDefinition;
  /** Task and rewritten Wait states, by state name (names are unique across a state machine). */
  bindings: Map<string, TaskBinding>;
  /** Every state's type in the original definition, by name. */
  stateTypes: Map<string, string>;
  /** Fail states, by name. */
  failStates: Map<string, AslState>;
}

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+/;
/**
 * Step Functions' "no timeout" for a Task (the interpreter otherwise defaults to 60 s): the
 * longest a Node timer can wait, about 24.8 days (AWS's 99999999 s would overflow to 1 ms).
 */
const NO_TASK_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
const LOCAL_WAIT_RESOURCE = `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:BazaarLocalWait`;

/** Visits every state, nested Parallel branches and Map processors included. */
export function forEachState(
  definition: { States: Record<string, AslState> },
  visit: (name: string, state: AslState) => void,
): void {
  for (const [name, state] of Object.entries(definition.States)) {
    visit(name, state);
    for (const branch of (state.Branches as AslDefinition[] | undefined) ?? []) forEachState(branch, visit);
    for (const processor of [state.Iterator, state.ItemProcessor] as Array<AslDefinition | undefined>) {
      if (processor) forEachState(processor, visit);
    }
  }
}

/**
 * Prepares a (substituted, validated) definition for the interpreter:
 * - binds every Task to a placeholder, by its Lambda ARN (direct, or `lambda:invoke`'s
 *   `FunctionName`); any other resource is refused up front;
 * - gives Tasks without `TimeoutSeconds` Step Functions' "no timeout" (not the interpreter's 60 s);
 * - multiplies Retry intervals by `timeScale`;
 * - turns every Wait into a local task whose duration is scaled by `timeScale` (the interpreter
 *   cannot scale `SecondsPath`/`TimestampPath` waits itself);
 * - drops `"ResultPath": "$"` (the default anyway), which the interpreter mishandles.
 */
export function prepareDefinition(
  id: string,
  definition: AslDefinition,
  arnToPlaceholder: Map<string, string>,
  timeScale: number,
): PreparedDefinition {
  const runtime = structuredClone(definition);
  const bindings = new Map<string, TaskBinding>();
  const stateTypes = new Map<string, string>();
  const failStates = new Map<string, AslState>();
  const bindLambda = (stateName: string, arn: unknown): string => {
    const match = typeof arn === 'string' ? LAMBDA_ARN.exec(arn) : null;
    const placeholder = match ? arnToPlaceholder.get(match[0]) : undefined;
    if (!placeholder) {
      throw new Error(
        `State machine ${id}: state ${stateName} calls ${JSON.stringify(arn)}, which is not a task placeholder`,
      );
    }
    return placeholder;
  };

  forEachState(definition, (name, state) => {
    if (stateTypes.has(name)) throw new Error(`State machine ${id}: state name ${name} is used twice`);
    stateTypes.set(name, state.Type);
    if (state.Type === 'Fail') failStates.set(name, state);
  });

  forEachState(runtime, (name, state) => {
    // `"ResultPath": "$"` means "replace the input", the default; the interpreter would instead
    // write the result under a key named "$" (or fail on a non-object input).
    if (state.ResultPath === '$') delete state.ResultPath;
    for (const catcher of (state.Catch as Array<Record<string, unknown>> | undefined) ?? []) {
      if (catcher.ResultPath === '$') delete catcher.ResultPath;
    }
    if (Array.isArray(state.Retry)) {
      state.Retry = (state.Retry as Array<Record<string, unknown>>).map((retrier) => ({
        ...retrier,
        IntervalSeconds: ((retrier.IntervalSeconds as number | undefined) ?? 1) * timeScale,
        ...(retrier.MaxDelaySeconds !== undefined
          ? { MaxDelaySeconds: (retrier.MaxDelaySeconds as number) * timeScale }
          : {}),
      }));
    }
    if (state.Type === 'Task') {
      const resource = String(state.Resource);
      if (resource === LAMBDA_INVOKE) {
        const parameters = (state.Parameters ?? {}) as Record<string, unknown>;
        if (!('FunctionName' in parameters)) {
          throw new Error(`State machine ${id}: state ${name} invokes Lambda without a static FunctionName`);
        }
        bindings.set(name, {
          kind: 'lambda:invoke',
          placeholder: bindLambda(name, parameters.FunctionName),
          resource,
        });
      } else if (resource.startsWith('arn:aws:states:::')) {
        throw new Error(
          `State machine ${id}: state ${name} uses ${resource}; the local runtime serves Lambda tasks only`,
        );
      } else {
        bindings.set(name, { kind: 'lambda', placeholder: bindLambda(name, resource), resource });
      }
      if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
        state.TimeoutSeconds = NO_TASK_TIMEOUT_SECONDS;
      }
    } else if (state.Type === 'Wait') {
      const parameters: Record<string, unknown> = { 'input.$': '$' };
      if (state.Seconds !== undefined) parameters.seconds = state.Seconds;
      else if (state.SecondsPath !== undefined) parameters['seconds.$'] = state.SecondsPath;
      else if (state.Timestamp !== undefined) parameters.timestamp = state.Timestamp;
      else if (state.TimestampPath !== undefined) parameters['timestamp.$'] = state.TimestampPath;
      const { Seconds, SecondsPath, Timestamp, TimestampPath, ...rest } = state;
      for (const key of Object.keys(state)) delete state[key];
      Object.assign(state, rest, {
        Type: 'Task',
        Resource: LOCAL_WAIT_RESOURCE,
        Parameters: parameters,
        TimeoutSeconds: NO_TASK_TIMEOUT_SECONDS,
      });
      bindings.set(name, { kind: 'wait' });
    }
  });
  return { runtime, bindings, stateTypes, failStates };
}
