import { type App, Aspects, type IAspect, Stack, Validations } from 'aws-cdk-lib';
import { CfnPolicy, CfnRole } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/** A cdk-nag finding we accept, and why. */
export interface NagAcknowledgement {
  /** A rule (`AwsSolutions-L1`) or one finding of it (`AwsSolutions-IAM5[Resource::*]`). */
  readonly id: string;
  readonly reason: string;
}

/**
 * Accepts cdk-nag findings on a construct and everything below it. Every acknowledgement
 * carries a reason, so the template's audit trail says why a rule does not apply.
 */
export function acknowledge(scope: IConstruct, ...acknowledgements: NagAcknowledgement[]): void {
  for (const { id, reason } of acknowledgements) {
    if (reason.trim().length < 20) throw new Error(`The acknowledgement of ${id} needs a real reason`);
  }
  Validations.of(scope).acknowledge(...acknowledgements);
}

/**
 * Runs the AWS Solutions rule pack over the whole app at synthesis (cdk-nag 3 is a CDK
 * validation plugin: an unacknowledged error fails `cdk synth`). Acknowledgements are also
 * written into each resource's `cdk_nag` metadata, as cdk-nag 2 did.
 */
export function addNagChecks(app: App): AwsSolutionsChecks {
  Aspects.of(app).add(new AcknowledgeScopedWildcards());
  const checks = new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true });
  Validations.of(app).addPlugins(checks);
  return checks;
}

/** A wildcard resource that AWS or CDK's grants require, with the actions it may carry. */
export interface ScopedWildcard {
  /** Matches the resource as cdk-nag flattens it, e.g. `<CatalogProductsTable1A2B.Arn>/index/*`. */
  readonly resource: RegExp;
  /** Every action of a statement using the resource must match, or the finding stands. */
  readonly actions: RegExp;
  readonly reason: string;
}

/**
 * The ARN of one resource as cdk-nag flattens it: `<CatalogProductsTable1A2B.Arn>` in its own
 * stack, or, used from another nested stack, the parameter CDK passes that ARN in as
 * (`<referencetoBazaardevCatalogStack…ProductsTable1A2BArn>`).
 */
const ONE_ARN = String.raw`(<[A-Za-z0-9]+\.Arn>|<referenceto[A-Za-z0-9]+Arn>)`;
const oneArn = (suffix: string) => new RegExp(`^${ONE_ARN}${suffix}$`);
/** CDK's bootstrap assets bucket, by its name in any account, region and qualifier. */
const CDK_ASSETS_BUCKET = String.raw`arn:(<AWS::Partition>|aws[a-z-]*):s3:::cdk-[a-z0-9]+-assets-(<AWS::AccountId>|\d{12})-(<AWS::Region>|[a-z0-9-]+)`;

/** The wildcards Bazaar's grants produce; each is scoped to one resource or cannot be scoped. */
export const SCOPED_WILDCARDS: readonly ScopedWildcard[] = [
  {
    resource: /^\*$/,
    actions: /^xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)$/,
    reason: 'X-Ray tracing actions support no resource-level permissions',
  },
  {
    resource: /^\*$/,
    actions: /^dynamodb:ListStreams$/,
    reason: 'dynamodb:ListStreams supports no resource-level permissions (stream event sources need it)',
  },
  {
    resource: /^\*$/,
    actions:
      /^logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups)$/,
    reason: 'Step Functions log delivery to CloudWatch Logs requires these actions on all resources',
  },
  {
    resource: oneArn(String.raw`/index/\*`),
    actions: /^dynamodb:[A-Za-z]+$/,
    reason: "Queries on the table's own global secondary indexes; scoped to this one table",
  },
  {
    resource: oneArn(String.raw`:\*`),
    actions: /^lambda:InvokeFunction$/,
    reason: 'Invoking versions and aliases of one named function',
  },
  {
    resource: /:execution:.+:\*$/,
    actions: /^states:(DescribeExecution|StopExecution|GetExecutionHistory)$/,
    reason: 'Executions of one named state machine; execution names (order ids) are not known in advance',
  },
  {
    resource: oneArn(String.raw`/\*`),
    actions: /^s3:[A-Za-z*]+$/,
    reason: 'Objects of one named bucket; object keys are not known in advance',
  },
  {
    resource: oneArn(String.raw`/\*`),
    actions: /^es:ESHttp(Get|Head|Post|Put|Delete)$/,
    reason:
      'HTTP paths of one named search domain (bulk requests go to its root); fine-grained access control confines the role to the products index',
  },
  {
    resource: new RegExp(`^${CDK_ASSETS_BUCKET}/\\*$`),
    actions: /^s3:(GetObject\*|GetBucket\*|List\*)$/,
    reason:
      "CDK's bootstrap assets bucket, read by a BucketDeployment: the zip it unpacks has a content hash for its key, known only at synth",
  },
  {
    resource: oneArn(String.raw`/_plugins/_security/api/\*`),
    actions: /^es:ESHttp(Get|Put|Delete)$/,
    reason:
      "The security plugin's REST API of one named search domain, for its master role to map the search roles",
  },
];

