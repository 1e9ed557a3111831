import { docsAssetsUrl } from '../../cdk/constructs/front-door';
import { actionsOf, synthBazaar, TemplateIndex } from './support/templates';

let index: TemplateIndex;

beforeAll(() => {
  index = new TemplateIndex(synthBazaar().template);
});

const route = (routeKey: string) => {
  const found = index.ofType('AWS::ApiGatewayV2::Route').find(([, props]) => props.RouteKey === routeKey);
  if (!found) throw new Error(`No route ${routeKey}`);
  return found[1];
};

describe('the front door on AWS', () => {
  it('serves health, the OpenAPI document and the docs page from the deployed API, to anyone', () => {
    for (const routeKey of ['GET /api/v1/health', 'GET /api/v1/openapi.json', 'GET /docs']) {
      expect(route(routeKey).AuthorizationType).toBe('NONE');
      expect(index.props(index.routeFunction(routeKey)).Handler).toBe('index.handler');
    }
  });

  it('lets health read its table and tells it where that is and how tokens are checked', () => {
    const fn = index.routeFunction('GET /api/v1/health');
    const environment = index.environment(fn);
    for (const setting of ['RATE_LIMITS_TABLE_NAME', 'AUTH_ISSUER', 'AUTH_JWKS_URI']) {
      expect(environment[setting]).toBeDefined();
    }
    const actions = index.functionStatements(fn).flatMap(actionsOf);
    expect(actions).toContain('dynamodb:DescribeTable');
    expect(actions).not.toContain('dynamodb:PutItem');
  });

  it('has the docs page load Swagger UI from the CDN copy of the installed version', () => {
    expect(docsAssetsUrl()).toMatch(/^https:\/\/cdn\.jsdelivr\.net\/npm\/swagger-ui-dist@\d+\.\d+\.\d+$/);
    expect(index.environment(index.routeFunction('GET /docs')).DOCS_ASSETS_URL).toBe(docsAssetsUrl());
  });
});
