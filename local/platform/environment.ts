import { stateMachines, tables } from '../../functions/manifest';
import type { TableDefinition } from '../../shared/manifests/types';
import { stateMachineArn } from '../step-functions';
import { localTableName } from '../tables';
import {
  BUS_NAME,
  IMAGES_BUCKET,
  LOCAL_CLIENT_ID,
  LOCAL_CLOUDFRONT_PATH,
  LOCAL_CREDENTIALS,
  LOCAL_DISTRIBUTION_ID,
} from './constants';

export type TableNames = Map<TableDefinition['id'], string>;

/** Every manifest table's local name, by id. */
export function localTableNames(): TableNames {
  return new Map<TableDefinition['id'], string>(tables.map((table) => [table.id, localTableName(table)]));
}

/** Where the handlers find what the platform started. */
export interface LocalEndpoints {
  /** The platform's own URL (the gateway and the local token issuer). */
  url: string;
  dynamodb: string;
  /** The JSON-protocol endpoint (EventBridge and Step Functions). */
  aws: string;
  s3: { url: string; bucketUrl(bucket: string): string };
  stripe: { host: string; port: number; protocol: string; webhookSecret: string };
  issuerKey: { privateKeyPem: string; keyId: string };
  tableNames: TableNames;
}

/**
 * The environment handlers run with locally: the SDK's standard endpoint variables pointed at
 * the local services, and every variable the CDK app sets on the deployed functions. Settings
 * tests may shorten or switch (`CARRIER_WEBHOOK_SECRET`, log level, response validation) keep
 * a value already in the environment.
 */
export function localEnvironment(endpoints: LocalEndpoints): Record<string, string> {
  const { url, s3, stripe, issuerKey, tableNames } = endpoints;
  const issuer = issuerUrl(url);
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodb,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.aws,
    AWS_ENDPOINT_URL_SFN: endpoints.aws,
    // The local CDN's CreateInvalidation, which the purge handler calls as it calls CloudFront's.
    AWS_ENDPOINT_URL_CLOUDFRONT: `${endpoints.url}${LOCAL_CLOUDFRONT_PATH}`,
    CDN_DISTRIBUTION_ID: LOCAL_DISTRIBUTION_ID,
    CDN_PURGE_FLUSH_SECONDS: '0.5',
    AWS_ENDPOINT_URL_S3: s3.url,
    S3_FORCE_PATH_STYLE: 'true',
    IMAGES_BUCKET_NAME: IMAGES_BUCKET,
    IMAGES_BASE_URL: s3.bucketUrl(IMAGES_BUCKET),
    EVENT_BUS_NAME: BUS_NAME,
    STRIPE_SECRET: 'sk_test_bazaar_local',
    STRIPE_API_HOST: stripe.host,
    STRIPE_API_PORT: String(stripe.port),
    STRIPE_API_PROTOCOL: stripe.protocol,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    IDENTITY_PROVIDER: 'local',
    AUTH_ISSUER: issuer,
    AUTH_JWKS_URI: jwksUri(issuer),
    AUTH_CLIENT_ID: LOCAL_CLIENT_ID,
    LOCAL_ISSUER_KEY_ID: issuerKey.keyId,
    LOCAL_ISSUER_PRIVATE_KEY: issuerKey.privateKeyPem,
    SEARCH_ENGINE: 'embedded',
    EMAIL_DELIVERY: 'record',
    CARRIER_WEBHOOK_SECRET: process.env.CARRIER_WEBHOOK_SECRET ?? 'whsec_carrier_local',
    BAZAAR_VALIDATE_RESPONSES: process.env.BAZAAR_VALIDATE_RESPONSES ?? '1',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    ...Object.fromEntries(tables.map((table) => [table.envVar, tableNames.get(table.id)!])),
    ...Object.fromEntries(stateMachines.map((machine) => [machine.envVar, stateMachineArn(machine.id)])),
  };
}

/** The local token issuer, served by the platform itself. */
export function issuerUrl(platformUrl: string): string {
  return `${platformUrl}/local-issuer`;
}

export function jwksUri(issuer: string): string {
  return `${issuer}/.well-known/jwks.json`;
}
