import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnDomain } from 'aws-cdk-lib/aws-opensearchservice';
import { stageSettings } from '../../cdk/constructs/platform';
import {
  SEARCH_INDEX_ACTIONS,
  SEARCH_INDEX_ROLE,
  SearchIndex,
  searchDomainSettings,
} from '../../cdk/constructs/search';
import { createBazaarApp } from '../../cdk/lib/bazaar-app';
import type { BazaarStack } from '../../cdk/lib/bazaar-stack';
import { routes, rules, streams } from '../../functions/manifest';
import type { ResourceUse } from '../../shared/manifests/types';
import {
  actionsOf,
  logicalIdOf,
  referencedId,
  referencedIds,
  resourcesOf,
  synthBazaar,
  TemplateIndex,
  testAppProps,
} from './support/templates';

let stack: BazaarStack;
let template: Template;
let index: TemplateIndex;
let domainId: string;
let domain: Record<string, unknown>;

beforeAll(() => {
  ({ stack, template } = synthBazaar());
  index = new TemplateIndex(template);
  [domainId, domain] = index.only('AWS::OpenSearchService::Domain');
});

/** Every function the manifests declare, by entry, with its logical id and what it uses. */
function manifestFunctions(): Array<{ entry: string; logicalId: string; uses: ResourceUse }> {
  const built = stack.node
    .findAll()
    .filter((construct) => 'functions' in construct)
    .map(
      (construct) =>
        (construct as unknown as { functions: import('../../cdk/constructs/manifest-wiring').WiredService })
          .functions,
    );
  const found: Array<{ entry: string; logicalId: string; uses: ResourceUse }> = [];
  for (const wired of built) {
    for (const [id, fn] of Object.entries(wired.routes)) {
      found.push({
        entry: `route ${id}`,
        logicalId: logicalIdOf(fn),
        uses: routes.find((r) => r.id === id)!.uses ?? {},
      });
    }
    for (const [id, fn] of Object.entries(wired.rules)) {
      found.push({
        entry: `rule ${id}`,
        logicalId: logicalIdOf(fn),
        uses: rules.find((r) => r.id === id)!.uses ?? {},
      });
    }
    for (const [id, fn] of Object.entries(wired.streams)) {
      found.push({
        entry: `stream ${id}`,
        logicalId: logicalIdOf(fn),
        uses: streams.find((s) => s.id === id)!.uses ?? {},
      });
    }
    for (const [id, fn] of [...Object.entries(wired.schedules), ...Object.entries(wired.tasks)]) {
      found.push({ entry: `job ${id}`, logicalId: logicalIdOf(fn), uses: {} });
    }
  }
  return found;
}

const domainArn = () => ({ 'Fn::GetAtt': [domainId, 'Arn'] });
const domainPaths = () => ({ 'Fn::Join': ['', [domainArn(), '/*']] });
const esActions = (functionId: string) =>
  index
    .functionStatements(functionId)
    .flatMap(actionsOf)
    .filter((action) => action.startsWith('es:'));

