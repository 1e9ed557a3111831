import { secretValue } from '../../shared/secrets';

/** The carrier webhook's signing secret: from the environment locally, Secrets Manager on AWS. */
export const carrierWebhookSecret = () => secretValue('CARRIER_WEBHOOK_SECRET');
