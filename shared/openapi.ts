import * as z from 'zod';
import type { RouteDefinition } from './manifests/types';
import { errorResponse } from './schemas/common';

const errorStatuses: Record<number, string> = {
  400: 'Invalid input; the error names the field',
  401: 'No token, or a bad one',
  403: 'Not allowed for your role, or another seller’s product',
  404: 'Not found, or not yours',
  409: 'Conflict or invalid state',
  415: 'Content-Type must be application/json',
  429: 'Rate limited; see Retry-After',
};

/**
 * A JSON Schema (2020-12, as OpenAPI 3.1 reads it) for one zod schema. Recursive parts come
 * back as `$defs`; they move to `components.schemas` so every `$ref` resolves from the document.
 */
function schemaConverter(components: Record<string, unknown>) {
  let counter = 0;
  return (schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> => {
    const {
      $schema: _ignored,
      $defs,
      ...rest
    } = z.toJSONSchema(schema, {
      io,
      unrepresentable: 'any',
      reused: 'inline',
    }) as Record<string, unknown> & { $defs?: Record<string, unknown> };
    if (!$defs) return rest;
    const renamed = new Map<string, string>();
    for (const name of Object.keys($defs)) renamed.set(name, `Schema${++counter}`);
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (value && typeof value === 'object') {
        return Object.fromEntries(
          Object.entries(value).map(([key, inner]) =>
            key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/')
              ? [key, `#/components/schemas/${renamed.get(inner.slice('#/$defs/'.length))}`]
              : [key, rewrite(inner)],
          ),
        );
      }
      return value;
    };
    for (const [name, definition] of Object.entries($defs))
      components[renamed.get(name)!] = rewrite(definition);
    return rewrite(rest) as Record<string, unknown>;
  };
}

type JsonSchemaOf = ReturnType<typeof schemaConverter>;

/** The route's path and query parameters, one entry per property of their schemas. */
function routeParameters(route: RouteDefinition, jsonSchema: JsonSchemaOf): unknown[] {
  const parameters: unknown[] = [];
  for (const [location, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const shape = jsonSchema(schema, 'input') as {
      properties?: Record<string, unknown>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(shape.properties ?? {})) {
      parameters.push({
        name,
        in: location,
        required: location === 'path' || (shape.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  return parameters;
}

/** The success response and every error the route can answer, given its auth, inputs and limits. */
function routeResponses(route: RouteDefinition, jsonSchema: JsonSchemaOf): Record<string, unknown> {
  const responses: Record<string, unknown> = {
    [String(route.successStatus)]: route.response
      ? {
          description: 'Success',
          content: {
            [route.contentType ?? 'application/json']: { schema: jsonSchema(route.response, 'output') },
          },
        }
      : { description: 'Success, no content' },
  };
  const possible = [
    400,
    ...(route.auth === 'public' ? [] : [401]),
    ...(route.auth === 'seller' || route.auth === 'admin' ? [403] : []),
  ];
  if (route.params) possible.push(404);
  if (route.body) possible.push(415);
  if (route.rateLimit) possible.push(429);
  for (const status of possible) {
    responses[String(status)] = {
      description: errorStatuses[status],
      content: { 'application/json': { schema: jsonSchema(errorResponse, 'output') } },
    };
  }
  return responses;
}

/** The OpenAPI 3.1 document, generated from the routes manifest's schemas. */
export function openApiDocument(routes: RouteDefinition[], serverUrl = '/'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const componentSchemas: Record<string, unknown> = {};
  const jsonSchema = schemaConverter(componentSchemas);
  for (const route of routes) {
    // Converted in this order (parameters, responses, body) so the component names stay stable.
    const parameters = routeParameters(route, jsonSchema);
    const responses = routeResponses(route, jsonSchema);
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.id,
      summary: route.summary,
      tags: [route.tag],
      'x-bazaar-auth': route.auth,
      ...(route.auth === 'public'
        ? { security: [] }
        : route.auth === 'optional'
          ? { security: [{}, { bearer: [] }] }
          : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(route.body && !route.rawBody
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Bazaar API',
      version: '1.0.0',
      description:
        'Multi-seller e-commerce. Money inputs are decimal major units with at most two decimals; every amount in a response also has an exact `<name>_cents` integer and the `currency`.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      schemas: componentSchemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths,
  };
}
