import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { ServiceFunction } from '../../cdk/constructs/service-function';
import { pascalCase } from '../../cdk/constructs/tables';
import { createBazaarApp } from '../../cdk/lib/bazaar-app';
import type { BazaarStack } from '../../cdk/lib/bazaar-stack';
import {
  routes,
  rules,
  schedules,
  stateMachines,
  streams,
  tableById,
  tables,
} from '../../functions/manifest';
import type { RouteDefinition, TableAccess, TableId } from '../../shared/manifests/types';
import {
  actionsOf,
  DYNAMODB_WRITES,
  dynamoAccess,
  logicalIdOf,
  referencedId,
  referencedIds,
  resourcesOf,
  type Statement,
  stackTree,
  streamReads,
  synthBazaar,
  TemplateIndex,
  testAppProps,
  type WiredFunction,
  wiredFunctions as wiredFunctionsOf,
} from './support/templates';

let app: ReturnType<typeof synthBazaar>['app'];
let stack: BazaarStack;
let template: Template;
let index: TemplateIndex;
let stackTemplates: Map<Stack, Template>;
/** Table id → the table's logical id in the template, and back. */
const tableLogicalIds = new Map<TableId, string>();
const tableIdsByLogicalId = new Map<string, TableId>();

beforeAll(() => {
  ({ app, stack, template, stackTemplates } = synthBazaar());
  index = new TemplateIndex(template);
  for (const construct of stack.node.findAll()) {
    if (!(construct instanceof Table)) continue;
    const definition = tables.find((table) => `${pascalCase(table.id)}Table` === construct.node.id);
    if (!definition) continue;
    const logicalId = logicalIdOf(construct);
    tableLogicalIds.set(definition.id, logicalId);
    tableIdsByLogicalId.set(logicalId, definition.id);
  }
});

function wiredFunctions(): WiredFunction[] {
  const found = wiredFunctionsOf(stack);
  // Every service construct (each in its service's nested stack) exposes what the wiring built.
  expect(new Set(found.map(({ fn }) => fn.service)).size).toBeGreaterThanOrEqual(11);
  return found;
}

const routeKey = (route: RouteDefinition) => `${route.method} ${route.path}`;
const needsToken = (route: RouteDefinition) => ['user', 'seller', 'admin'].includes(route.auth);
const routeCases = routes.map((route) => [routeKey(route), route] as const);

/** What a route's function may touch in DynamoDB: its `uses`, plus what the shared middleware reads. */
function expectedTables(route: RouteDefinition): Record<string, TableAccess> {
  const expected: Record<string, TableAccess> = { ...route.uses?.tables };
  if (route.auth !== 'public') expected.users ??= 'read';
  if (route.rateLimit) expected['rate-limits'] = 'readWrite';
  return expected;
}

function tableAccessOf(functionId: string): Record<string, TableAccess> {
  const access = dynamoAccess(index.functionStatements(functionId));
  return Object.fromEntries(
    [...access]
      .filter(([logicalId]) => tableIdsByLogicalId.has(logicalId))
      .map(([logicalId, level]) => [tableIdsByLogicalId.get(logicalId)!, level]),
  );
}

