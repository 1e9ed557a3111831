import Stripe from 'stripe';
import { dynamo } from '../../shared/clients';
import { intEnv, optionalEnv, requireEnv } from '../../shared/config';
import { secretValue } from '../../shared/secrets';
import { chargeableOrder } from '../orders/order-lookup';
import { type CardGateway, stripeGateway } from './card-gateway';
import { paymentsRepository } from './repository';
import type { PaymentsDeps } from './service';

let deps: PaymentsDeps | undefined;
let gateway: Promise<CardGateway> | undefined;

/**
 * The Stripe secret comes from Secrets Manager on AWS (through Powertools, cached) and from
 * the environment locally, where STRIPE_API_HOST/PORT/PROTOCOL point the same `stripe`
 * package at the local Stripe-compatible server.
 */
// STRIPE_SECRET locally; STRIPE_SECRET_ARN (Secrets Manager) on AWS.
const stripeSecret = () => secretValue('STRIPE_SECRET');

export function cardGateway(): Promise<CardGateway> {
  gateway ??= stripeSecret().then((secret) => {
    const host = process.env.STRIPE_API_HOST;
    return stripeGateway(
      new Stripe(secret, {
        maxNetworkRetries: intEnv('STRIPE_MAX_NETWORK_RETRIES', 2),
        timeout: intEnv('STRIPE_TIMEOUT_MS', 10_000),
        telemetry: false,
        ...(host
          ? {
              host,
              port: intEnv('STRIPE_API_PORT', 443),
              protocol: optionalEnv('STRIPE_API_PROTOCOL', 'https') as 'http' | 'https',
            }
          : {}),
      }),
    );
  });
  return gateway;
}

export function paymentsDeps(): PaymentsDeps {
  deps ??= {
    payments: paymentsRepository(dynamo(), requireEnv('PAYMENTS_TABLE_NAME')),
    cards: cardGateway,
    findOrder: chargeableOrder,
    now: () => new Date(),
  };
  return deps;
}
