import * as z from 'zod';

const ComponentState = z.enum(['up', 'down']);

export const HealthView = z.object({
  status: z.enum(['ok', 'degraded']).describe('ok when every component is up'),
  components: z.record(z.string(), ComponentState).describe('Each component the function can check cheaply'),
});
export type HealthView = z.infer<typeof HealthView>;

export const OpenApiView = z
  .record(z.string(), z.unknown())
  .describe('The OpenAPI 3.1 document of this API, generated from the routes manifest');

export const DocsPage = z.string().describe('The browsable API reference (Swagger UI), as HTML');