describe('HTTP routes', () => {
  it.each(routeCases)(
    '%s exists, with the JWT authorizer exactly when its auth level needs a token',
    (key, route) => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: key,
        AuthorizationType: needsToken(route) ? 'JWT' : 'NONE',
        AuthorizerId: needsToken(route) ? Match.anyValue() : Match.absent(),
      });
    },
  );

  it.each(routeCases)(
    '%s is served by a Node 22 arm64 function running its manifest handler',
    (key, route) => {
      const functionId = index.routeFunction(key);
      expect(index.props(functionId)).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: `index.${route.handler.slice(route.handler.lastIndexOf('.') + 1)}`,
        Timeout: route.timeoutSeconds ?? 29,
        MemorySize: route.memoryMb ?? 512,
      });
    },
  );

  it('gives every route its own function', () => {
    const functions = routes.map((route) => index.routeFunction(routeKey(route)));
    expect(new Set(functions).size).toBe(routes.length);
  });

  it('has no routes the manifest does not declare', () => {
    const keys = index.ofType('AWS::ApiGatewayV2::Route').map(([, props]) => props.RouteKey);
    expect(keys.sort()).toEqual(routes.map(routeKey).sort());
  });

  it.each(routeCases)('%s can reach exactly the tables it uses, and is told their names', (key, route) => {
    const functionId = index.routeFunction(key);
    const expected = expectedTables(route);
    expect(tableAccessOf(functionId)).toEqual(expected);
    const environment = index.environment(functionId);
    for (const id of Object.keys(expected) as TableId[]) {
      expect(environment[tableById(id).envVar]).toEqual({ Ref: tableLogicalIds.get(id) });
    }
  });

  it('lets a public read route write nothing at all (the product page reads tables and the feature switches)', () => {
    const functionId = index.routeFunction('GET /api/v1/products/{product_id}');
    const actions = index.functionStatements(functionId).flatMap(actionsOf);
    // Secrets Manager: reading the origin secret, to refuse calls that skip the distribution.
    expect(actions.filter((action) => !/^(xray|dynamodb|ssm):/.test(action))).toEqual([
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
    ]);
    expect(actions.filter((action) => DYNAMODB_WRITES.includes(action))).toEqual([]);
    expect(
      actions.filter((action) => action.startsWith('ssm:') && !/^ssm:(Get|Describe)/.test(action)),
    ).toEqual([]);
  });

  it('lets create-product write the inventory table (the product and its first stock record are one transaction)', () => {
    const functionId = index.routeFunction('POST /api/v1/seller/products');
    const inventoryArn = { 'Fn::GetAtt': [tableLogicalIds.get('inventory'), 'Arn'] };
    const writesInventory = index
      .functionStatements(functionId)
      .some(
        (statement) =>
          actionsOf(statement).includes('dynamodb:PutItem') &&
          resourcesOf(statement).some(
            (resource) => JSON.stringify(resource) === JSON.stringify(inventoryArn),
          ),
      );
    expect(writesInventory).toBe(true);
    expect(index.environment(functionId).INVENTORY_TABLE_NAME).toEqual({
      Ref: tableLogicalIds.get('inventory'),
    });
  });

  it('gives route handlers the Cognito settings the token verifier and identity provider read', () => {
    const [, authorizer] = index.only('AWS::ApiGatewayV2::Authorizer');
    const { Issuer, Audience } = authorizer.JwtConfiguration as { Issuer: unknown; Audience: unknown[] };
    const functionId = index.routeFunction('GET /api/v1/cart');
    expect(index.environment(functionId)).toMatchObject({
      IDENTITY_PROVIDER: 'cognito',
      AUTH_ISSUER: Issuer,
      AUTH_JWKS_URI: {
        'Fn::Join': [
          '',
          [...(Issuer as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1], '/.well-known/jwks.json'],
        ],
      },
      AUTH_CLIENT_ID: Audience[0],
      COGNITO_USER_POOL_ID: { Ref: expect.stringMatching(/^IdentityUserPool[0-9A-F]{8}$/) },
      POWERTOOLS_SERVICE_NAME: 'cart',
    });
  });

  it('serves the Stripe webhook without the JWT authorizer: Stripe signs its requests instead', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'POST /api/v1/payments/webhooks/stripe',
      AuthorizationType: 'NONE',
      AuthorizerId: Match.absent(),
    });
  });

  it('gives event bus access only to routes that publish events', () => {
    for (const route of routes) {
      const functionId = index.routeFunction(routeKey(route));
      const publishes = index
        .functionStatements(functionId)
        .some((s) => actionsOf(s).includes('events:PutEvents'));
      expect([route.id, publishes]).toEqual([route.id, route.uses?.publishesEvents === true]);
      expect([route.id, 'EVENT_BUS_NAME' in index.environment(functionId)]).toEqual([
        route.id,
        route.uses?.publishesEvents === true,
      ]);
    }
  });
});

describe('the Cognito JWT authorizer', () => {
  it('trusts only tokens issued by the user pool to the API client', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp('^IdentityUserPoolApiClient') }],
        Issuer: {
          'Fn::Join': [
            '',
            [
              'https://cognito-idp.',
              { Ref: 'AWS::Region' },
              '.amazonaws.com/',
              { Ref: Match.stringLikeRegexp('^IdentityUserPool[0-9A-F]{8}$') },
            ],
          ],
        },
      },
    });
  });

  it('is attached to every route that needs a token', () => {
    const [authorizerId] = index.only('AWS::ApiGatewayV2::Authorizer');
    for (const [, props] of index.ofType('AWS::ApiGatewayV2::Route')) {
      if (props.AuthorizationType === 'JWT') expect(props.AuthorizerId).toEqual({ Ref: authorizerId });
    }
  });
});

