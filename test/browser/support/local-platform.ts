import { api, baseUrl, eventually, localEndpoints, stripeState } from '../../support/api';

/** A charge as the local Stripe-compatible server holds it (the fields tests look at). */
export interface LocalCharge {
  id: string;
  amount: number;
  currency: string;
  paid: boolean;
  status: string;
  failure_code: string | null;
  payment_intent: string;
  metadata: Record<string, string>;
}

/** An event the local bus carried. */
export interface BusEvent {
  id: string;
  source: string;
  'detail-type': string;
  time: string;
  detail: Record<string, unknown>;
}

/**
 * What the running local platform shows through its `/_local/*` endpoints and its Stripe
 * server's ledger: what a browser cannot see and a journey must still check (nothing charged,
 * one order, an event sent).
 */
export const localPlatform = {
  /** Every charge the payment provider made, paid or declined; `orderId` keeps one order's. */
  async charges(filter: { orderId?: string; paid?: boolean } = {}): Promise<LocalCharge[]> {
    const { charges } = (await stripeState()) as { charges: LocalCharge[] };
    return charges.filter(
      (charge) =>
        (filter.orderId === undefined || charge.metadata?.order_id === filter.orderId) &&
        (filter.paid === undefined || charge.paid === filter.paid),
    );
  },

  /** The charges paid for any of `person`'s orders: what they were really charged. */
  async paidChargesOf(person: { token: string }): Promise<LocalCharge[]> {
    const orderIds = new Set(
      (await this.ordersOf(person)).map((order) => (order as { order_id: string }).order_id),
    );
    return (await this.charges({ paid: true })).filter((charge) =>
      orderIds.has(charge.metadata?.order_id ?? ''),
    );
  },

  /** `person`'s orders as the API lists them (the first page: a test's shopper has few). */
  async ordersOf(person: { token: string }): Promise<Array<Record<string, unknown>>> {
    const response = await api('GET', '/api/v1/orders', { token: person.token });
    if (response.status !== 200) throw new Error(`orders: ${response.status} ${response.text}`);
    return response.body.items;
  },

  /** The events the bus carried, of one detail type when asked. */
  async events(filter: { detailType?: string; source?: string } = {}): Promise<BusEvent[]> {
    const query = new URLSearchParams();
    if (filter.detailType) query.set('detail-type', filter.detailType);
    if (filter.source) query.set('source', filter.source);
    const response = await fetch(`${baseUrl()}/_local/events?${query}`);
    return ((await response.json()) as { events: BusEvent[] }).events;
  },

  /** Every local component's state (`up` / `down`). */
  async health(): Promise<Record<string, 'up' | 'down'>> {
    const response = await fetch(`${baseUrl()}/_local/health`);
    return ((await response.json()) as { components: Record<string, 'up' | 'down'> }).components;
  },

  /** The AWS-compatible endpoints (bus, Step Functions, DynamoDB, Stripe) of the platform. */
  endpoints: localEndpoints,

  /** Polls until `check` returns a value other than undefined (5 s unless told). */
  eventually,
};
