import { join } from 'node:path';
import { CustomResource, Duration, Lazy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EbsDeviceVolumeType } from 'aws-cdk-lib/aws-ec2';
import { Grant, PolicyDocument, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnResourcePolicy, LogGroup } from 'aws-cdk-lib/aws-logs';
import { Domain, EngineVersion, TLSSecurityPolicy } from 'aws-cdk-lib/aws-opensearchservice';
import { Construct } from 'constructs';
import { type SearchIndexAccess, type WiredService, wireService } from './manifest-wiring';
import { acknowledge } from './nag';
import { type ApiAuth, type Platform, REPO_ROOT, type StageSettings } from './platform';
import { BazaarFunction, type ServiceFunction } from './service-function';

/** How big and how redundant the search domain is; `searchDomainSettings` fills in a stage's defaults. */
export interface SearchDomainSettings {
  /**
   * Spread the data nodes over three Availability Zones (zone awareness). With dedicated master
   * nodes as well, the domain runs as Multi-AZ with Standby, AWS's recommended production setup.
   */
  readonly multiAz: boolean;
  /** Dedicated master nodes, so cluster management never competes with queries. */
  readonly dedicatedMasters: boolean;
  /** Data node instance type, e.g. `r7g.large.search`. */
  readonly instanceType: string;
  readonly instanceCount: number;
  readonly masterInstanceType: string;
  /** 3 or 5. */
  readonly masterCount: number;
  /** EBS (gp3) volume per data node, in GiB. */
  readonly volumeGb: number;
  /**
   * IAM roles besides the search functions' that may use the products index, e.g. the role an
   * operator assumes to run `npm run reindex` against AWS.
   */
  readonly operatorRoleArns: readonly string[];
}

/** The context keys `searchDomainSettings` reads overrides from (see cdk/lib/bazaar-app.ts). */
export const SEARCH_CONTEXT_KEYS = {
  multiAz: 'searchMultiAz',
  dedicatedMasters: 'searchDedicatedMasters',
  instanceType: 'searchInstanceType',
  instanceCount: 'searchInstanceCount',
  masterInstanceType: 'searchMasterInstanceType',
  masterCount: 'searchMasterCount',
  volumeGb: 'searchVolumeGb',
  operatorRoleArns: 'searchOperatorRoleArns',
} as const satisfies Record<keyof SearchDomainSettings, string>;

/**
 * A stage's search domain: production gets three r7g data nodes over three AZs with three
 * dedicated masters (Multi-AZ with Standby); other stages one small T3 node. Any setting can be
 * overridden; combinations OpenSearch Service would refuse at deploy time are refused here.
 */
export function searchDomainSettings(
  stage: StageSettings,
  overrides: Partial<SearchDomainSettings> = {},
): SearchDomainSettings {
  const defaults: SearchDomainSettings = stage.production
    ? {
        multiAz: true,
        dedicatedMasters: true,
        instanceType: 'r7g.large.search',
        instanceCount: 3,
        masterInstanceType: 'm7g.large.search',
        masterCount: 3,
        volumeGb: 100,
        operatorRoleArns: [],
      }
    : {
        multiAz: false,
        dedicatedMasters: false,
        instanceType: 't3.small.search',
        instanceCount: 1,
        masterInstanceType: 'm7g.large.search',
        masterCount: 3,
        volumeGb: 10,
        operatorRoleArns: [],
      };
  const settings = { ...defaults, ...withoutUndefined(overrides) };
  const problems: string[] = [];
  for (const type of [settings.instanceType, settings.masterInstanceType]) {
    if (!/^[a-z0-9]+\.[a-z0-9]+\.search$/.test(type)) {
      problems.push(`${type} is not an OpenSearch Service instance type (like r7g.large.search)`);
    }
  }
  if (!Number.isInteger(settings.instanceCount) || settings.instanceCount < 1) {
    problems.push(`searchInstanceCount must be a whole number of data nodes, not ${settings.instanceCount}`);
  }
  if (settings.multiAz && settings.instanceCount % 3 !== 0) {
    problems.push(
      `Three Availability Zones need a multiple of three data nodes (searchInstanceCount is ${settings.instanceCount})`,
    );
  }
  if (settings.dedicatedMasters && ![3, 5].includes(settings.masterCount)) {
    problems.push(
      `Dedicated master nodes come in threes or fives (searchMasterCount is ${settings.masterCount})`,
    );
  }
  if (standbyOf(settings) && [settings.instanceType, settings.masterInstanceType].some(isT3)) {
    problems.push(
      'Multi-AZ with dedicated masters runs as Multi-AZ with Standby, which T3 instances do not support: ' +
        'choose other instance types, or turn off searchMultiAz or searchDedicatedMasters',
    );
  }
  if (!Number.isInteger(settings.volumeGb) || settings.volumeGb < 10) {
    problems.push(`searchVolumeGb must be a whole number of GiB, at least 10 (is ${settings.volumeGb})`);
  }
  for (const arn of settings.operatorRoleArns) {
    if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+/.test(arn)) problems.push(`${arn} is not an IAM role ARN`);
  }
  if (problems.length > 0) throw new Error(`Search domain settings: ${problems.join('; ')}`);
  return settings;
}

