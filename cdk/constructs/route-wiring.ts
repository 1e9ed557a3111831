import { HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ResourceUse, RouteDefinition } from '../../shared/manifests/types';
import { acknowledge } from './nag';
import type { ServiceWiring } from './service-wiring';

/** API Gateway gives up on an integration after 30 s; a route's Lambda must finish first. */
const MAX_ROUTE_TIMEOUT_SECONDS = 29;
const DEFAULT_ROUTE_TIMEOUT_SECONDS = 29;

/**
 * A route of the routes manifest: its function behind the HTTP API, with the JWT authorizer on
 * `user`/`seller`/`admin` routes, and what the shared HTTP middleware reads on every call
 * (roles, rate limits, the origin-verify secret, the feature switches).
 */
export function wireRoute(wiring: ServiceWiring, route: RouteDefinition): void {
  const timeoutSeconds = route.timeoutSeconds ?? DEFAULT_ROUTE_TIMEOUT_SECONDS;
  if (timeoutSeconds > MAX_ROUTE_TIMEOUT_SECONDS) {
    throw new Error(
      `Route ${route.id} asks for ${timeoutSeconds} s; HTTP API integrations end at 30 s, so at most ${MAX_ROUTE_TIMEOUT_SECONDS}`,
    );
  }
  const fn = wiring.serviceFunction(`${route.id}Function`, route.handler, {
    description: `${route.method} ${route.path}`,
    timeoutSeconds,
    memoryMb: route.memoryMb,
  });
  // The shared middleware reads roles from the users table on every authenticated route,
  // and keeps each rate-limited route's counters in the rate-limits table.
  const tables: ResourceUse['tables'] = { ...route.uses?.tables };
  if (route.auth !== 'public') tables.users ??= 'read';
  if (route.rateLimit) tables['rate-limits'] = 'readWrite';
  const uses: ResourceUse = { ...route.uses, tables };
  wiring.grantUses(fn, uses, `Route ${route.id}`);
  const { auth, platform } = wiring.props;
  wiring.identitySettings(fn);
  fn.addEnvironment('AUTH_ISSUER', auth.issuer);
  fn.addEnvironment('AUTH_JWKS_URI', auth.jwksUri);
  // Calls that skip the distribution are refused by the shared middleware (shared/http/handler.ts).
  const originVerify = platform.originVerify;
  if (originVerify) {
    originVerify.grantRead(fn);
    fn.addEnvironment('ORIGIN_VERIFY_SECRET_ARN', originVerify.secretArn);
  }
  // A switched-off feature answers 503 from the shared middleware, which reads the switches.
  if (route.feature) {
    const flags = platform.featureFlags;
    if (!flags) {
      throw new Error(
        `Route ${route.id} belongs to the feature ${route.feature}, but the platform has no feature flags`,
      );
    }
    flags.grantReadFlags(fn);
  }

  const needsToken = route.auth === 'user' || route.auth === 'seller' || route.auth === 'admin';
  const httpRoute = new HttpRoute(wiring.scope, `${route.id}Route`, {
    httpApi: platform.api,
    routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
    integration: new HttpLambdaIntegration(`${route.id}Integration`, fn),
    authorizer: needsToken ? auth.authorizer : new HttpNoneAuthorizer(),
  });
  if (!needsToken) {
    acknowledge(httpRoute.node.defaultChild!, {
      id: 'AwsSolutions-APIG4',
      reason:
        route.auth === 'public'
          ? `${route.id} is public by design (auth: public in the routes manifest)`
          : `${route.id} serves anonymous callers too; its handler verifies a bearer token when one is sent`,
    });
  }
  wiring.built.routes[route.id] = fn;
  wiring.markWired('route', route.id);
}