describe('the Cognito user pool', () => {
  it('signs people in by e-mail alias, with accounts created only through the admin API', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AliasAttributes: ['email'],
      UsernameAttributes: Match.absent(),
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameConfiguration: { CaseSensitive: false },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 8 }) },
    });
  });

  it('has an API client allowed ADMIN_USER_PASSWORD_AUTH, with one-hour access tokens', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_ADMIN_USER_PASSWORD_AUTH']),
      GenerateSecret: false,
      AccessTokenValidity: 60,
      TokenValidityUnits: Match.objectLike({ AccessToken: 'minutes' }),
      AllowedOAuthFlowsUserPoolClient: false,
    });
  });

  it('lets signup create, set up and remove users, login only authenticate, and nobody else anything', () => {
    const cognitoActions = (key: string) =>
      index
        .functionStatements(index.routeFunction(key))
        .flatMap(actionsOf)
        .filter((action) => action.startsWith('cognito-idp:'))
        .sort();
    expect(cognitoActions('POST /api/v1/auth/signup')).toEqual([
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminDeleteUser',
      'cognito-idp:AdminInitiateAuth',
      'cognito-idp:AdminSetUserPassword',
    ]);
    expect(cognitoActions('POST /api/v1/auth/login')).toEqual(['cognito-idp:AdminInitiateAuth']);
    const others = routes.filter((route) => !['Signup', 'Login'].includes(route.id));
    expect(others.flatMap((route) => cognitoActions(routeKey(route)))).toEqual([]);
  });
});

describe('the checkout saga', () => {
  const [checkout] = stateMachines.filter((machine) => machine.id === 'Checkout');
  const asl = readFileSync(join(__dirname, '..', '..', checkout!.definitionFile), 'utf8');
  const placeholders = Object.keys(checkout!.taskHandlers);
  let machineId: string;
  let machine: Record<string, unknown>;
  /** Placeholder → the logical id of the function bound to it. */
  let bound: Record<string, string>;
  const stepFunction = (placeholder: string) => bound[placeholder]!;

  beforeAll(() => {
    [machineId, machine] = index.only('AWS::StepFunctions::StateMachine');
    const substitutions = machine.DefinitionSubstitutions as Record<string, unknown>;
    bound = Object.fromEntries(
      Object.entries(substitutions).map(([placeholder, value]) => {
        const node = value as { 'Fn::GetAtt'?: [string, string] };
        expect(node['Fn::GetAtt']?.[1]).toBe('Arn');
        return [placeholder, node['Fn::GetAtt']![0]];
      }),
    );
  });

  it('is a Standard workflow built from statemachines/checkout.asl.json, traced by X-Ray and logged', () => {
    expect(machine).toMatchObject({
      StateMachineType: 'STANDARD',
      DefinitionString: asl,
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: true,
        Destinations: [
          { CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } },
        ],
      },
    });
  });

  it('binds every placeholder to a function ARN, leaving no unbound placeholder in the definition', () => {
    expect(Object.keys(bound).sort()).toEqual([...placeholders].sort());
    for (const placeholder of placeholders) {
      expect(index.resources[stepFunction(placeholder)]?.Type).toBe('AWS::Lambda::Function');
    }
    const substituted = (machine.DefinitionString as string).replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name) =>
      name in bound ? `arn:aws:lambda:eu-west-1:123456789012:function:${bound[name]}` : `\${${name}}`,
    );
    expect(substituted).not.toContain('${');
    expect(() => JSON.parse(substituted)).not.toThrow();
  });

  it('runs each step on the function of its manifest handler, in the service that owns the handler', () => {
    const functions = stack.node
      .findAll()
      .filter((construct): construct is ServiceFunction => 'handlerRef' in construct);
    for (const [placeholder, handler] of Object.entries(checkout!.taskHandlers)) {
      const fn = functions.find((candidate) => logicalIdOf(candidate) === stepFunction(placeholder));
      expect([placeholder, fn?.handlerRef]).toEqual([placeholder, handler]);
      expect(index.environment(stepFunction(placeholder)).POWERTOOLS_SERVICE_NAME).toBe(
        handler.split('/')[1],
      );
    }
  });

  it('lets its role invoke exactly the task functions, and nothing else but tracing and log delivery', () => {
    const roleId = referencedId(machine.RoleArn);
    const statements = index
      .ofType('AWS::IAM::Policy')
      .filter(([, props]) => (props.Roles as unknown[]).some((role) => referencedId(role) === roleId))
      .flatMap(([, props]) => (props.PolicyDocument as { Statement: Statement[] }).Statement);
    const invoked = statements
      .filter((statement) => actionsOf(statement).includes('lambda:InvokeFunction'))
      .flatMap((statement) => [...referencedIds(statement.Resource)]);
    expect(new Set(invoked)).toEqual(new Set(Object.values(bound)));
    const others = statements
      .flatMap(actionsOf)
      .filter((action) => action !== 'lambda:InvokeFunction' && !/^(xray|logs):/.test(action));
    expect(others).toEqual([]);
  });

  it.each(placeholders)('gives the %s step exactly its taskUses, and no route settings', (placeholder) => {
    const uses = checkout!.taskUses[placeholder]!;
    const fn = stepFunction(placeholder);
    const statements = index.functionStatements(fn);
    expect(tableAccessOf(fn)).toEqual(uses.tables ?? {});
    expect(statements.flatMap(actionsOf).includes('events:PutEvents')).toBe(uses.publishesEvents === true);
    expect(statements.flatMap(actionsOf).includes('secretsmanager:GetSecretValue')).toBe(
      (uses.secrets ?? []).includes('stripe'),
    );
    expect(statements.flatMap(actionsOf).filter((action) => action.startsWith('states:'))).toEqual([]);
    const environment = index.environment(fn);
    for (const id of Object.keys(uses.tables ?? {}) as TableId[]) {
      expect(environment[tableById(id).envVar]).toEqual({ Ref: tableLogicalIds.get(id) });
    }
    expect(environment).not.toHaveProperty('USERS_TABLE_NAME');
    expect(environment).not.toHaveProperty('AUTH_ISSUER');
  });

  it('lets ChargePayment read and write payments and read orders, but not touch inventory', () => {
    const access = tableAccessOf(stepFunction('ChargePaymentFunctionArn'));
    expect(access).toEqual({ payments: 'readWrite', orders: 'read' });
    expect(access).not.toHaveProperty('inventory');
  });

  it('lets MarkPaid write the orders table and no other', () => {
    expect(tableAccessOf(stepFunction('MarkPaidFunctionArn'))).toEqual({ orders: 'readWrite' });
  });

  it('gives each step function as long as its state allows (ChargePayment: 60 s)', () => {
    expect(index.props(stepFunction('ChargePaymentFunctionArn')).Timeout).toBe(60);
    expect(index.props(stepFunction('MarkPaidFunctionArn')).Timeout).toBe(30);
  });

  it('can be started, watched and stopped by exactly the functions whose uses name it', () => {
    const executions = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':states:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':execution:',
          { 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: machineId }] }] },
          ':*',
        ],
      ],
    };
    const starters: string[] = [];
    for (const { entry, logicalId, uses } of wiredFunctions()) {
      const statements = index.functionStatements(logicalId);
      const startsMachine = statements.some(
        (statement) =>
          actionsOf(statement).includes('states:StartExecution') &&
          resourcesOf(statement).some((resource) => referencedId(resource) === machineId),
      );
      if (!(uses.stateMachines ?? []).includes('Checkout')) {
        expect([
          entry,
          statements.flatMap(actionsOf).filter((action) => action.startsWith('states:')),
        ]).toEqual([entry, []]);
        expect([entry, 'CHECKOUT_STATE_MACHINE_ARN' in index.environment(logicalId)]).toEqual([entry, false]);
        continue;
      }
      starters.push(entry);
      expect([entry, startsMachine]).toEqual([entry, true]);
      const onExecutions = statements
        .filter((statement) =>
          resourcesOf(statement).some((r) => JSON.stringify(r) === JSON.stringify(executions)),
        )
        .flatMap(actionsOf);
      expect(onExecutions).toEqual(
        expect.arrayContaining(['states:DescribeExecution', 'states:StopExecution']),
      );
      expect(index.environment(logicalId).CHECKOUT_STATE_MACHINE_ARN).toEqual({ Ref: machineId });
    }
    const named = wiredFunctions()
      .filter(({ uses }) => (uses.stateMachines ?? []).includes('Checkout'))
      .map(({ entry }) => entry);
    expect(starters.sort()).toEqual(named.sort());
    expect(starters).toEqual(
      expect.arrayContaining(['route Checkout', 'schedule ReconcilePendingOrders', 'route CancelOrder']),
    );
  });

  it('is reconciled every minute by EventBridge Scheduler invoking the reconciler', () => {
    const reconciler = wiredFunctions().find((fn) => fn.entry === 'schedule ReconcilePendingOrders')!;
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [reconciler.logicalId, 'Arn'] } }),
    });
    expect(index.props(reconciler.logicalId).Timeout).toBe(60);
  });
});

