import { optionalEnv } from '../../../shared/config';
import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { docsPage } from '../docs-page';
import { docsRoute, openApiRoute } from '../routes';

/** Where Swagger UI's files are: the local platform serves them at /docs/assets; the CDK app sets a CDN URL. */
const assetsUrl = optionalEnv('DOCS_ASSETS_URL', '/docs/assets');

export const handler = httpHandler(docsRoute, async () => ok(docsPage(openApiRoute.path, assetsUrl)));
