import { Duration } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { StageSettings } from '../constructs/platform';

/**
 * The HTTP API every service's routes are wired into (`Api`), open to browsers from
 * `corsOrigins`, and its one stage (`ApiStage`), throttled, with access logs and per-route
 * metrics. Created in `scope` itself, the platform's stack, which every service shares.
 */
export function publicApi(
  scope: Construct,
  stage: StageSettings,
  corsOrigins: string[],
): { api: HttpApi; apiStage: HttpStage } {
  const api = new HttpApi(scope, 'Api', {
    apiName: `bazaar-${stage.name}`,
    description: 'Bazaar public API (/api/v1)',
    createDefaultStage: false,
    corsPreflight: {
      allowOrigins: corsOrigins,
      allowMethods: [
        CorsHttpMethod.GET,
        CorsHttpMethod.POST,
        CorsHttpMethod.PUT,
        CorsHttpMethod.PATCH,
        CorsHttpMethod.DELETE,
        CorsHttpMethod.OPTIONS,
      ],
      allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
      exposeHeaders: ['retry-after'],
      // Browsers may send the anonymous cart cookie only to origins named explicitly.
      allowCredentials: !corsOrigins.includes('*'),
      maxAge: Duration.hours(1),
    },
  });
  const apiStage = new HttpStage(scope, 'ApiStage', {
    httpApi: api,
    stageName: '$default',
    autoDeploy: true,
    throttle: { rateLimit: 500, burstLimit: 1000 },
    // Per-route 5xx and latency, which the product page's and checkout's alarms watch.
    detailedMetricsEnabled: true,
    accessLogSettings: {
      destination: new LogGroupLogDestination(
        new LogGroup(scope, 'ApiAccessLogs', {
          retention: stage.logRetention,
          removalPolicy: stage.removalPolicy,
        }),
      ),
    },
  });
  return { api, apiStage };
}
