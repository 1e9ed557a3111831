import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type App, type AppProps, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { WiredService } from '../../../cdk/constructs/manifest-wiring';
import type { ServiceFunction } from '../../../cdk/constructs/service-function';
import { createBazaarApp } from '../../../cdk/lib/bazaar-app';
import type { BazaarStack } from '../../../cdk/lib/bazaar-stack';
import { routes, rules, schedules, stateMachines, streams } from '../../../functions/manifest';
import type { ResourceUse, RouteDefinition } from '../../../shared/manifests/types';

/** The context `cdk synth` runs with (feature flags included), so tests see the same template. */
const cdkContext: Record<string, unknown> = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'cdk.json'), 'utf8'),
).context;

/** A small storefront build, so a test synth neither needs nor waits for `npm run build:web`. */
export const STOREFRONT_FIXTURE = join(__dirname, '..', 'fixtures', 'storefront');

/** Bundling every handler with esbuild takes most of a synth; the assertions never need the bundles. */
const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

/**
 * What a test synth can do without: CloudFormation schema validation (`npm run synth` keeps
 * it; it costs seconds per app), the construct tree file and per-construct stack traces.
 */
const FAST_SYNTH: AppProps = {
  builtinCloudFormationValidation: false,
  treeMetadata: false,
  stackTraces: false,
};

/**
 * The props of every app a test builds: a fast synth with the `cdk synth` context (plus
 * `context`), no bundling and the storefront fixture, into an output folder of its own inside this run's synth folder,
 * which the infra tier's global teardown removes. Without an `outdir`, each app would leave a
 * `cdk.out*` folder in the system temp folder.
 */
export function testAppProps(context: Record<string, unknown> = {}): AppProps {
  return {
    ...FAST_SYNTH,
    outdir: appOutdir(),
    context: { ...cdkContext, ...SKIP_BUNDLING, storefrontDir: STOREFRONT_FIXTURE, ...context },
  };
}

function appOutdir(): string {
  const runFolder = process.env.BAZAAR_TEST_SYNTH_DIR;
  if (!runFolder) {
    throw new Error(
      'BAZAAR_TEST_SYNTH_DIR is not set: run the infra tests with `jest --selectProjects infra`, whose global setup makes it',
    );
  }
  return mkdtempSync(join(runFolder, 'app-'));
}

/**
 * The real app, as `cdk synth` builds it, minus asset bundling. `template` is the whole
 * platform as one template (see `flattenedTemplate`); `stackTemplates` each stack's own.
 */
export function synthBazaar(context: Record<string, unknown> = {}): {
  app: App;
  stack: BazaarStack;
  template: Template;
  stackTemplates: Map<Stack, Template>;
} {
  const { app, stack } = createBazaarApp(testAppProps(context));
  const stackTemplates = new Map(stackTree(stack).map((each) => [each, Template.fromStack(each)]));
  return { app, stack, template: flattenedTemplate(stack, stackTemplates), stackTemplates };
}

/** A stack and every stack nested in it, parents first. */
export function stackTree(root: Stack): Stack[] {
  return root.node.findAll().filter((construct): construct is Stack => Stack.isStack(construct));
}

/** The template's logical id of a construct's CloudFormation resource, in whichever stack holds it. */
export function logicalIdOf(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as Parameters<Stack['getLogicalId']>[0];
  const stack = Stack.of(element);
  return stack.resolve(stack.getLogicalId(element)) as string;
}

interface StackContext {
  readonly json: TemplateJson;
  readonly parent?: StackContext;
  /** What the parent passes each of this stack's parameters. */
  readonly parameters: Record<string, unknown>;
  /** Nested stacks by the logical id of their `AWS::CloudFormation::Stack` resource here. */
  readonly children: Map<string, StackContext>;
}

interface TemplateJson {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  Outputs?: Record<string, { Value: unknown }>;
  Parameters?: Record<string, unknown>;
  [section: string]: unknown;
}

/**
 * A stack and its nested stacks as one template, as if nothing were nested: each nested
 * stack's resources are merged in, and each reference that crosses stacks — a parameter the
 * parent passes, a nested stack's output the parent reads — is replaced by what it stands
 * for, so `{ Ref: <parameter> }` reads `{ Ref: CatalogProductsTable1A2B }` again. Assertions
 * then see one platform, wherever CloudFormation's limits made the stacks split it. Logical
 * ids must be unique across the stacks, or this throws.
 */
