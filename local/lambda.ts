import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import type { HandlerRef } from '../shared/manifests/types';
import type { Fault, FaultInjector } from './faults/faults';
import { localUsage } from './usage';

export const REPO_ROOT = join(__dirname, '..');

// biome-ignore lint/suspicious/noExplicitAny: handlers take whatever event their trigger sends
export type LambdaHandler = (event: any, context: Context) => Promise<any>;

const loaded = new Map<string, LambdaHandler>();

let faults: FaultInjector | undefined;

/** The platform's fault injector, which every invocation consults (none: no faults). */
export function useFaultInjector(injector: FaultInjector | undefined): void {
  faults = injector;
}

/**
 * An injected invocation error. Its name is one Step Functions reports for a Lambda service
 * failure, which AWS documents may come after the function ran; the checkout saga retries it.
 */
export class InjectedInvocationError extends Error {
  override readonly name = 'Lambda.ServiceException';
  constructor(ref: HandlerRef, fault: Fault) {
    super(`Fault ${fault.id} (lambda:invocation-error) failed ${ref}`);
  }
}

/**
 * Loads a manifest handler (`functions/x/handlers/y.handler`) once, as Lambda keeps a warm
 * container: module scope runs on first use and is reused afterwards.
 */
export function loadHandler(ref: HandlerRef): LambdaHandler {
  const cached = loaded.get(ref);
  if (cached) return cached;
  const dot = ref.lastIndexOf('.');
  const modulePath = join(REPO_ROOT, ref.slice(0, dot));
  const exportName = ref.slice(dot + 1);
  const handler = require(modulePath)[exportName];
  if (typeof handler !== 'function') throw new Error(`${ref} does not export a function named ${exportName}`);
  loaded.set(ref, handler);
  return handler;
}

/**
 * Invokes a handler with a Lambda-like context and a timeout, as the Lambda service would,
 * applying any armed `lambda:*` fault: a delay (inside the timeout, as a slow start would
 * be), an error before the handler runs, or an error after it has run and done its work.
 */
export async function invoke<T>(ref: HandlerRef, event: unknown, timeoutMs = 30_000): Promise<T> {
  const handler = loadHandler(ref);
  const startedAt = Date.now();
  const functionName = ref.replace(/^functions\//, '').replace(/[/.]/g, '-');
  const context: Context = {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - startedAt)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`${ref} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const point = { handler: ref, text: () => JSON.stringify(event) ?? '' };
  const delay = faults?.fire('lambda:invocation-add-delay', point);
  const failure = faults?.fire('lambda:invocation-error', point);
  const run = async () => {
    if (delay?.delayMs) await new Promise((resolve) => setTimeout(resolve, delay.delayMs));
    // Lambda would have stopped a function that timed out while delayed: it never runs.
    if (timedOut) throw new Error(`${ref} timed out after ${timeoutMs} ms`);
    if (failure?.preventExecution) throw new InjectedInvocationError(ref, failure);
    // Billed duration: the handler's own run, not an injected delay before it.
    const runStartedAt = performance.now();
    let result: T;
    try {
      result = await (handler(event, context) as Promise<T>);
    } finally {
      localUsage.lambdaInvocation(ref, performance.now() - runStartedAt);
    }
    if (failure) throw new InjectedInvocationError(ref, failure);
    return result;
  };
  try {
    return await Promise.race([run(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