describe('the Stripe secrets', () => {
  it('are two Secrets Manager secrets, as every secret is, whose values are never in the template', () => {
    const stripe = [stack.payments.stripeApiKey, stack.payments.stripeWebhookSecret].map(logicalIdOf);
    // The origin secret is generated by Secrets Manager at deploy (see test/infra/site.test.ts).
    const originVerify = logicalIdOf(stack.originVerify.secret);
    const all = index.ofType('AWS::SecretsManager::Secret').map(([id]) => id);
    expect(all.sort()).toEqual(
      [...stripe, logicalIdOf(stack.orders.carrierWebhookSecret), originVerify].sort(),
    );
    for (const [id, props] of index.ofType('AWS::SecretsManager::Secret')) {
      if (id === originVerify) continue;
      expect(props.SecretString).toBeUndefined();
      expect(props.Description).toMatch(/set by operators after deploy/);
    }
  });

  it('are named in the outputs, with the webhook URL operators register at Stripe', () => {
    const [apiKey, webhook] = [stack.payments.stripeApiKey, stack.payments.stripeWebhookSecret].map(
      logicalIdOf,
    );
    template.hasOutput('StripeApiKeySecretArn', { Value: { Ref: apiKey } });
    template.hasOutput('StripeWebhookSecretArn', { Value: { Ref: webhook } });
    const url = JSON.stringify(template.toJSON().Outputs.StripeWebhookUrl.Value);
    expect(url).toContain('/api/v1/payments/webhooks/stripe');
    expect(url).not.toContain('//api');
  });

  it('are readable only by the functions whose uses list stripe, which are told both ARNs', () => {
    const [apiKey, webhook] = [stack.payments.stripeApiKey, stack.payments.stripeWebhookSecret].map(
      logicalIdOf,
    );
    const readers: string[] = [];
    for (const { entry, logicalId, uses } of wiredFunctions()) {
      const read = index
        .functionStatements(logicalId)
        .filter((statement) => actionsOf(statement).includes('secretsmanager:GetSecretValue'))
        .flatMap((statement) => [...referencedIds(statement.Resource)])
        .filter((id) => id === apiKey || id === webhook)
        .sort();
      const expected = (uses.secrets ?? []).includes('stripe');
      expect([entry, read]).toEqual([entry, expected ? [apiKey!, webhook!].sort() : []]);
      const environment = index.environment(logicalId);
      if (expected) {
        readers.push(entry);
        expect(environment.STRIPE_SECRET_ARN).toEqual({ Ref: apiKey });
        expect(environment.STRIPE_WEBHOOK_SECRET_ARN).toEqual({ Ref: webhook });
      } else {
        expect([entry, 'STRIPE_SECRET_ARN' in environment]).toEqual([entry, false]);
      }
    }
    expect(readers.length).toBeGreaterThan(0);
    // No policy outside those functions' roles (the state machine's, say) names a secret.
    const readerRoles = new Set(
      wiredFunctions()
        .filter(({ uses }) => (uses.secrets ?? []).includes('stripe'))
        .map(({ logicalId }) => referencedId(index.props(logicalId).Role)),
    );
    for (const [, props] of index.ofType('AWS::IAM::Policy')) {
      const names = [apiKey!, webhook!].some((id) => referencedIds(props.PolicyDocument).has(id));
      if (!names) continue;
      for (const role of props.Roles as unknown[]) expect(readerRoles.has(referencedId(role))).toBe(true);
    }
  });
});

