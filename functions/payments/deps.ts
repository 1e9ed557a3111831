import Stripe from 'stripe';
import { dynamo } from '../../shared/clients';
import { intEnv, optionalEnv, requireEnv } from '../../shared/config';
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
async function secretFrom(directEnv: string, arnEnv: string): Promise<string> {
  const direct = process.env[directEnv];
  if (direct) return direct;
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const secret = await getSecret(requireEnv(arnEnv), { maxAge: 300 });
  if (typeof secret !== 'string' || secret === '') throw new Error(`The secret behind ${arnEnv} is empty`);
  return secret;
}

const stripeSecret = () => secretFrom('STRIPE_SECRET_KEY', 'STRIPE_SECRET_ARN');

/** The signing secret of Stripe's webhooks to us. */
export const stripeWebhookSecret = () => secretFrom('STRIPE_WEBHOOK_SECRET', 'STRIPE_WEBHOOK_SECRET_ARN');

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