export function flattenedTemplate(root: Stack, templates?: Map<Stack, Template>): Template {
  const templateOf = (stack: Stack) =>
    (templates?.get(stack) ?? Template.fromStack(stack)).toJSON() as TemplateJson;
  const contextOf = (stack: Stack, parent?: StackContext, parameters: Record<string, unknown> = {}) => {
    const context: StackContext = { json: templateOf(stack), parent, parameters, children: new Map() };
    const nested = stack.node
      .findAll()
      .filter(
        (construct): construct is Stack => Stack.isStack(construct) && construct.nestedStackParent === stack,
      );
    for (const child of nested) {
      const resourceId = logicalIdOf(child.nestedStackResource!);
      const resource = context.json.Resources[resourceId];
      if (!resource) throw new Error(`No resource ${resourceId} for nested stack ${child.node.path}`);
      const passed = (resource.Properties?.Parameters ?? {}) as Record<string, unknown>;
      context.children.set(resourceId, contextOf(child, context, passed));
    }
    return context;
  };

  const resolve = (context: StackContext, value: unknown): unknown => {
    if (Array.isArray(value)) return value.map((item) => resolve(context, item));
    if (!value || typeof value !== 'object') return value;
    const node = value as Record<string, unknown>;
    const keys = Object.keys(node);
    if (
      keys.length === 1 &&
      typeof node.Ref === 'string' &&
      context.parent &&
      node.Ref in context.parameters
    ) {
      return resolve(context.parent, context.parameters[node.Ref]);
    }
    const getAtt = node['Fn::GetAtt'];
    if (keys.length === 1 && Array.isArray(getAtt)) {
      const [id, attribute] = getAtt as [string, string];
      const child = context.children.get(id);
      if (child && attribute.startsWith('Outputs.')) {
        const output = child.json.Outputs?.[attribute.slice('Outputs.'.length)];
        if (!output) throw new Error(`Nested stack ${id} has no output ${attribute}`);
        return resolve(child, output.Value);
      }
    }
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, resolve(context, item)]));
  };

  const rootContext = contextOf(root);
  const resources: TemplateJson['Resources'] = {};
  const merge = (context: StackContext) => {
    for (const [id, resource] of Object.entries(context.json.Resources)) {
      if (id in resources) throw new Error(`Logical id ${id} is used in two stacks`);
      resources[id] = resolve(context, resource) as TemplateJson['Resources'][string];
    }
    context.children.forEach(merge);
  };
  merge(rootContext);
  return Template.fromJSON({
    ...rootContext.json,
    Resources: resources,
    Outputs: resolve(rootContext, rootContext.json.Outputs ?? {}),
  });
}

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

export const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

export const resourcesOf = (statement: Statement): unknown[] =>
  Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];

/** `{ "Fn::GetAtt": [id, "Arn"] }` or `{ "Ref": id }` → id; anything else → undefined. */
export function referencedId(value: unknown): string | undefined {
  const node = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return node?.Ref ?? node?.['Fn::GetAtt']?.[0];
}

/** Every logical id a value references anywhere inside it. */
export function referencedIds(value: unknown): Set<string> {
  const ids = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const id = referencedId(node);
      if (id) ids.add(id);
      Object.values(node).forEach(visit);
    }
  };
  visit(value);
  return ids;
}

/** Reads a synthesized template the way the tests need it: routes to functions to policies. */
export class TemplateIndex {
  readonly resources: Resources;

  constructor(template: Template) {
    this.resources = template.toJSON().Resources as Resources;
  }

  ofType(type: string): Array<[string, Record<string, unknown>]> {
    return Object.entries(this.resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([id, resource]) => [id, resource.Properties]);
  }

  /** The one resource of a type, or an error when there are none or several. */
  only(type: string): [string, Record<string, unknown>] {
    const found = this.ofType(type);
    if (found.length !== 1) throw new Error(`Expected one ${type}, found ${found.length}`);
    return found[0]!;
  }

  props(id: string): Record<string, unknown> {
    const resource = this.resources[id];
    if (!resource) throw new Error(`No resource ${id}`);
    return resource.Properties;
  }

