import { requireEnv } from '../../shared/config';

/** The carrier webhook's signing secret: from the environment locally, Secrets Manager on AWS. */
export async function carrierWebhookSecret(): Promise<string> {
  if (process.env.CARRIER_WEBHOOK_SECRET) return process.env.CARRIER_WEBHOOK_SECRET;
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const secret = await getSecret(requireEnv('CARRIER_WEBHOOK_SECRET_ARN'), { maxAge: 300 });
  if (typeof secret !== 'string' || secret === '') throw new Error('The carrier webhook secret is empty');
  return secret;
}