const isT3 = (instanceType: string) => instanceType.startsWith('t3.');
const standbyOf = (settings: SearchDomainSettings) => settings.multiAz && settings.dedicatedMasters;

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What a search function may do on the domain: the HTTP methods the OpenSearch client uses. */
export const SEARCH_INDEX_ACTIONS = [
  'es:ESHttpGet',
  'es:ESHttpHead',
  'es:ESHttpPost',
  'es:ESHttpPut',
  'es:ESHttpDelete',
];

/** The OpenSearch security role (fine-grained access control) the search functions' IAM roles map to. */
export const SEARCH_INDEX_ROLE = 'bazaar_search';

export interface SearchIndexProps {
  readonly stage: StageSettings;
  readonly settings: SearchDomainSettings;
  /** The index the handlers read and write (`OPENSEARCH_INDEX`); `products` by default. */
  readonly indexName?: string;
}

interface DomainLogs {
  readonly slowSearchLogs: LogGroup;
  readonly slowIndexLogs: LogGroup;
  readonly appLogs: LogGroup;
  readonly logsPolicy: CfnResourcePolicy;
}

/**
 * The search index on AWS: an OpenSearch Service domain (OpenSearch 2.19), encrypted at rest
 * and between nodes, reachable only over HTTPS with TLS 1.2 or later, with fine-grained access
 * control whose master user is an IAM role.
 *
 * Access takes two keys. IAM: a function allowed in by `grantIndexAccess` gets the domain's
 * HTTP actions (the domain itself has no resource-based policy, so only identity policies
 * admit anyone, and only with SigV4-signed requests). Fine-grained access control: a
 * deploy-time custom resource, running as the master role, maps exactly those functions'
 * roles to the `bazaar_search` role, which may work on the products index and nothing else.
 * IAM alone is not enough, since the security plugin refuses any principal it has no mapping for.
 *
 * No VPC: the domain has a public endpoint, and every request must be signed by one of the
 * mapped roles. Putting it in a VPC would put the search functions there too, and with them
 * NAT gateways or interface endpoints for DynamoDB, EventBridge and X-Ray in every AZ, for a
 * network boundary that the signed, fine-grained access already gives here.
 */
export class SearchIndex extends Construct implements SearchIndexAccess {
  public readonly domain: Domain;
  public readonly indexName: string;
  /** Maps the search functions' roles at deploy time; its role is the domain's master user. */
  public readonly accessFunction: BazaarFunction;
  /** The custom resource that keeps the `bazaar_search` role and its mapping. */
  public readonly access: CustomResource;
  private readonly backendRoles: string[];

