// The one function that reads the platform manifest: the document describes every route. The
// import-graph test allows exactly this file (test/unit/architecture/import-graph.test.ts).

import { ok } from '../../../shared/http/responses';
import { openApiDocument } from '../../../shared/openapi';
import { httpHandler } from '../../identity/http-handler';
import { routes } from '../../manifest';
import { openApiRoute } from '../routes';

let document: Record<string, unknown> | undefined;

export const handler = httpHandler(openApiRoute, async () => {
  // Built on the first request, not at cold start: most containers serve only that one.
  document ??= openApiDocument(routes);
  return ok(document);
});
