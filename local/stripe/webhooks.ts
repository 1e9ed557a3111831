import { createHmac } from 'node:crypto';
import type { StripeEvent } from './types';

/**
 * The `Stripe-Signature` header Stripe sends: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<payload>">`, keyed with the endpoint's whole signing secret (`whsec_…` included), which
 * is what `stripe.webhooks.constructEvent(payload, header, secret)` verifies.
 */
export function signatureHeader(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

export interface WebhookDelivery {
  eventId: string;
  type: string;
  url: string | undefined;
  delivered: boolean;
  attempts: number;
  /** The last HTTP status, when the endpoint answered at all. */
  status?: number;
  error?: string;
}

export interface WebhookSenderOptions {
  url?: string;
  secret: string;
  maxAttempts?: number;
  retryBaseMs?: number;
  attemptTimeoutMs?: number;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

/**
 * Delivers events the way Stripe does: a signed JSON POST, in the background (the API response
 * never waits for it), retried with backoff on a non-2xx answer or a network failure, and given
 * up (logged) after the last attempt. Nothing here throws to the caller.
 */
export class WebhookSender {
  private url: string | undefined;
  private readonly pending = new Set<Promise<WebhookDelivery>>();
  private readonly timers = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  private readonly aborts = new Set<AbortController>();
  private stopped = false;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly attemptTimeoutMs: number;

  constructor(private readonly options: WebhookSenderOptions) {
    this.url = options.url;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.retryBaseMs = options.retryBaseMs ?? 250;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000;
  }

  setUrl(url: string | undefined): void {
    this.url = url;
  }

  /** Starts a delivery (a no-op without a URL); the promise settles when it is delivered or given up. */
  send(event: StripeEvent): Promise<WebhookDelivery> {
    const delivery = this.deliver(event, this.url).catch(
      (error: unknown): WebhookDelivery => ({
        eventId: event.id,
        type: event.type,
        url: this.url,
        delivered: false,
        attempts: 0,
        error: String(error),
      }),
    );
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
    return delivery;
  }

  /** Resolves once every delivery started so far has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Cancels retries and in-flight attempts. */
  stop(): void {
    this.stopped = true;
    for (const abort of this.aborts) abort.abort();
    for (const entry of this.timers) {
      clearTimeout(entry.timer);
      entry.done();
    }
    this.timers.clear();
  }

  private async deliver(event: StripeEvent, url: string | undefined): Promise<WebhookDelivery> {
    const result: WebhookDelivery = {
      eventId: event.id,
      type: event.type,
      url,
      delivered: false,
      attempts: 0,
    };
    if (!url) return result;
    const payload = JSON.stringify(event, null, 2);
    for (let attempt = 1; attempt <= this.maxAttempts && !this.stopped; attempt++) {
      if (attempt > 1) await this.sleep(this.retryBaseMs * 2 ** (attempt - 2));
      if (this.stopped) break;
      result.attempts = attempt;
      const abort = new AbortController();
      this.aborts.add(abort);
      const timeout = setTimeout(() => abort.abort(), this.attemptTimeoutMs);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
            'stripe-signature': signatureHeader(payload, this.options.secret),
          },
          body: payload,
          signal: abort.signal,
        });
        await response.arrayBuffer().catch(() => undefined);
        result.status = response.status;
        delete result.error;
        if (response.ok) {
          result.delivered = true;
          return result;
        }
      } catch (error) {
        result.error = (error as Error).message;
      } finally {
        clearTimeout(timeout);
        this.aborts.delete(abort);
      }
    }
    if (!this.stopped) {
      this.options.log?.('webhook delivery failed', {
        eventId: event.id,
        type: event.type,
        url,
        attempts: result.attempts,
        status: result.status,
        error: result.error,
      });
    }
    return result;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((done) => {
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          done();
        }, ms),
        done,
      };
      this.timers.add(entry);
    });
  }
}