  constructor(scope: Construct, id: string, props: SearchIndexProps) {
    super(scope, id);
    const { stage, settings } = props;
    this.indexName = props.indexName ?? 'products';
    this.backendRoles = [...settings.operatorRoleArns];

    const logs = this.createLogs(stage);

    // The master user: the role of the function that maps the search functions' roles at deploy time.
    this.accessFunction = new BazaarFunction(this, 'AccessFunction', {
      stage,
      entry: join(REPO_ROOT, 'cdk', 'custom-resources', 'search-index-access.ts'),
      handler: 'handler',
      description: 'Maps the search functions’ IAM roles in the search domain’s fine-grained access control',
      memorySize: 256,
      timeout: Duration.minutes(5),
    });
    const masterRole = this.accessFunction.role!;

    this.domain = this.createDomain(stage, settings, masterRole.roleArn, logs);

    // The master role manages the security plugin's roles and mappings, nothing else.
    Grant.addToPrincipal({
      grantee: masterRole,
      actions: ['es:ESHttpGet', 'es:ESHttpPut', 'es:ESHttpDelete'],
      resourceArns: [`${this.domain.domainArn}/_plugins/_security/api/*`],
    });
    this.access = new CustomResource(this, 'Access', {
      serviceToken: this.accessFunction.functionArn,
      resourceType: 'Custom::SearchIndexAccess',
      serviceTimeout: Duration.minutes(10),
      properties: {
        Endpoint: this.domain.domainEndpoint,
        Role: SEARCH_INDEX_ROLE,
        IndexPatterns: [`${this.indexName}*`],
        BackendRoles: Lazy.list({ produce: () => this.backendRoles }),
      },
      removalPolicy: stage.removalPolicy,
    });
    // The mapping is made once the master role may call the security API.
    this.access.node.addDependency(masterRole);
  }

  /** The domain's three log groups, and the resource policy that lets the domain write to them. */
  private createLogs(stage: StageSettings): DomainLogs {
    const logGroup = (logId: string) =>
      new LogGroup(this, logId, { retention: stage.logRetention, removalPolicy: stage.removalPolicy });
    const slowSearchLogs = logGroup('SlowSearchLogs');
    const slowIndexLogs = logGroup('SlowIndexLogs');
    const appLogs = logGroup('AppLogs');
    // A native resource policy rather than the one Domain creates through a Lambda-backed custom
    // resource. The domain checks at creation that it may write to its log groups.
    const logsPolicy = new CfnResourcePolicy(this, 'LogsResourcePolicy', {
      policyName: `bazaar-${stage.name}-search-logs`,
      policyDocument: Stack.of(this).toJsonString(
        new PolicyDocument({
          statements: [
            new PolicyStatement({
              principals: [new ServicePrincipal('es.amazonaws.com')],
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [slowSearchLogs, slowIndexLogs, appLogs].map((group) => group.logGroupArn),
              conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
            }),
          ],
        }).toJSON(),
      ),
    });
    return { slowSearchLogs, slowIndexLogs, appLogs, logsPolicy };
  }

