import { defineRoute } from '../../shared/http/route';
import { DocsPage, HealthView, OpenApiView } from './schemas';

const tag = 'Platform';

export const healthRoute = defineRoute({
  id: 'GetHealth',
  method: 'GET',
  path: '/api/v1/health',
  auth: 'public',
  handler: 'functions/platform/handlers/health.handler',
  summary: 'Whether the API can serve: 200 when every component is up, 503 when one is down',
  tag,
  response: HealthView,
  successStatus: 200,
  uses: { tables: { 'rate-limits': 'read' } },
  timeoutSeconds: 5,
});

export const openApiRoute = defineRoute({
  id: 'GetOpenApiDocument',
  method: 'GET',
  path: '/api/v1/openapi.json',
  auth: 'public',
  handler: 'functions/platform/handlers/openapi.handler',
  summary: 'This document',
  tag,
  response: OpenApiView,
  successStatus: 200,
  cache: { maxAgeSeconds: 300, sharedMaxAgeSeconds: 300 },
});

export const docsRoute = defineRoute({
  id: 'GetDocs',
  method: 'GET',
  path: '/docs',
  auth: 'public',
  handler: 'functions/platform/handlers/docs.handler',
  summary: 'The browsable API reference',
  tag,
  response: DocsPage,
  contentType: 'text/html',
  successStatus: 200,
  cache: { maxAgeSeconds: 300, sharedMaxAgeSeconds: 300 },
});

export const platformRoutes = [healthRoute, openApiRoute, docsRoute];
