import { randomUUID } from 'node:crypto';

/**
 * How a task's failure reaches Retry and Catch, as on AWS: a Lambda function that throws is
 * reported by the Lambda runtime as `{ errorType, errorMessage, trace }`, and Step Functions
 * makes `errorType` the state's `Error` (what `ErrorEquals` matches) and that JSON the `Cause`.
 */
export interface LambdaFailure {
  error: string;
  cause: string;
}

/** What the Node.js Lambda runtime reports for a thrown value. */
export function lambdaFailureOf(thrown: unknown): LambdaFailure {
  if (thrown instanceof Error || (typeof thrown === 'object' && thrown !== null && 'message' in thrown)) {
    const error = thrown as Error;
    const errorType = typeof error.name === 'string' && error.name ? error.name : 'Error';
    const body = {
      errorType,
      errorMessage: String(error.message ?? ''),
      trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
    return { error: errorType, cause: JSON.stringify(body) };
  }
  const errorType = typeof thrown;
  return {
    error: errorType,
    cause: JSON.stringify({ errorType, errorMessage: String(thrown), trace: [] }),
  };
}

/** A Lambda function that ran out of its own time (not the Task's `TimeoutSeconds`). */
export function lambdaTimeoutFailure(timeoutMs: number): LambdaFailure {
  return {
    error: 'Sandbox.Timedout',
    cause: JSON.stringify({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${randomUUID()} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
    }),
  };
}

/**
 * The error the interpreter sees for a failed task: its `name` is what Retry/Catch match and
 * its `message` becomes the `Cause` in the Catch output (`{ Error, Cause }`).
 */
export class TaskFailedError extends Error {
  constructor(failure: LambdaFailure) {
    super(failure.cause);
    this.name = failure.error;
  }
}

/**
 * An error no Retry or Catch may handle (the interpreter reads `isRetryable`/`isCatchable`),
 * e.g. `States.Runtime`, or a task reached after its execution was stopped.
 */
export class TerminalError extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}
