import type * as z from 'zod';
import type { Feature } from '../feature-flags';
import type { RateLimit } from '../rate-limit';

/**
 * The manifests declare, as data, what connects handlers to the world. The CDK app and the
 * local runtime both read them, so one declaration serves AWS and the laptop alike.
 */

/** `functions/<service>/handlers/<file>.handler`: a module path from the repo root and an export. */
export type HandlerRef = `functions/${string}.${string}`;

export type TableId =
  | 'users'
  | 'products'
  | 'inventory'
  | 'carts'
  | 'orders'
  | 'payments'
  | 'idempotency'
  | 'reviews'
  | 'recommendations'
  | 'notifications'
  | 'rate-limits'
  | 'cdn-purges';

export type TableAccess = 'read' | 'readWrite';

/** What a handler touches beyond its own code: the CDK app turns this into grants and env. */
export interface ResourceUse {
  tables?: Partial<Record<TableId, TableAccess>>;
  publishesEvents?: boolean;
  stateMachines?: string[];
  bucket?: 'images';
  secrets?: Array<'stripe' | 'carrier'>;
  /** Reads or writes the search index (OpenSearch on AWS). */
  search?: boolean;
  /** Sends e-mail (SES on AWS). */
  email?: boolean;
}

export type AuthLevel = 'public' | 'optional' | 'user' | 'seller' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface CachePolicy {
  /** Seconds a browser may keep the response (0 where a purge must be seen: browsers are never purged). */
  maxAgeSeconds: number;
  /** Seconds a CDN may keep it (`s-maxage`): the lifetime a purge shortens. */
  sharedMaxAgeSeconds: number;
  /** Seconds past `s-maxage` a CDN may still answer stale while it fetches a fresh copy. */
  staleWhileRevalidateSeconds?: number;
}

/** How long a response is kept for replays of its `Idempotency-Key`. */
export interface IdempotencyPolicy {
  expiresAfterSeconds: number;
}

/** A webhook signed Stripe's way; `secret` names the env var (or `<secret>_ARN` on AWS) holding the key. */
export interface WebhookSignature {
  /** As the sender spells it, e.g. `X-Carrier-Signature`: also the field a 400 names. */
  header: string;
  secret: string;
}

// biome-ignore lint/suspicious/noExplicitAny: route contracts are generic over any zod shape
type AnyObjectSchema = z.ZodObject<any>;

export interface RouteDefinition<
  Params extends AnyObjectSchema | undefined = AnyObjectSchema | undefined,
  Query extends AnyObjectSchema | undefined = AnyObjectSchema | undefined,
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Response extends z.ZodType | undefined = z.ZodType | undefined,
> {
  /** PascalCase, unique: the CDK construct id and the OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** API Gateway path template: `/api/v1/products/{product_id}`. */
  path: string;
  auth: AuthLevel;
  handler: HandlerRef;
  summary: string;
  tag: string;
  params?: Params;
  query?: Query;
  body?: Body;
  /** Undefined for 204 responses. */
  response?: Response;
  successStatus: 200 | 201 | 202 | 204;
  /** Public GETs a CDN may cache; everything else is `no-store`. */
  cache?: CachePolicy;
  /** A feature that can be switched off (503 FEATURE_DISABLED while it is). */
  feature?: Feature;
  /** Requests per caller (user, else anonymous cart, else source IP), checked after auth. */
  rateLimit?: RateLimit;
  /**
   * The response's media type when it is not JSON (a page): the step's body, a string, is sent
   * as it is, with this content type.
   */
  contentType?: 'text/html';
  /** Also accept a non-JSON body (the handler receives it raw), e.g. a signed webhook. */
  rawBody?: boolean;
  /** Replays a retry that sends the same `Idempotency-Key` (needs the `idempotency` table). */
  idempotency?: IdempotencyPolicy;
  /** Rejects, with 400, a request whose signature does not verify, before the step runs. */
  signature?: WebhookSignature;
  uses?: ResourceUse;
  timeoutSeconds?: number;
  memoryMb?: number;
}

export interface GsiDefinition {
  name: string;
  partitionKey: string;
  sortKey?: string;
  /** Attributes projected besides the keys; 'ALL' when omitted. */
  include?: string[];
}

export interface TableDefinition {
  id: TableId;
  /** The env var that carries the table's name to handlers: `PRODUCTS_TABLE_NAME`. */
  envVar: string;
  owner: string;
  partitionKey: string;
  sortKey?: string;
  gsis?: GsiDefinition[];
  stream?: 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE';
  ttlAttribute?: string;
  /** Key attributes that are numbers; every other key attribute is a string. */
  numericKeys?: string[];
}

/** An EventBridge pattern, as EventBridge reads it. */
export type EventPattern = Record<string, unknown>;

export interface EventRuleDefinition {
  id: string;
  description: string;
  /** The bus the rule listens on: Bazaar's own (default), or the account's default bus where AWS services (S3) send their events. */
  bus?: 'bazaar' | 'default';
  pattern: EventPattern;
  handler: HandlerRef;
  uses?: ResourceUse;
}

export interface StreamDefinition {
  id: string;
  table: TableId;
  handler: HandlerRef;
  batchSize: number;
  maxRetries: number;
  /** Lambda event filter patterns on the stream record. */
  filters?: EventPattern[];
  uses?: ResourceUse;
}

export interface ScheduleDefinition {
  id: string;
  description: string;
  /** How often on AWS; locally overridable through `envOverride` (seconds) so tests run fast. */
  everySeconds: number;
  envOverride: string;
  handler: HandlerRef;
  uses?: ResourceUse;
}

export interface StateMachineDefinition {
  id: string;
  /** The service that hosts it (its construct creates it). */
  owner: string;
  /** Repo-relative path of the ASL file. */
  definitionFile: string;
  /** `${Name}` placeholders in the ASL, each bound to a handler. */
  taskHandlers: Record<string, HandlerRef>;
  envVar: string;
  /** What each task's function touches, by placeholder: least privilege per step. */
  taskUses: Record<string, ResourceUse>;
}

/**
 * What one service declares, in its own folder (`functions/<service>/manifest.ts`): its routes,
 * the rules, streams and schedules that run its handlers, the tables and state machines it owns.
 * `functions/manifest.ts` gathers every service's into the platform's manifests.
 */
export interface ServiceManifest {
  /** The service's folder under `functions/` (or `platform` for what no service owns). */
  readonly service: string;
  readonly routes?: readonly RouteDefinition[];
  readonly rules?: readonly EventRuleDefinition[];
  readonly streams?: readonly StreamDefinition[];
  readonly schedules?: readonly ScheduleDefinition[];
  readonly tables?: readonly TableDefinition[];
  readonly stateMachines?: readonly StateMachineDefinition[];
}

/** The platform's manifests: every service's entries together, as the CDK app and the local runtime read them. */
export interface PlatformManifests {
  readonly routes: RouteDefinition[];
  readonly rules: EventRuleDefinition[];
  readonly streams: StreamDefinition[];
  readonly schedules: ScheduleDefinition[];
  readonly tables: TableDefinition[];
  readonly stateMachines: StateMachineDefinition[];
}
