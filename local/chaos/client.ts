/** The platform's current URL: the same port across restarts, unanswered while it is down. */
export interface Target {
  url: string;
}

export class Unanswered extends Error {
  override readonly name = 'Unanswered';
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One HTTP call as a real client makes it: a timeout, and no answer (refused, reset, timed
 * out) reported as `Unanswered` so the caller decides whether to retry.
 */
export async function call(
  target: Target,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${target.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Unanswered(
      `${method} ${path}: ${(error as Error).message} (${cause?.code ?? cause?.message ?? 'no cause'})`,
    );
  }
  const text = await response.text().catch(() => '');
  let body: Record<string, unknown> = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = { raw: text };
  }
  return { status: response.status, body };
}

/**
 * Calls until the platform answers something other than a 5xx or 429, backing off between
 * tries (a crash, a fault); gives up at the deadline.
 */
export async function callUntilAnswered(
  target: Target,
  method: string,
  path: string,
  options: Parameters<typeof call>[3] & { deadline: number },
): Promise<Answer> {
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await call(target, method, path, options);
      if (answer.status < 500 && answer.status !== 429) return answer;
      if (Date.now() > options.deadline) return answer;
    } catch (error) {
      if (!(error instanceof Unanswered) || Date.now() > options.deadline) throw error;
    }
    await sleep(Math.min(4000, 200 * 2 ** attempt) * (0.5 + Math.random() / 2));
  }
}
