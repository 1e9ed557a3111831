import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Construct } from 'constructs';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { type WiredService, wireService } from './manifest-wiring';
import type { ApiAuth, Platform } from './platform';

/**
 * Where the deployed docs page loads Swagger UI from: the CDN copy of the very version installed
 * here (locally the platform serves the package's files at /docs/assets). A Lambda answering
 * a megabyte of JavaScript per page view would cost more than the page is worth.
 */
export function docsAssetsUrl(): string {
  const { version } = JSON.parse(readFileSync(join(getAbsoluteFSPath(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return `https://cdn.jsdelivr.net/npm/swagger-ui-dist@${version}`;
}

export interface FrontDoorProps {
  readonly platform: Platform;
  readonly auth: ApiAuth;
}

/**
 * The API's own front door, the `platform` routes: `/api/v1/health` (the function's table and
 * configuration), `/api/v1/openapi.json` and the `/docs` page, served by the same handlers
 * as on the local platform.
 */
export class FrontDoor extends Construct {
  public readonly functions: WiredService;

  constructor(scope: Construct, id: string, props: FrontDoorProps) {
    super(scope, id);
    this.functions = wireService(this, {
      service: 'platform',
      platform: props.platform,
      auth: props.auth,
      tables: {},
      environment: { DOCS_ASSETS_URL: docsAssetsUrl() },
    });
  }
}
