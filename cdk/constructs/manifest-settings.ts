import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { ResourceUse, TableId } from '../../shared/manifests/types';
import type { Manifests } from './manifest-wiring';
import type { ApiAuth, Platform } from './platform';
import type { ServiceFunction } from './service-function';

/** What a service hands the wiring, and what the wiring hands back. */
export type SecretId = NonNullable<ResourceUse['secrets']>[number];

/** Environment variables for resources the manifests name but do not give a variable. */
export const IMAGES_BUCKET_ENV = 'IMAGES_BUCKET_NAME';
export const IMAGES_BASE_URL_ENV = 'IMAGES_BASE_URL';
/** `ses` on AWS (functions/notifications/deps.ts); unset, e-mail is only recorded. */
export const EMAIL_DELIVERY_ENV = 'EMAIL_DELIVERY';
export const EMAIL_FROM_ENV = 'EMAIL_FROM';

/**
 * How functions whose `uses` say `email: true` send it: SES, from one address, allowed to send
 * only as the SES identities that address can be verified under (see cdk/constructs/notifications.ts).
 */
export interface EmailSending {
  /** The From address (`EMAIL_FROM`). */
  readonly from: string;
  /** The SES identity ARNs `ses:SendEmail` is scoped to. */
  readonly identityArns: readonly string[];
}

const secretEnv = {
  stripe: ['STRIPE_SECRET_ARN', 'STRIPE_WEBHOOK_SECRET_ARN'],
  carrier: ['CARRIER_WEBHOOK_SECRET_ARN'],
};

/**
 * What a secret id in `uses.secrets` stands for: the Secrets Manager secrets a handler reads,
 * each named by the environment variable that carries its ARN. `stripe` is the API key and
 * the signing secret of Stripe's webhooks; `carrier` the signing secret of the carrier
 * webhook (a route's `signature` names the secret the HTTP wrapper verifies it with).
 */
export const SECRET_ENV: Readonly<Record<SecretId, readonly string[]>> = secretEnv;

/** The secrets behind one secret id, keyed by the environment variable of each (see SECRET_ENV). */
export type SecretSet = Readonly<Record<string, ISecret>>;

export interface ServiceWiringProps {
  /** The service whose handlers (`functions/<service>/…`) are wired. */
  readonly service: string;
  readonly platform: Platform;
  readonly auth: ApiAuth;
  /**
   * Every table the service's handlers may name in `uses`: its own, and those of other
   * services it has been given (each by its owner's construct). A table named in `uses` but
   * missing here is an error, so a grant can never be silently dropped.
   */
  readonly tables: Partial<Record<TableId, ITable>>;
  /** State machines hosted by other services (their `owner`) that this service's handlers start. */
  readonly stateMachines?: Readonly<Record<string, IStateMachine>>;
  /**
   * For the state machines this service hosts, the task functions other services built for
   * their own steps, by `<stateMachineId>.<Placeholder>`: their constructs' `functions.tasks`.
   */
  readonly taskFunctions?: Readonly<Record<string, IFunction>>;
  readonly imagesBucket?: IBucket;
  readonly secrets?: Partial<Record<SecretId, SecretSet>>;
  /** SES sending, for the handlers whose `uses` say `email: true`. */
  readonly email?: EmailSending;
  /**
   * Settings every function of the service reads whatever it handles (its module-scope deps
   * read them at cold start), e.g. the public base URL of product images.
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** The search index, for the handlers whose `uses` say `search: true` (the search service's). */
  readonly searchIndex?: SearchIndexAccess;
  /** Defaults to the platform's manifests. */
  readonly manifests?: Partial<Manifests>;
}

/**
 * A search index a function can be let into (cdk/constructs/search.ts implements it for an
 * OpenSearch Service domain): the grant, the settings the handler reads, and whatever else the
 * index needs to admit the function's role.
 */
export interface SearchIndexAccess {
  grantIndexAccess(fn: ServiceFunction): void;
}

/** What the wiring built, by manifest id, for the service construct to extend or expose. */
export interface WiredService {
  readonly routes: Readonly<Record<string, ServiceFunction>>;
  readonly rules: Readonly<Record<string, ServiceFunction>>;
  readonly streams: Readonly<Record<string, ServiceFunction>>;
  readonly schedules: Readonly<Record<string, ServiceFunction>>;
  /** The state machines this service hosts (`owner` in the manifest). */
  readonly stateMachines: Readonly<Record<string, StateMachine>>;
  /**
   * The service's own steps of any state machine, by `<stateMachineId>.<Placeholder>`; the
   * owner of a machine hosted elsewhere is handed these as its `taskFunctions`.
   */
  readonly tasks: Readonly<Record<string, ServiceFunction>>;
  /** One per rule, stream and schedule: where events that could not be handled end up. */
  readonly deadLetterQueues: Readonly<Record<string, Queue>>;
}