/**
 * A wildcard action that CDK's grant helpers produce, acceptable only where every statement
 * carrying it names one resource (and that resource's objects, `<arn>/*`).
 */
export interface ScopedWildcardAction {
  /** Matches the action as written, e.g. `s3:GetObject*`. */
  readonly action: RegExp;
  /** Every resource of a statement carrying the action must match, or the finding stands. */
  readonly resource: RegExp;
  readonly reason: string;
}

/** The wildcard actions Bazaar's grants produce; each is confined to one resource. */
export const SCOPED_WILDCARD_ACTIONS: readonly ScopedWildcardAction[] = [
  {
    action: /^s3:(GetObject\*|GetBucket\*|List\*|DeleteObject\*|Abort\*)$/,
    resource: new RegExp(`^${ONE_ARN}(/\\*)?$`),
    reason:
      'bucket.grantReadWrite on one named bucket and its objects: object reads, deletes and aborted uploads, and s3:ListBucket so a missing object answers 404 rather than 403',
  },
  {
    action: /^s3:(GetObject\*|GetBucket\*|List\*)$/,
    resource: new RegExp(`^${CDK_ASSETS_BUCKET}(/\\*)?$`),
    reason:
      "bucket.grantRead on CDK's bootstrap assets bucket, for a BucketDeployment to read the build it unpacks",
  },
];

interface PolicyStatement {
  Effect?: string;
  Action?: string | string[];
  Resource?: unknown;
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * Acknowledges cdk-nag's IAM5 (wildcard) findings only where every statement producing the
 * finding is one of the scoped wildcards above. A new wildcard, or one of these resources
 * granted with other actions, still fails the check.
 *
 * The policies are read when the app is validated rather than when the aspect visits them:
 * only by then has CDK turned a reference to another nested stack's resource into the
 * parameter cdk-nag names in its finding.
 */
export class AcknowledgeScopedWildcards implements IAspect {
  private readonly visited = new WeakSet<IConstruct>();

  constructor(
    private readonly wildcards: readonly ScopedWildcard[] = SCOPED_WILDCARDS,
    private readonly wildcardActions: readonly ScopedWildcardAction[] = SCOPED_WILDCARD_ACTIONS,
  ) {}

  visit(node: IConstruct): void {
    if (!(node instanceof CfnPolicy || node instanceof CfnRole) || this.visited.has(node)) return;
    this.visited.add(node);
    node.node.addValidation({
      validate: () => {
        this.acknowledgeExplained(node);
        return [];
      },
    });
  }

  private acknowledgeExplained(node: CfnPolicy | CfnRole): void {
    const documents =
      node instanceof CfnPolicy
        ? [node.policyDocument]
        : (
            (Stack.of(node).resolve(node.policies) as Array<{ policyDocument: unknown }> | undefined) ?? []
          ).map((policy) => policy.policyDocument);
    const verdicts = new Map<string, Set<string> | false>();
    const judge = (finding: string, explained: boolean, reasons: Iterable<string>) => {
      const previous = verdicts.get(finding);
      verdicts.set(
        finding,
        previous === false || !explained ? false : new Set([...(previous ?? []), ...reasons]),
      );
    };
    for (const document of documents) {
      const resolved = Stack.of(node).resolve(document) as { Statement?: PolicyStatement[] } | undefined;
      for (const statement of resolved?.Statement ?? []) {
        if (statement.Effect !== 'Allow') continue;
        const actions = asArray(statement.Action);
        const resources = asArray(statement.Resource).map(flattenCfnReference);
        for (const action of actions.filter((each) => each.includes('*'))) {
          const oneResource = new Set(resources.map((resource) => resource.replace(/\/\*$/, ''))).size === 1;
          const scoped = this.wildcardActions.find(
            (candidate) =>
              oneResource &&
              candidate.action.test(action) &&
              resources.every((resource) => candidate.resource.test(resource)),
          );
          judge(`Action::${action}`, scoped !== undefined, scoped ? [scoped.reason] : []);
        }
        for (const resource of resources) {
          if (!resource.includes('*')) continue;
          // Statements may be merged (minimizePolicies), so each action needs some scoped wildcard.
          const candidates = this.wildcards.filter((wildcard) => wildcard.resource.test(resource));
          const used = new Set<string>();
          const explained = actions.every((action) => {
            const wildcard = candidates.find((candidate) => candidate.actions.test(action));
            if (wildcard) used.add(wildcard.reason);
            return wildcard !== undefined;
          });
          judge(`Resource::${resource}`, explained, used);
        }
      }
    }
    for (const [finding, reasons] of verdicts) {
      if (reasons)
        Validations.of(node).acknowledge({
          id: `AwsSolutions-IAM5[${finding}]`,
          reason: [...reasons].join('; '),
        });
    }
  }
}