describe('every function built from a manifest entry', () => {
  it('is granted exactly the tables its entry uses (plus the users table the middleware reads), and is told their names', () => {
    for (const { entry, logicalId, uses } of wiredFunctions()) {
      const expected: Record<string, TableAccess> = entry.startsWith('route ')
        ? expectedTables(routes.find((route) => `route ${route.id}` === entry)!)
        : { ...uses.tables };
      expect([entry, tableAccessOf(logicalId)]).toEqual([entry, expected]);
      const environment = index.environment(logicalId);
      for (const id of Object.keys(expected) as TableId[]) {
        expect([entry, environment[tableById(id).envVar]]).toEqual([entry, { Ref: tableLogicalIds.get(id) }]);
      }
    }
  });

  it('reads a table’s stream exactly when it is that stream’s consumer', () => {
    for (const { entry, logicalId } of wiredFunctions()) {
      const stream = streams.find((candidate) => `stream ${candidate.id}` === entry);
      expect([entry, [...streamReads(index.functionStatements(logicalId))]]).toEqual([
        entry,
        stream ? [tableLogicalIds.get(stream.table)] : [],
      ]);
    }
  });

  it('may publish to the bus, and knows its name, exactly when its entry publishes events', () => {
    for (const { entry, logicalId, uses } of wiredFunctions()) {
      const publishes = index
        .functionStatements(logicalId)
        .some((s) => actionsOf(s).includes('events:PutEvents'));
      expect([entry, publishes, 'EVENT_BUS_NAME' in index.environment(logicalId)]).toEqual([
        entry,
        uses.publishesEvents === true,
        uses.publishesEvents === true,
      ]);
    }
  });

  it('accounts for every Lambda function in the stack', () => {
    const wired = new Set(wiredFunctions().map(({ logicalId }) => logicalId));
    const all = index.ofType('AWS::Lambda::Function').map(([id]) => id);
    // Besides the manifest's functions, only the search domain's deploy-time access mapper and
    // CDK's function that uploads the storefront into the site bucket.
    expect(all.filter((id) => !wired.has(id)).sort()).toEqual(
      [
        logicalIdOf(stack.search.index.accessFunction),
        logicalIdOf(stack.site.storefront.uploadFunction),
      ].sort(),
    );
  });
});