  /** The domain, sized by the stage's settings, with fine-grained access whose master user is `masterUserArn`. */
  private createDomain(
    stage: StageSettings,
    settings: SearchDomainSettings,
    masterUserArn: string,
    { slowSearchLogs, slowIndexLogs, appLogs, logsPolicy }: DomainLogs,
  ): Domain {
    const { multiAz, dedicatedMasters } = settings;
    const domain = new Domain(this, 'Domain', {
      version: EngineVersion.OPENSEARCH_2_19,
      capacity: {
        dataNodes: settings.instanceCount,
        dataNodeInstanceType: settings.instanceType,
        masterNodes: dedicatedMasters ? settings.masterCount : undefined,
        masterNodeInstanceType: dedicatedMasters ? settings.masterInstanceType : undefined,
        multiAzWithStandbyEnabled: standbyOf(settings),
      },
      zoneAwareness: multiAz ? { enabled: true, availabilityZoneCount: 3 } : { enabled: false },
      ebs: { enabled: true, volumeSize: settings.volumeGb, volumeType: EbsDeviceVolumeType.GP3 },
      encryptionAtRest: { enabled: true },
      nodeToNodeEncryption: true,
      enforceHttps: true,
      tlsSecurityPolicy: TLSSecurityPolicy.TLS_1_2,
      fineGrainedAccessControl: { masterUserArn },
      logging: {
        slowSearchLogEnabled: true,
        slowSearchLogGroup: slowSearchLogs,
        slowIndexLogEnabled: true,
        slowIndexLogGroup: slowIndexLogs,
        appLogEnabled: true,
        appLogGroup: appLogs,
      },
      suppressLogsResourcePolicy: true,
      enableVersionUpgrade: true,
      enableAutoSoftwareUpdate: true,
      removalPolicy: stage.removalPolicy,
    });
    domain.node.addDependency(logsPolicy);
    const cfnDomain = domain.node.defaultChild!;
    acknowledge(
      cfnDomain,
      {
        id: 'AwsSolutions-OS1',
        reason:
          'Public endpoint by design (see SearchIndex): every request is SigV4-signed by a mapped IAM role; a VPC would need NAT or endpoints for every search function',
      },
      {
        id: 'AwsSolutions-OS3',
        reason:
          'Callers are Lambda functions with no fixed addresses; access is by IAM identity policy and fine-grained access control, not by IP',
      },
      {
        id: 'AwsSolutions-OS5',
        reason:
          'The domain has no resource-based policy, so nothing is allowed anonymously: only IAM principals whose identity policies grant es:ESHttp* get in, with signed requests, and then only as far as their fine-grained access control mapping allows',
      },
    );
    if (!dedicatedMasters) {
      acknowledge(cfnDomain, {
        id: 'AwsSolutions-OS4',
        reason: `Dedicated master nodes are off for the ${stage.name} stage (searchDedicatedMasters context, on by default in production)`,
      });
    }
    if (!multiAz) {
      acknowledge(cfnDomain, {
        id: 'AwsSolutions-OS7',
        reason: `Zone awareness is off for the ${stage.name} stage (searchMultiAz context, on by default in production)`,
      });
    }
    return domain;
  }

  /**
   * Lets a function use the index: the domain's HTTP actions (on the domain and every path in
   * it, since `_bulk` is at its root; the security role confines it to the products index), the
   * settings functions/search/index-factory.ts reads, and its role mapped to `bazaar_search`.
   */
  grantIndexAccess(fn: ServiceFunction): void {
    Grant.addToPrincipal({
      grantee: fn,
      actions: SEARCH_INDEX_ACTIONS,
      resourceArns: [this.domain.domainArn, `${this.domain.domainArn}/*`],
    });
    fn.addEnvironment('SEARCH_ENGINE', 'opensearch');
    fn.addEnvironment('OPENSEARCH_ENDPOINT', this.domain.domainEndpoint);
    fn.addEnvironment('OPENSEARCH_INDEX', this.indexName);
    if (!fn.role) throw new Error(`${fn.node.path} has no role to map in the search domain`);
    this.backendRoles.push(fn.role.roleArn);
    // Not before its role is mapped: the stream consumer would otherwise start on the first
    // deployment, be refused, and retry records into its dead-letter queue. (The function
    // resource itself, not the construct: its role must exist before the mapping.)
    fn.node.defaultChild!.node.addDependency(this.access);
  }
}

export interface SearchProps {
  readonly platform: Platform;
  readonly auth: ApiAuth;
  /** The products table, whose stream feeds the index. */
  readonly productsTable: ITable;
  readonly settings: SearchDomainSettings;
}

/**
 * Search: the OpenSearch domain that holds the search index, the search and browse routes
 * (public and CDN-cacheable), the products-stream indexer, and the rules that keep stock and
 * ratings in the index true.
 */
export class Search extends Construct {
  public readonly index: SearchIndex;
  public readonly functions: WiredService;

  constructor(scope: Construct, id: string, props: SearchProps) {
    super(scope, id);
    this.index = new SearchIndex(this, 'Index', { stage: props.platform.stage, settings: props.settings });
    this.functions = wireService(this, {
      service: 'search',
      platform: props.platform,
      auth: props.auth,
      tables: { products: props.productsTable },
      searchIndex: this.index,
    });
  }
}
