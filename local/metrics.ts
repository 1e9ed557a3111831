/**
 * The local stand-in for CloudWatch's EMF ingestion: handlers run in this process and
 * Powertools prints each metrics flush as one JSON line on stdout, exactly as on Lambda.
 * Those lines are read off stdout here (and kept off the terminal), and their counts served
 * at `GET /_local/metrics`; every other line of output passes through untouched.
 */
export interface MetricsSnapshot {
  /** Every metric's total since the platform started. */
  totals: Record<string, number>;
  /** Totals per dimension value (`reason=payment_declined`), beyond the `service` every line has. */
  by_dimension: Record<string, Record<string, number>>;
}

interface EmfLine {
  _aws: { CloudWatchMetrics: Array<{ Dimensions: string[][]; Metrics: Array<{ Name: string }> }> };
  [field: string]: unknown;
}

export class LocalMetrics {
  private readonly totals = new Map<string, number>();
  private readonly byDimension = new Map<string, Map<string, number>>();
  private pending = '';
  private restore?: () => void;

  /** Starts reading EMF lines off `stream` (this process's stdout). */
  capture(stream: NodeJS.WriteStream = process.stdout): this {
    const original = stream.write;
    const write = (chunk: unknown, ...rest: unknown[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      const passed = this.take(text);
      if (passed === '') {
        const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
        callback?.();
        return true;
      }
      return (original as (...args: unknown[]) => boolean).call(stream, passed, ...rest);
    };
    stream.write = write as typeof stream.write;
    this.restore = () => {
      stream.write = original;
    };
    return this;
  }

  /** Consumes the EMF lines of a chunk of output; returns what is not EMF, to be printed. */
  take(text: string): string {
    if (this.pending === '' && !text.includes('{"_aws"')) return text;
    const pieces = (this.pending + text).split('\n');
    const last = pieces.pop() ?? '';
    // An EMF line cut between two writes waits for its end; anything else goes out as it came.
    this.pending = last.startsWith('{"_aws"') ? last : '';
    const kept = pieces
      .filter((line) => !this.record(line))
      .map((line) => `${line}\n`)
      .join('');
    return this.pending === '' ? kept + last : kept;
  }

  /** Adds an EMF line's values; false when the line is not EMF. */
  record(line: string): boolean {
    if (!line.startsWith('{"_aws"')) return false;
    let emf: EmfLine;
    try {
      emf = JSON.parse(line) as EmfLine;
    } catch {
      return false;
    }
    for (const directive of emf._aws?.CloudWatchMetrics ?? []) {
      const dimensionNames = [...new Set(directive.Dimensions.flat())].filter((name) => name !== 'service');
      const dimensionKey = dimensionNames.map((name) => `${name}=${String(emf[name])}`).join(',');
      for (const { Name } of directive.Metrics) {
        const raw = emf[Name];
        const value = Array.isArray(raw)
          ? raw.reduce((sum: number, each) => sum + Number(each), 0)
          : Number(raw ?? 0);
        this.totals.set(Name, (this.totals.get(Name) ?? 0) + value);
        if (dimensionKey) {
          const perValue = this.byDimension.get(Name) ?? new Map<string, number>();
          perValue.set(dimensionKey, (perValue.get(dimensionKey) ?? 0) + value);
          this.byDimension.set(Name, perValue);
        }
      }
    }
    return true;
  }

  snapshot(): MetricsSnapshot {
    return {
      totals: Object.fromEntries(this.totals),
      by_dimension: Object.fromEntries(
        [...this.byDimension].map(([name, values]) => [name, Object.fromEntries(values)]),
      ),
    };
  }

  stop(): Promise<void> {
    this.restore?.();
    this.restore = undefined;
    return Promise.resolve();
  }
}