describe('tables', () => {
  it.each(tables.map((table) => [table.id, table] as const))(
    '%s is created as the manifest declares',
    (_, table) => {
      const logicalId = tableLogicalIds.get(table.id);
      expect(logicalId).toBeDefined();
      const props = index.props(logicalId!);
      const keyType = (name: string) => (table.numericKeys?.includes(name) ? 'N' : 'S');
      const keySchema = (partitionKey: string, sortKey?: string) => [
        { AttributeName: partitionKey, KeyType: 'HASH' },
        ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' }] : []),
      ];

      expect(props.KeySchema).toEqual(keySchema(table.partitionKey, table.sortKey));
      expect(props.BillingMode).toBe('PAY_PER_REQUEST');
      expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      // SSEEnabled without a key: KMS with the AWS managed key (aws/dynamodb).
      expect(props.SSESpecification).toEqual({ SSEEnabled: true });
      expect(props.StreamSpecification).toEqual(table.stream ? { StreamViewType: table.stream } : undefined);
      expect(props.TimeToLiveSpecification).toEqual(
        table.ttlAttribute ? { AttributeName: table.ttlAttribute, Enabled: true } : undefined,
      );
      expect(props.GlobalSecondaryIndexes).toEqual(
        table.gsis?.map((gsi) => ({
          IndexName: gsi.name,
          KeySchema: keySchema(gsi.partitionKey, gsi.sortKey),
          Projection: gsi.include
            ? { ProjectionType: 'INCLUDE', NonKeyAttributes: gsi.include }
            : { ProjectionType: 'ALL' },
        })),
      );
      const keyNames = [
        table.partitionKey,
        table.sortKey,
        ...(table.gsis ?? []).flatMap((g) => [g.partitionKey, g.sortKey]),
      ];
      const attributes = [...new Set(keyNames.filter((name): name is string => name !== undefined))];
      expect(props.AttributeDefinitions).toEqual(
        expect.arrayContaining(
          attributes.map((name) => ({ AttributeName: name, AttributeType: keyType(name) })),
        ),
      );
      expect(props.AttributeDefinitions).toHaveLength(attributes.length);
      // A developer stage can be torn down; production keeps its data (see manifest-wiring.test.ts).
      expect(index.resources[logicalId!]).toMatchObject({ DeletionPolicy: 'Delete' });
    },
  );
});

describe('asynchronous wiring of the platform manifests', () => {
  it('turns every event rule into a rule on the bus it names (the bazaar bus unless told), with its pattern verbatim', () => {
    for (const rule of rules) {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventBusName: rule.bus === 'default' ? 'default' : { Ref: Match.stringLikeRegexp('^Bus') },
        EventPattern: rule.pattern,
        Targets: [Match.objectLike({ DeadLetterConfig: Match.anyValue(), RetryPolicy: Match.anyValue() })],
      });
    }
    template.resourceCountIs('AWS::Events::Rule', rules.length);
    expect(rules.some((rule) => rule.bus === 'default')).toBe(true);
  });

  it('turns every stream entry into an event source mapping, and every schedule into a Scheduler rate', () => {
    for (const stream of streams) {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [tableLogicalIds.get(stream.table), 'StreamArn'] },
        BatchSize: stream.batchSize,
        MaximumRetryAttempts: stream.maxRetries,
      });
    }
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', streams.length);
    for (const schedule of schedules) {
      const minutes = schedule.everySeconds / 60;
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: `rate(${minutes} ${minutes === 1 ? 'minute' : 'minutes'})`,
      });
    }
    template.resourceCountIs('AWS::Scheduler::Schedule', schedules.length);
  });
});

