import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { App, CustomResource } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { BucketDeployment } from 'aws-cdk-lib/aws-s3-deployment';
import type { BazaarStack } from '../../cdk/lib/bazaar-stack';
import { routes } from '../../functions/manifest';
import { platformCdn } from '../../local/cdn';
import {
  actionsOf,
  logicalIdOf,
  referencedIds,
  resourcesOf,
  synthBazaar,
  TemplateIndex,
} from './support/templates';

let app: App;
let stack: BazaarStack;
let template: Template;
let index: TemplateIndex;
let config: Record<string, unknown>;
let secretId: string;

interface DeployedBehaviour {
  PathPattern: string;
  CachePolicyId: unknown;
  OriginRequestPolicyId: unknown;
  AllowedMethods: string[];
  TargetOriginId: string;
}

beforeAll(() => {
  ({ app, stack, template } = synthBazaar());
  index = new TemplateIndex(template);
  config = index.props(logicalIdOf(stack.site.distribution)).DistributionConfig as Record<string, unknown>;
  secretId = logicalIdOf(stack.originVerify.secret);
});

const behaviours = () => config.CacheBehaviors as DeployedBehaviour[];
const cachePolicy = (ref: unknown) => {
  const [id] = [...referencedIds(ref)];
  return index.props(id!).CachePolicyConfig as {
    MaxTTL: number;
    DefaultTTL: number;
    ParametersInCacheKeyAndForwardedToOrigin: {
      QueryStringsConfig: { QueryStringBehavior: string; QueryStrings?: string[] };
      HeadersConfig: { HeaderBehavior: string; Headers?: string[] };
      CookiesConfig: { CookieBehavior: string };
    };
  };
};
// CloudFront's managed policies, by their fixed ids.
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

describe('the site’s distribution and the local CDN', () => {
  it('agree on every cached behaviour: order, path pattern, cache key and lifetime', () => {
    const local = platformCdn(async () => undefined).behaviours;
    const deployed = behaviours().slice(0, -1);
    expect(deployed.map((behaviour) => behaviour.PathPattern)).toEqual(local.map((b) => b.pathPattern));
    deployed.forEach((behaviour, i) => {
      const policy = cachePolicy(behaviour.CachePolicyId);
      const key = policy.ParametersInCacheKeyAndForwardedToOrigin;
      expect([...(key.QueryStringsConfig.QueryStrings ?? [])].sort()).toEqual(local[i]!.queryStrings);
      expect(key.HeadersConfig).toEqual({ HeaderBehavior: 'whitelist', Headers: ['Authorization'] });
      expect(key.CookiesConfig.CookieBehavior).toBe('none');
      expect(policy.MaxTTL).toBe(local[i]!.maxTtlSeconds);
      // Without the origin's Cache-Control nothing is kept.
      expect(policy.DefaultTTL).toBe(0);
    });
  });

  it('caches every route that declares a cache policy, and no other', () => {
    const cached = routes.filter((route) => route.cache).map((route) => route.id);
    expect(
      platformCdn(async () => undefined)
        .behaviours.flatMap((b) => b.routeIds)
        .sort(),
    ).toEqual(cached.sort());
    expect(behaviours().length).toBeLessThanOrEqual(25);
  });

  it('sends the rest of /api/* uncached, with every viewer header but Host', () => {
    const api = behaviours().at(-1)!;
    expect(api.PathPattern).toBe('/api/*');
    expect(api.CachePolicyId).toBe(CACHING_DISABLED);
    expect(api.OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER);
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['POST', 'PUT', 'PATCH', 'DELETE']));
  });

  it('serves the storefront bucket by default, deep links rewritten by a CloudFront Function, no custom error responses', () => {
    const fallback = config.DefaultCacheBehavior as {
      TargetOriginId: string;
      FunctionAssociations: Array<{ EventType: string; FunctionARN: unknown }>;
    };
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(fallback.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: expect.anything() },
    ]);
    const functionId = [...referencedIds(fallback.FunctionAssociations[0]!.FunctionARN)][0]!;
    expect(functionId).toBe(logicalIdOf(stack.site.deepLinks));
    const origins = config.Origins as Array<{ Id: string; S3OriginConfig?: unknown; DomainName: unknown }>;
    const bucketOrigin = origins.find((origin) => origin.Id === fallback.TargetOriginId)!;
    expect(referencedIds(bucketOrigin.DomainName).has(logicalIdOf(stack.site.bucket))).toBe(true);
  });

  it('rewrites extensionless paths to /index.html and leaves files alone', () => {
    const code = index.props(logicalIdOf(stack.site.deepLinks)).FunctionCode as string;
    const run = (uri: string) =>
      (new Function(`${code}; return handler;`)() as (e: unknown) => { uri: string })({ request: { uri } })
        .uri;
    expect(run('/products/p_1')).toBe('/index.html');
    expect(run('/assets/app.3f9a.js')).toBe('/assets/app.3f9a.js');
  });

  it('sends the secret origin header, from Secrets Manager, to the API origin of every API behaviour', () => {
    const origins = config.Origins as Array<{
      Id: string;
      OriginCustomHeaders?: Array<{ HeaderName: string; HeaderValue: unknown }>;
    }>;
    const apiOriginIds = new Set(behaviours().map((behaviour) => behaviour.TargetOriginId));
    expect(apiOriginIds.size).toBe(1);
    const apiOrigin = origins.find((origin) => apiOriginIds.has(origin.Id))!;
    const header = apiOrigin.OriginCustomHeaders?.find((each) => each.HeaderName === 'x-origin-verify');
    expect(JSON.stringify(header?.HeaderValue)).toContain('{{resolve:secretsmanager:');
    expect(referencedIds(header?.HeaderValue).has(secretId)).toBe(true);
  });

  it('tells every route function the secret’s ARN and lets it read the secret', () => {
    for (const route of routes) {
      const functionId = index.routeFunction(`${route.method} ${route.path}`);
      expect(referencedIds(index.environment(functionId).ORIGIN_VERIFY_SECRET_ARN).has(secretId)).toBe(true);
      const reads = index
        .functionStatements(functionId)
        .some(
          (statement) =>
            actionsOf(statement).includes('secretsmanager:GetSecretValue') &&
            resourcesOf(statement).some((resource) => referencedIds(resource).has(secretId)),
        );
      expect(reads).toBe(true);
    }
  });

  it('lets only the purge flush (this distribution) and the storefront upload (its own two paths) invalidate', () => {
    const distributionId = logicalIdOf(stack.site.distribution);
    const invalidators = index
      .ofType('AWS::IAM::Policy')
      .filter(([, props]) =>
        (props.PolicyDocument as { Statement: Array<{ Action: unknown }> }).Statement.some((statement) =>
          JSON.stringify(statement.Action).includes('cloudfront:CreateInvalidation'),
        ),
      );
    const roleOf = ([, props]: [string, Record<string, unknown>]) => [...referencedIds(props.Roles)][0];
    const flushRole = logicalIdOf(stack.cdnPurge.functions.schedules.FlushCdnPurges!.role!);
    const uploadRole = logicalIdOf(stack.site.storefront.pages.handlerRole);
    expect(invalidators.map(roleOf).sort()).toEqual([flushRole, uploadRole].sort());
    const flushPolicy = invalidators.find((policy) => roleOf(policy) === flushRole)!;
    const statement = (
      flushPolicy[1].PolicyDocument as { Statement: Array<{ Action: unknown; Resource: unknown }> }
    ).Statement.find((each) => JSON.stringify(each.Action).includes('cloudfront:'))!;
    expect(referencedIds(statement.Resource).has(distributionId)).toBe(true);
    const flush = logicalIdOf(stack.cdnPurge.functions.schedules.FlushCdnPurges!);
    expect(referencedIds(index.environment(flush).CDN_DISTRIBUTION_ID).has(distributionId)).toBe(true);
  });
});

