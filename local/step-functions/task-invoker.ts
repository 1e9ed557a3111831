import type { HandlerRef } from '../../shared/manifests/types';
import { invoke as invokeHandler } from '../lambda';
import { type LambdaFailure, lambdaTimeoutFailure } from './errors';
import type { TaskFunction, TaskInfo, TaskInvoker } from './types';

/** A task handler ran past its Lambda timeout: the task fails with `Sandbox.Timedout`. */
export class LambdaTimedOut extends Error {
  constructor(readonly failure: LambdaFailure) {
    super(failure.cause);
  }
}

export interface InvokeTaskOptions {
  /** The handler's Lambda timeout. */
  timeoutMs: number;
  /** Calls manifest handlers instead of local/lambda.ts. */
  invoke?: TaskInvoker;
}

/**
 * Calls a task's handler as Lambda would: a plain function directly, a manifest handler with
 * `options.invoke` if given, else in-process with local/lambda.ts. Past `timeoutMs` it rejects
 * with `LambdaTimedOut`, except through `options.invoke`, which keeps its own time.
 */
export async function invokeTask(
  handler: HandlerRef | TaskFunction,
  event: unknown,
  info: TaskInfo,
  options: InvokeTaskOptions,
): Promise<unknown> {
  // Each attempt gets its own copy, as a serialized Lambda payload would be.
  const payload = structuredClone(event);
  const { timeoutMs } = options;
  if (typeof handler === 'function') {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        Promise.resolve().then(() => handler(payload, info)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new LambdaTimedOut(lambdaTimeoutFailure(timeoutMs))), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
  if (options.invoke) return options.invoke(handler, payload, { ...info, timeoutMs });
  try {
    return await invokeHandler(handler, payload, timeoutMs);
  } catch (error) {
    // local/lambda.ts's own timeout error, word for word.
    if (error instanceof Error && error.message === `${handler} timed out after ${timeoutMs} ms`) {
      throw new LambdaTimedOut(lambdaTimeoutFailure(timeoutMs));
    }
    throw error;
  }
}