describe('the outbox relays', () => {
  const relays = () => streams.filter((stream) => stream.handler.endsWith('/handlers/relay-events.handler'));
  const mappingOf = (tableId: TableId, functionId: string) =>
    index
      .ofType('AWS::Lambda::EventSourceMapping')
      .map(([, props]) => props)
      .find(
        (props) =>
          JSON.stringify(props.EventSourceArn) ===
            JSON.stringify({ 'Fn::GetAtt': [tableLogicalIds.get(tableId), 'StreamArn'] }) &&
          JSON.stringify(props.FunctionName).includes(functionId),
      );

  it('relays every table that holds outbox items or announcing entities, each with its owner’s relay', () => {
    expect(relays().map((relay) => [relay.table, relay.handler.split('/')[1]])).toEqual(
      expect.arrayContaining([
        ['orders', 'orders'],
        ['payments', 'payments'],
        ['inventory', 'inventory'],
        ['reviews', 'reviews'],
        ['products', 'catalog'],
        ['carts', 'cart'],
      ]),
    );
  });

  it('reads each relayed stream from its start, reporting partial batch failures, filtered, and may publish to the bus', () => {
    for (const relay of relays()) {
      const wired = wiredFunctions().find(({ entry }) => entry === `stream ${relay.id}`)!;
      const mapping = mappingOf(relay.table, wired.logicalId);
      expect([relay.id, mapping]).toEqual([
        relay.id,
        expect.objectContaining({
          StartingPosition: 'TRIM_HORIZON',
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          MaximumRetryAttempts: relay.maxRetries,
          FilterCriteria: {
            Filters: relay.filters!.map((pattern) => ({ Pattern: JSON.stringify(pattern) })),
          },
        }),
      ]);
      const statements = index.functionStatements(wired.logicalId);
      expect([relay.id, statements.some((s) => actionsOf(s).includes('events:PutEvents'))]).toEqual([
        relay.id,
        true,
      ]);
      expect([relay.id, [...streamReads(statements)]]).toEqual([
        relay.id,
        [tableLogicalIds.get(relay.table)],
      ]);
    }
  });

  it('keeps at most two readers on any table’s stream', () => {
    const readers = new Map<string, number>();
    for (const [, props] of index.ofType('AWS::Lambda::EventSourceMapping')) {
      const source = JSON.stringify(props.EventSourceArn);
      readers.set(source, (readers.get(source) ?? 0) + 1);
    }
    expect(Math.max(...readers.values())).toBeLessThanOrEqual(2);
  });

  it('leaves the Stripe webhook to payments alone; orders settles the order on PaymentSucceeded', () => {
    const webhook = index.routeFunction('POST /api/v1/payments/webhooks/stripe');
    expect(tableAccessOf(webhook)).toEqual({ payments: 'readWrite' });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['bazaar.payments'], 'detail-type': ['PaymentSucceeded'] },
    });
    const settler = wiredFunctions().find(({ entry }) => entry === 'rule OrdersOnPaymentSucceeded')!;
    expect(settler.fn.service).toBe('orders');
  });

  it('lets no function but the relays publish to the bus', () => {
    const publishers = wiredFunctions()
      .filter(({ logicalId }) =>
        index.functionStatements(logicalId).some((s) => actionsOf(s).includes('events:PutEvents')),
      )
      .map(({ entry }) => entry);
    expect(publishers.sort()).toEqual(
      relays()
        .map((relay) => `stream ${relay.id}`)
        .sort(),
    );
  });
});

describe('shared platform resources', () => {
  it('creates the bazaar event bus, named per stage', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'bazaar-dev' });
  });

  it('answers CORS preflights for the headers browsers send', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        AllowOrigins: ['*'],
      }),
    });
  });

  it('logs every request on the API stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
  });

  it('keeps every Lambda log group for a fixed time', () => {
    const functions = index.ofType('AWS::Lambda::Function');
    for (const [, props] of functions) {
      const logGroupId = referencedId((props.LoggingConfig as { LogGroup: unknown }).LogGroup);
      expect(index.props(logGroupId!).RetentionInDays).toBe(14);
    }
  });
});