  /** The Lambda function behind an HTTP API route key such as `GET /api/v1/products`. */
  routeFunction(routeKey: string): string {
    const route = this.ofType('AWS::ApiGatewayV2::Route').find(([, props]) => props.RouteKey === routeKey);
    if (!route) throw new Error(`No route ${routeKey}`);
    const target = JSON.stringify(route[1].Target);
    const integrationId = [...referencedIds(route[1].Target)][0];
    if (!integrationId) throw new Error(`Route ${routeKey} has no integration: ${target}`);
    const functionId = referencedId(this.props(integrationId).IntegrationUri);
    if (!functionId) throw new Error(`Integration of ${routeKey} targets no function`);
    return functionId;
  }

  /** Every allow statement of the policies attached to a function's role. */
  functionStatements(functionId: string): Statement[] {
    const roleId = referencedId(this.props(functionId).Role);
    return this.ofType('AWS::IAM::Policy')
      .filter(([, props]) => (props.Roles as unknown[]).some((role) => referencedId(role) === roleId))
      .flatMap(([, props]) => (props.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((statement) => statement.Effect === 'Allow');
  }

  environment(functionId: string): Record<string, unknown> {
    return ((this.props(functionId).Environment as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables ?? {}) as Record<string, unknown>;
  }
}

export const DYNAMODB_WRITES = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/** `{ "Fn::GetAtt": [table, "StreamArn"] }`: a table's stream, which is not its data. */
export function isStreamArn(value: unknown): boolean {
  return (value as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[1] === 'StreamArn';
}

/**
 * For one function, the DynamoDB access its policy gives per table logical id:
 * 'readWrite' when any write action reaches the table, 'read' otherwise. Reading a table's
 * stream is not access to its data, and is left out (see `streamReads`).
 */
export function dynamoAccess(statements: Statement[]): Map<string, 'read' | 'readWrite'> {
  const access = new Map<string, 'read' | 'readWrite'>();
  for (const statement of statements) {
    const actions = actionsOf(statement).filter((action) => action.startsWith('dynamodb:'));
    if (actions.length === 0) continue;
    const writes = actions.some((action) => DYNAMODB_WRITES.includes(action));
    for (const resource of resourcesOf(statement).filter((each) => !isStreamArn(each))) {
      for (const id of referencedIds(resource)) {
        if (writes) access.set(id, 'readWrite');
        else if (!access.has(id)) access.set(id, 'read');
      }
    }
  }
  return access;
}

/** The logical ids of the tables whose streams a function may read records from. */
export function streamReads(statements: Statement[]): Set<string> {
  return new Set(
    statements
      .filter((statement) => actionsOf(statement).includes('dynamodb:GetRecords'))
      .flatMap((statement) => resourcesOf(statement).filter(isStreamArn))
      .map((resource) => referencedId(resource)!),
  );
}

/** A function the stack built from a manifest entry, with what that entry says it uses. */
export interface WiredFunction {
  /** `route Checkout`, `schedule ReconcilePendingOrders`, `task Checkout.ChargePaymentFunctionArn` … */
  entry: string;
  logicalId: string;
  fn: ServiceFunction;
  uses: ResourceUse;
  /** The route's definition, for functions behind routes. */
  route?: RouteDefinition;
}

/** Every function built from a manifest entry, found through each service construct's `functions`. */
export function wiredFunctions(stack: Stack): WiredFunction[] {
  const services = stack.node
    .findAll()
    .filter((child): child is IConstruct & { functions: WiredService } => 'functions' in child)
    .map((child) => child.functions);
  const found: WiredFunction[] = [];
  const add = (entry: string, fn: ServiceFunction, uses: ResourceUse | undefined, route?: RouteDefinition) =>
    found.push({ entry, logicalId: logicalIdOf(fn), fn, uses: uses ?? {}, route });
  for (const wired of services) {
    for (const [id, fn] of Object.entries(wired.routes)) {
      const route = routes.find((r) => r.id === id)!;
      add(`route ${id}`, fn, route.uses, route);
    }
    for (const [id, fn] of Object.entries(wired.rules))
      add(`rule ${id}`, fn, rules.find((r) => r.id === id)!.uses);
    for (const [id, fn] of Object.entries(wired.streams))
      add(`stream ${id}`, fn, streams.find((s) => s.id === id)!.uses);
    for (const [id, fn] of Object.entries(wired.schedules))
      add(`schedule ${id}`, fn, schedules.find((s) => s.id === id)!.uses);
    for (const [key, fn] of Object.entries(wired.tasks)) {
      const [machineId, placeholder] = key.split('.') as [string, string];
      add(`task ${key}`, fn, stateMachines.find((m) => m.id === machineId)!.taskUses[placeholder]);
    }
  }
  return found;
}
