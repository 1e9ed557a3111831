import { call, type Target } from './client';

/** One fault of every kind the local runtime can inject, each at `probability`. */
export function everyFault(probability: number): unknown[] {
  return [
    { kind: 'lambda:invocation-error', probability },
    // After its side effects, before it returns: the caller retries work that was done.
    { kind: 'lambda:invocation-error', preventExecution: false, probability },
    { kind: 'lambda:invocation-add-delay', delayMs: 500, probability },
    { kind: 'events:put-events-error', probability },
    { kind: 'events:delivery-error', probability },
    { kind: 'streams:batch-error', probability },
    { kind: 'dynamodb:throughput-exceeded', probability },
    { kind: 'dynamodb:transaction-conflict', probability },
    { kind: 'stripe:api-error', probability },
    { kind: 'stripe:timeout', probability },
    { kind: 'stripe:response-withheld', probability },
  ];
}

export async function armFaults(target: Target, faults: unknown[]): Promise<void> {
  const answer = await call(target, 'POST', '/_local/faults', { body: faults });
  if (answer.status !== 201)
    throw new Error(`arming faults → ${answer.status} ${JSON.stringify(answer.body)}`);
}

export async function disarmFaults(target: Target): Promise<void> {
  await call(target, 'DELETE', '/_local/faults');
}

/** Injections so far in this life of the platform, by kind (a crash loses them, so the runner polls). */
export async function faultsInjected(target: Target): Promise<Map<string, number> | undefined> {
  try {
    const { status, body } = await call(target, 'GET', '/_local/faults/log', { timeoutMs: 5000 });
    if (status !== 200) return undefined;
    const byKind = new Map<string, number>();
    for (const injection of (body.injected as Array<{ kind: string }> | undefined) ?? []) {
      byKind.set(injection.kind, (byKind.get(injection.kind) ?? 0) + 1);
    }
    return byKind;
  } catch {
    return undefined;
  }
}