describe('the search domain', () => {
  it('runs OpenSearch 2.x, encrypted at rest and between nodes, reachable over HTTPS with TLS 1.2 or later only', () => {
    expect(domain.EngineVersion).toMatch(/^OpenSearch_2\.\d+$/);
    expect(domain).toMatchObject({
      EncryptionAtRestOptions: { Enabled: true },
      NodeToNodeEncryptionOptions: { Enabled: true },
      DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07' },
    });
  });

  it('uses fine-grained access control with an IAM role, the access mapper’s, as master user and no internal users', () => {
    const masterRole = logicalIdOf(stack.search.index.accessFunction.role!);
    expect(domain.AdvancedSecurityOptions).toEqual({
      Enabled: true,
      InternalUserDatabaseEnabled: false,
      MasterUserOptions: { MasterUserARN: { 'Fn::GetAtt': [masterRole, 'Arn'] } },
    });
  });

  it('has no resource-based access policy, no VPC and no anonymous access: callers are IAM roles', () => {
    expect(domain.AccessPolicies).toBeUndefined();
    expect(domain.VPCOptions).toBeUndefined();
    template.resourceCountIs('Custom::OpenSearchAccessPolicy', 0);
  });

  it('publishes slow search, slow index and application logs to log groups the service may write to', () => {
    const logs = domain.LogPublishingOptions as Record<
      string,
      { Enabled: boolean; CloudWatchLogsLogGroupArn: unknown }
    >;
    expect(Object.keys(logs).sort()).toEqual(['ES_APPLICATION_LOGS', 'INDEX_SLOW_LOGS', 'SEARCH_SLOW_LOGS']);
    const groups = Object.values(logs).map((log) => {
      expect(log.Enabled).toBe(true);
      return referencedId(log.CloudWatchLogsLogGroupArn)!;
    });
    for (const group of groups) expect(index.props(group).RetentionInDays).toBe(14);

    const [policyId, policy] = index.only('AWS::Logs::ResourcePolicy');
    const document = JSON.stringify(policy.PolicyDocument);
    expect(document).toContain('es.amazonaws.com');
    expect(document).toContain('aws:SourceAccount');
    expect([...referencedIds(policy.PolicyDocument)].sort()).toEqual(expect.arrayContaining(groups.sort()));
    // The domain checks at creation that it may write there.
    expect(index.resources[domainId]).toMatchObject({ DependsOn: expect.arrayContaining([policyId]) });
    // No Lambda-backed custom resource for the log policy (Domain's default).
    template.resourceCountIs('Custom::CloudwatchLogResourcePolicy', 0);
  });

  it('names its endpoint in the outputs, for reindexing from a workstation', () => {
    template.hasOutput('SearchDomainEndpoint', { Value: { 'Fn::GetAtt': [domainId, 'DomainEndpoint'] } });
  });

  it('is one small node in a development stage, and is deleted with the stage', () => {
    expect(domain.ClusterConfig).toEqual({
      InstanceCount: 1,
      InstanceType: 't3.small.search',
      DedicatedMasterEnabled: false,
      ZoneAwarenessEnabled: false,
      MultiAZWithStandbyEnabled: false,
    });
    expect(domain.EBSOptions).toEqual({ EBSEnabled: true, VolumeSize: 10, VolumeType: 'gp3' });
    expect(index.resources[domainId]).toMatchObject({ DeletionPolicy: 'Delete' });
  });
});