describe('checks', () => {
  it('leaves no cdk-nag AWS Solutions finding unacknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map(
      (violation) =>
        `${violation.severity} ${violation.ruleName}: ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  it('gives every cdk-nag acknowledgement a reason', () => {
    const suppressions = Object.values(index.resources).flatMap(
      (resource) =>
        (
          resource as {
            Metadata?: { cdk_nag?: { rules_to_suppress: Array<{ id: string; reason: string }> } };
          }
        ).Metadata?.cdk_nag?.rules_to_suppress ?? [],
    );
    expect(suppressions.length).toBeGreaterThan(0);
    expect(suppressions.filter((rule) => rule.reason.trim().length < 20)).toEqual([]);
  });

  it('synthesizes without errors, in any of its stacks', () => {
    // The top-level stack's messages include those of the constructs in its nested stacks.
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });

  it('deploys to the account and region the CDK CLI points at, and to any when it points nowhere', () => {
    const stackFor = (target: { CDK_DEFAULT_ACCOUNT?: string; CDK_DEFAULT_REGION?: string }) => {
      const saved = {
        CDK_DEFAULT_ACCOUNT: process.env.CDK_DEFAULT_ACCOUNT,
        CDK_DEFAULT_REGION: process.env.CDK_DEFAULT_REGION,
      };
      const assign = (values: typeof target) => {
        for (const [name, value] of Object.entries(values)) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      };
      assign({ CDK_DEFAULT_ACCOUNT: undefined, CDK_DEFAULT_REGION: undefined, ...target });
      try {
        return createBazaarApp(testAppProps()).stack;
      } finally {
        assign(saved);
      }
    };
    const targeted = stackFor({ CDK_DEFAULT_ACCOUNT: '123456789012', CDK_DEFAULT_REGION: 'eu-central-1' });
    expect([targeted.account, targeted.region]).toEqual(['123456789012', 'eu-central-1']);
    const agnostic = stackFor({});
    expect(agnostic.resolve(agnostic.region)).toEqual({ Ref: 'AWS::Region' });
    expect(agnostic.resolve(agnostic.account)).toEqual({ Ref: 'AWS::AccountId' });
  });

  it('writes its cloud assembly inside this run’s synth folder, never loose in the system temp folder', () => {
    const runFolder = process.env.BAZAAR_TEST_SYNTH_DIR;
    expect(runFolder).toEqual(expect.stringContaining(tmpdir()));
    expect(app.outdir.startsWith(`${runFolder}${sep}`)).toBe(true);
    expect(existsSync(join(app.outdir, 'manifest.json'))).toBe(true);
  });
});

describe('CloudFormation limits', () => {
  /** What CloudFormation accepts per template, less a fifth, so a stack nearing a limit fails here first. */
  const LIMITS = { resources: 500 * 0.8, bytes: 1_000_000 * 0.8, parameters: 200 * 0.8, outputs: 200 * 0.8 };

  it.each([['resources'], ['bytes'], ['parameters'], ['outputs']] as const)(
    'keeps every stack’s template well within CloudFormation’s %s limit',
    (limit) => {
      for (const each of stackTree(stack)) {
        const json = stackTemplates.get(each)!.toJSON();
        const measured = {
          resources: Object.keys(json.Resources).length,
          // As cdk.out writes it, and the deployment uploads it.
          bytes: JSON.stringify(json, undefined, 1).length,
          parameters: Object.keys(json.Parameters ?? {}).length,
          outputs: Object.keys(json.Outputs ?? {}).length,
        }[limit];
        expect([each.node.path, measured]).toEqual([each.node.path, expect.any(Number)]);
        expect([each.node.path, measured <= LIMITS[limit]]).toEqual([each.node.path, true]);
      }
    },
  );

  it('gives each service group a nested stack, and keeps only what every service shares at the top', () => {
    const nested = stackTree(stack)
      .filter((each) => each !== stack)
      .map((each) => each.node.id);
    expect(nested.sort()).toEqual(
      [
        'CartStack',
        'CatalogStack',
        'CdnStack',
        'CheckoutStack',
        'IdentityStack',
        'InventoryStack',
        'MediaStack',
        'MonitoringStack',
        'NotificationsStack',
        'PlatformStack',
        'RecommendationsStack',
        'ReviewsStack',
        'SearchStack',
      ].sort(),
    );
    const topLevel = new Set(
      Object.values(stackTemplates.get(stack)!.toJSON().Resources as Record<string, { Type: string }>).map(
        (resource) => resource.Type,
      ),
    );
    expect([...topLevel].sort()).toEqual(
      [
        'AWS::ApiGatewayV2::Api',
        'AWS::ApiGatewayV2::Stage',
        'AWS::CloudFormation::Stack',
        'AWS::DynamoDB::Table',
        'AWS::Events::EventBus',
        'AWS::Logs::LogGroup',
        'AWS::SSM::Parameter',
        // The site: one distribution (with its policies and function), its bucket and origin secret.
        'AWS::CloudFront::CachePolicy',
        'AWS::CloudFront::Distribution',
        'AWS::CloudFront::Function',
        'AWS::CloudFront::OriginAccessControl',
        'AWS::CloudFront::OriginRequestPolicy',
        'AWS::S3::Bucket',
        'AWS::S3::BucketPolicy',
        'AWS::SecretsManager::Secret',
        // The storefront's upload into the bucket: CDK's BucketDeployment function and its role.
        'Custom::CDKBucketDeployment',
        'AWS::IAM::Policy',
        'AWS::IAM::Role',
        'AWS::Lambda::Function',
        'AWS::Lambda::LayerVersion',
      ].sort(),
    );
    // Each service construct sits in a stack of its group, never in the top-level stack.
    const services = [
      stack.identity,
      stack.inventory,
      stack.catalog,
      stack.cart,
      stack.orders,
      stack.payments,
      stack.search,
      stack.media,
      stack.reviews,
      stack.recommendations,
      stack.notifications,
      stack.cdnPurge,
    ];
    for (const service of services) {
      expect(Stack.of(service)).not.toBe(stack);
      expect(Stack.of(service).nestedStackParent).toBe(stack);
    }
    expect(Stack.of(stack.orders)).toBe(Stack.of(stack.payments));
    expect(new Set(services.map((service) => Stack.of(service))).size).toBe(services.length - 1);
    // What catalog's product page reads (images, reviews, recommendations) is created beside catalog.
    for (const storage of [
      stack.mediaStorage,
      stack.reviews.reviewsTable,
      stack.recommendations.recommendationsTable,
    ]) {
      expect(Stack.of(storage)).toBe(Stack.of(stack.catalog));
    }
  });
});
