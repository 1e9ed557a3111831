import type { Context } from 'aws-lambda';
import type * as z from 'zod';
import type { RouteDefinition } from '../manifests/types';

/** Declares a route contract, keeping its schema types for the handler. */
export function defineRoute<const R extends RouteDefinition>(route: R): R {
  return route;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface AuthUser {
  userId: string;
  roles: readonly Role[];
}

export type Role = 'customer' | 'seller' | 'admin';

/** What a handler receives: the request already parsed, validated and authenticated. */
export interface HttpRequest<R extends RouteDefinition> {
  params: Out<R['params']>;
  query: Out<R['query']>;
  body: Out<R['body']>;
  /** Present on `user`, `seller` and `admin` routes; on `optional` routes when a token came. */
  user: R['auth'] extends 'public'
    ? undefined
    : R['auth'] extends 'optional'
      ? AuthUser | undefined
      : AuthUser;
  headers: Record<string, string | undefined>;
  cookies: Record<string, string>;
  rawBody: string | undefined;
  requestId: string;
  /** The client's origin as the gateway saw it, e.g. to mark cookies Secure over HTTPS. */
  secure: boolean;
  /** The viewer's address: the gateway's source IP, or the CDN's `CloudFront-Viewer-Address` when trusted. */
  sourceIp: string;
  /** The Lambda context, for utilities that need the remaining time (idempotency). */
  lambdaContext: Context;
}

export interface HttpResult<Body> {
  status?: number;
  body?: Body;
  headers?: Record<string, string>;
  cookies?: string[];
}

export type ResponseOf<R extends RouteDefinition> = R['response'] extends z.ZodType
  ? z.input<R['response']>
  : undefined;