describe('the storefront’s upload into the site bucket', () => {
  interface DeploymentProps {
    DestinationBucketName: unknown;
    Include?: string[];
    Exclude?: string[];
    Prune: boolean;
    SystemMetadata?: Record<string, string>;
    DistributionId?: unknown;
    DistributionPaths?: string[];
    SourceObjectKeys: unknown[];
  }
  /** The logical id of a BucketDeployment's custom resource. */
  const resourceIdOf = (upload: BucketDeployment) =>
    logicalIdOf((upload.node.findChild('CustomResource') as CustomResource).node.defaultChild!);
  const deployment = (upload: BucketDeployment) =>
    index.props(resourceIdOf(upload)) as unknown as DeploymentProps;

  it('uploads hashed assets cached for a year and kept after later deploys', () => {
    const assets = deployment(stack.site.storefront.assets);
    expect(referencedIds(assets.DestinationBucketName).has(logicalIdOf(stack.site.bucket))).toBe(true);
    expect([assets.Include, assets.Exclude, assets.Prune]).toEqual([['assets/*'], ['*'], false]);
    expect(assets.SystemMetadata).toEqual({ 'cache-control': 'public, max-age=31536000, immutable' });
  });

  it('uploads everything else revalidated on each visit, prunes it, and invalidates only the app’s page', () => {
    const pages = deployment(stack.site.storefront.pages);
    expect(referencedIds(pages.DestinationBucketName).has(logicalIdOf(stack.site.bucket))).toBe(true);
    expect([pages.Include, pages.Exclude, pages.Prune]).toEqual([undefined, ['assets/*'], true]);
    expect(pages.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(referencedIds(pages.DistributionId).has(logicalIdOf(stack.site.distribution))).toBe(true);
    expect(pages.DistributionPaths).toEqual(['/', '/index.html']);
    // After the assets, so a new index.html never names a chunk that is not there yet.
    const dependsOn = (index.resources[resourceIdOf(stack.site.storefront.pages)] as { DependsOn?: string[] })
      .DependsOn;
    expect(dependsOn).toEqual(expect.arrayContaining([resourceIdOf(stack.site.storefront.assets)]));
  });

  it('publishes the build without its stamp or Vite’s manifest', () => {
    const assembly = app.synth();
    const staged = readdirSync(assembly.directory).filter((name) => name.startsWith('asset.'));
    const storefront = staged
      .map((name) => join(assembly.directory, name))
      .filter((path) => existsSync(join(path, 'index.html')));
    expect(storefront).toHaveLength(1);
    const files = readdirSync(storefront[0]!, { recursive: true, encoding: 'utf8' }).sort();
    expect(files).toEqual(['assets', 'assets/index-fixture.js', 'index.html']);
  });
});
