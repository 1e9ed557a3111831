import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  statusCounts: Record<number, number>;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  /** Picks the path for each request, e.g. to spread reads over many products. */
  path: (n: number) => string;
  method?: string;
  headers?: Record<string, string>;
  body?: (n: number) => string | undefined;
}

/**
 * A closed-loop HTTP load generator: `connections` keep-alive clients, each sending its next
 * request as soon as the previous one answers, for a fixed time.
 */
export async function runLoad(baseUrl: string, options: LoadOptions): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const statusCounts: Record<number, number> = {};
  let errors = 0;
  let counter = 0;
  const startedAt = performance.now();
  const endAt = startedAt + options.durationSeconds * 1000;

  const one = (n: number) =>
    new Promise<void>((resolve) => {
      const body = options.body?.(n);
      const sentAt = performance.now();
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: options.method ?? 'GET',
          path: options.path(n),
          headers: { ...options.headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - sentAt);
            statusCounts[res.statusCode ?? 0] = (statusCounts[res.statusCode ?? 0] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });

  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < endAt) await one(counter++);
    }),
  );
  agent.destroy();
  const seconds = (performance.now() - startedAt) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    errors,
    statusCounts,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: latencies[latencies.length - 1] ?? 0 },
  };
}

export function describeLoad(label: string, result: LoadResult): string {
  const statuses = Object.entries(result.statusCounts)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
  return (
    `${label}: ${result.requestsPerSecond.toFixed(0)} req/s over ${result.seconds.toFixed(1)} s ` +
    `(${result.requests} requests; ${statuses}; ${result.errors} errors), ` +
    `latency p50 ${result.latencyMs.p50.toFixed(1)} ms, p90 ${result.latencyMs.p90.toFixed(1)} ms, ` +
    `p99 ${result.latencyMs.p99.toFixed(1)} ms, max ${result.latencyMs.max.toFixed(1)} ms`
  );
}
