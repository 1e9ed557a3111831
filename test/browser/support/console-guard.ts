import type { BrowserContext } from '@playwright/test';

/** An error the browser reported: a console.error, a failed resource, or an uncaught exception. */
export interface BrowserError {
  kind: 'console' | 'uncaught';
  text: string;
  /** The page or resource it came from. */
  url: string;
}

/**
 * Collects every error the browser reports in a context (all its pages): `console.error`
 * calls, resources that failed to load (chromium logs an API's 4xx answer so), and exceptions
 * nothing caught. A test expecting an error (a declined card answers 402) says so with
 * `allow`, so nothing else slips through with it.
 */
export class ConsoleGuard {
  private readonly errors: BrowserError[] = [];
  private readonly allowed: RegExp[] = [];

  watch(context: BrowserContext): void {
    context.on('console', (message) => {
      if (message.type() !== 'error') return;
      this.errors.push({
        kind: 'console',
        text: message.text(),
        url: message.location().url || message.page()?.url() || '',
      });
    });
    context.on('weberror', (webError) => {
      const error = webError.error();
      this.errors.push({
        kind: 'uncaught',
        text: error.stack || `${error.name}: ${error.message}`,
        url: webError.page()?.url() ?? '',
      });
    });
  }

  /** Lets through the errors whose text or URL matches, e.g. `/status of 402/`. */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  /** Every error so far that no `allow` matched. */
  unexpected(): BrowserError[] {
    return this.errors.filter(
      (error) => !this.allowed.some((pattern) => pattern.test(error.text) || pattern.test(error.url)),
    );
  }

  /** Throws, listing them one by one, when the browser reported an error no test allowed. */
  assertNone(): void {
    const unexpected = this.unexpected();
    if (unexpected.length === 0) return;
    const lines = unexpected.map(
      (error, index) =>
        `  ${index + 1}. [${error.kind}] ${error.text}${error.url ? `\n     at ${error.url}` : ''}`,
    );
    throw new Error(
      `The browser reported ${unexpected.length} error(s):\n${lines.join('\n')}\n` +
        'A test that expects one says so: consoleErrors.allow(/pattern/).',
    );
  }
}