describe('search domain settings', () => {
  /**
   * The domain as the app builds it with `context`, resolved without synthesizing the app
   * (which, with its cdk-nag checks, would take seconds per case).
   */
  const domainOf = (context: Record<string, unknown>) => {
    const { stack: built } = createBazaarApp(testAppProps(context));
    const cfnDomain = built.search.index.domain.node.defaultChild as CfnDomain;
    return {
      props: { ClusterConfig: Stack.of(cfnDomain).resolve(cfnDomain.clusterConfig) },
      resource: {
        DeletionPolicy: cfnDomain.cfnOptions.deletionPolicy,
        UpdateReplacePolicy: cfnDomain.cfnOptions.updateReplacePolicy,
      },
    };
  };

  it('spreads over three AZs with dedicated masters (Multi-AZ with Standby) when the context asks', () => {
    // As `cdk synth -c searchMultiAz=true …` passes them: strings.
    const { props } = domainOf({
      searchMultiAz: 'true',
      searchDedicatedMasters: 'true',
      searchInstanceType: 'r7g.large.search',
      searchInstanceCount: '3',
      searchMasterInstanceType: 'm7g.large.search',
    });
    expect(props.ClusterConfig).toEqual({
      instanceCount: 3,
      instanceType: 'r7g.large.search',
      dedicatedMasterEnabled: true,
      dedicatedMasterCount: 3,
      dedicatedMasterType: 'm7g.large.search',
      zoneAwarenessEnabled: true,
      zoneAwarenessConfig: { availabilityZoneCount: 3 },
      multiAzWithStandbyEnabled: true,
    });
  });

  it('is Multi-AZ with dedicated masters by default in production, and kept when the stack goes', () => {
    const { props, resource } = domainOf({ stage: 'prod' });
    expect(props.ClusterConfig).toMatchObject({
      instanceCount: 3,
      dedicatedMasterEnabled: true,
      dedicatedMasterCount: 3,
      zoneAwarenessEnabled: true,
      multiAzWithStandbyEnabled: true,
    });
    expect(resource).toEqual({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  /** A bare stack holding only the search index, for settings the whole app need not be built for. */
  const bareDomain = (overrides: Parameters<typeof searchDomainSettings>[1]) => {
    const app = new App(testAppProps());
    const bare = new Stack(app, 'Bare');
    const stage = stageSettings('test');
    new SearchIndex(bare, 'Index', { stage, settings: searchDomainSettings(stage, overrides) });
    return new TemplateIndex(Template.fromStack(bare)).only('AWS::OpenSearchService::Domain')[1];
  };

  it('spreads over three AZs without standby when dedicated masters stay off', () => {
    expect(
      bareDomain({ multiAz: true, instanceCount: 3, instanceType: 'm7g.large.search' }).ClusterConfig,
    ).toEqual({
      InstanceCount: 3,
      InstanceType: 'm7g.large.search',
      DedicatedMasterEnabled: false,
      ZoneAwarenessEnabled: true,
      ZoneAwarenessConfig: { AvailabilityZoneCount: 3 },
      MultiAZWithStandbyEnabled: false,
    });
  });

  it('adds dedicated masters in one AZ when only they are asked for', () => {
    expect(bareDomain({ dedicatedMasters: true, masterCount: 5 }).ClusterConfig).toMatchObject({
      DedicatedMasterEnabled: true,
      DedicatedMasterCount: 5,
      ZoneAwarenessEnabled: false,
      MultiAZWithStandbyEnabled: false,
    });
  });

  it('refuses settings OpenSearch Service would refuse at deploy time', () => {
    const stage = stageSettings('test');
    expect(() => searchDomainSettings(stage, { multiAz: true, instanceCount: 2 })).toThrow(
      /multiple of three/,
    );
    expect(() => searchDomainSettings(stage, { dedicatedMasters: true, masterCount: 2 })).toThrow(
      /threes or fives/,
    );
    expect(() =>
      searchDomainSettings(stage, { multiAz: true, dedicatedMasters: true, instanceCount: 3 }),
    ).toThrow(/T3 instances do not support/);
    expect(() => searchDomainSettings(stage, { instanceType: 'm7g.large' })).toThrow(
      /not an OpenSearch Service instance type/,
    );
    expect(() => searchDomainSettings(stage, { operatorRoleArns: ['ops'] })).toThrow(/not an IAM role ARN/);
  });

  it('refuses a context value it cannot read', () => {
    const app = (context: Record<string, unknown>) => () => createBazaarApp(testAppProps(context));
    expect(app({ searchMultiAz: 'yes' })).toThrow(/searchMultiAz must be true or false/);
    expect(app({ searchInstanceCount: 'three' })).toThrow(/searchInstanceCount must be a whole number/);
  });
});

describe('who may use the search index', () => {
  it('lets exactly the functions whose uses say search call the domain, with the HTTP actions the client uses', () => {
    const callers: string[] = [];
    for (const { entry, logicalId, uses } of manifestFunctions()) {
      const statements = index
        .functionStatements(logicalId)
        .filter((statement) => actionsOf(statement).some((action) => action.startsWith('es:')));
      if (!uses.search) {
        expect([entry, statements]).toEqual([entry, []]);
        continue;
      }
      callers.push(entry);
      expect([entry, statements.flatMap(actionsOf).sort()]).toEqual([
        entry,
        [...SEARCH_INDEX_ACTIONS].sort(),
      ]);
      expect([entry, statements.flatMap(resourcesOf)]).toEqual([
        entry,
        expect.arrayContaining([domainArn(), domainPaths()]),
      ]);
    }
    expect(callers.sort()).toEqual([
      'route ListProducts',
      'route Search',
      'route Suggest',
      'rule SearchOnRatingChanged',
      'rule SearchOnStockChanged',
      'stream IndexProducts',
    ]);
  });

  it('gives a catalog read route such as GetProduct no es: action at all', () => {
    expect(esActions(index.routeFunction('GET /api/v1/products/{product_id}'))).toEqual([]);
  });

  it('tells exactly those functions which engine, endpoint and index to use', () => {
    for (const { entry, logicalId, uses } of manifestFunctions()) {
      const environment = index.environment(logicalId);
      if (uses.search) {
        expect([entry, environment]).toEqual([
          entry,
          expect.objectContaining({
            SEARCH_ENGINE: 'opensearch',
            OPENSEARCH_ENDPOINT: { 'Fn::GetAtt': [domainId, 'DomainEndpoint'] },
            OPENSEARCH_INDEX: 'products',
          }),
        ]);
      } else {
        expect([entry, Object.keys(environment).filter((name) => /SEARCH/.test(name))]).toEqual([entry, []]);
      }
    }
  });

  it('maps exactly those functions’ roles to the bazaar_search role of fine-grained access control, limited to the products index', () => {
    const [accessId, access] = index.only('Custom::SearchIndexAccess');
    const searchRoles = manifestFunctions()
      .filter(({ uses }) => uses.search)
      .map(({ logicalId }) => index.props(logicalId).Role);
    expect(access).toMatchObject({
      ServiceToken: { 'Fn::GetAtt': [logicalIdOf(stack.search.index.accessFunction), 'Arn'] },
      Endpoint: { 'Fn::GetAtt': [domainId, 'DomainEndpoint'] },
      Role: SEARCH_INDEX_ROLE,
      IndexPatterns: ['products*'],
    });
    expect(access.BackendRoles).toHaveLength(searchRoles.length);
    expect(access.BackendRoles).toEqual(expect.arrayContaining(searchRoles));
    // A search function starts only once its role is mapped (the stream would fail records otherwise).
    for (const { logicalId } of manifestFunctions().filter(({ uses }) => uses.search)) {
      expect(index.resources[logicalId]).toMatchObject({ DependsOn: expect.arrayContaining([accessId]) });
    }
  });

  it('lets the master role call only the security plugin’s API, and no other role name the domain', () => {
    const masterRole = logicalIdOf(stack.search.index.accessFunction.role!);
    const searchRoles = new Set(
      manifestFunctions()
        .filter(({ uses }) => uses.search)
        .map(({ logicalId }) => referencedId(index.props(logicalId).Role)),
    );
    for (const [, policy] of index.ofType('AWS::IAM::Policy')) {
      if (!referencedIds(policy.PolicyDocument).has(domainId)) continue;
      const [role] = (policy.Roles as unknown[]).map(referencedId);
      if (role === masterRole) {
        const statements = (
          policy.PolicyDocument as { Statement: Array<{ Action: string[]; Resource: unknown }> }
        ).Statement;
        const onDomain = statements.filter((statement) => referencedIds(statement.Resource).has(domainId));
        expect(onDomain).toEqual([
          {
            Effect: 'Allow',
            Action: ['es:ESHttpDelete', 'es:ESHttpGet', 'es:ESHttpPut'],
            Resource: { 'Fn::Join': ['', [domainArn(), '/_plugins/_security/api/*']] },
          },
        ]);
      } else {
        expect(searchRoles.has(role)).toBe(true);
      }
    }
  });
});

describe('search routes and feeds', () => {
  it.each(['GET /api/v1/search', 'GET /api/v1/search/suggest', 'GET /api/v1/products'])(
    '%s is public: no authorizer, and no users table read',
    (key) => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: key,
        AuthorizationType: 'NONE',
        AuthorizerId: Match.absent(),
      });
      expect(index.environment(index.routeFunction(key))).not.toHaveProperty('USERS_TABLE_NAME');
    },
  );

  it('indexes the products stream in batches of 100 with 5 retries, bisection, partial batch failures and a dead-letter queue', () => {
    const indexer = logicalIdOf(stack.search.functions.streams.IndexProducts!);
    const deadLetters = logicalIdOf(stack.search.functions.deadLetterQueues.IndexProducts!);
    const products = logicalIdOf(stack.catalog.productsTable);
    // The products stream's other reader is catalog's outbox relay (ProductChanged).
    const mapping = index
      .ofType('AWS::Lambda::EventSourceMapping')
      .map(([, props]) => props)
      .find((props) => JSON.stringify(props.FunctionName) === JSON.stringify({ Ref: indexer }));
    expect(mapping).toMatchObject({
      FunctionName: { Ref: indexer },
      EventSourceArn: { 'Fn::GetAtt': [products, 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      MaximumRetryAttempts: 5,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [deadLetters, 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    expect(index.props(deadLetters)).toMatchObject({ MessageRetentionPeriod: 1209600 });
  });

  it('keeps stock and ratings in the index true from StockChanged and RatingChanged', () => {
    for (const id of ['SearchOnStockChanged', 'SearchOnRatingChanged'] as const) {
      const rule = rules.find((candidate) => candidate.id === id)!;
      const fn = logicalIdOf(stack.search.functions.rules[id]!);
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: rule.pattern,
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fn, 'Arn'] } })],
      });
      expect(index.props(fn).Handler).toBe('index.handler');
    }
  });
});
