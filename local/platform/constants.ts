/** The names the local platform gives what it runs; the CDK app names the deployed ones. */
export const LOCAL_CLIENT_ID = 'bazaar-local';
export const BUS_NAME = 'bazaar';
export const IMAGES_BUCKET = 'bazaar-images';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const STRIPE_WEBHOOK_PATH = '/api/v1/payments/webhooks/stripe';

/** How each component logs: one stderr line, prefixed with the component's name. */
export function componentLog(component: string) {
  return (message: string, fields: Record<string, unknown>) =>
    console.error(`[${component}] ${message}`, JSON.stringify(fields));
}

/** Where the local CDN serves CloudFront's API (AWS_ENDPOINT_URL_CLOUDFRONT), and the id it answers to. */
export const LOCAL_CLOUDFRONT_PATH = '/_local/cloudfront';
export const LOCAL_DISTRIBUTION_ID = 'ELOCALCDN';
