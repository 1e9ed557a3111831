import { join } from 'node:path';
import { App, Aspects, NestedStack, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type { CfnTable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { FeatureFlagsAccess } from '../../cdk/constructs/feature-flags';
import {
  type EmailSending,
  type Manifests,
  mergeUses,
  type SearchIndexAccess,
  type SecretSet,
  taskTimeoutSeconds,
  unwiredManifestEntries,
  type WiredService,
  wireService,
} from '../../cdk/constructs/manifest-wiring';
import { AcknowledgeScopedWildcards } from '../../cdk/constructs/nag';
import {
  type ApiAuth,
  type Platform,
  type StageSettings,
  stageSettings,
} from '../../cdk/constructs/platform';
import type { ServiceFunction } from '../../cdk/constructs/service-function';
import { manifestTable } from '../../cdk/constructs/tables';
import type {
  EventRuleDefinition,
  RouteDefinition,
  StateMachineDefinition,
  TableDefinition,
} from '../../shared/manifests/types';
import {
  actionsOf,
  dynamoAccess,
  referencedIds,
  type Statement,
  TemplateIndex,
  testAppProps,
} from './support/templates';

/**
 * A made-up `demo` service with one entry of every manifest kind, wired exactly as a real
 * service construct would, and a `demo-payments` service handling one step of the saga that
 * `demo` hosts. Handlers and the ASL live in test/infra/fixtures.
 */
const FIXTURES = join(__dirname, 'fixtures');

const ordersTable: TableDefinition = {
  id: 'orders',
  envVar: 'ORDERS_TABLE_NAME',
  owner: 'demo',
  partitionKey: 'pk',
  sortKey: 'version',
  numericKeys: ['version'],
  gsis: [
    { name: 'ByUser', partitionKey: 'user_id', sortKey: 'ordered_at', include: ['status', 'total_cents'] },
  ],
  stream: 'NEW_IMAGE',
  ttlAttribute: 'expires_at',
};
const usersTable: TableDefinition = {
  id: 'users',
  envVar: 'USERS_TABLE_NAME',
  owner: 'identity',
  partitionKey: 'pk',
  sortKey: 'sk',
};
const placeOrder: RouteDefinition = {
  id: 'PlaceOrder',
  method: 'POST',
  path: '/api/v1/demo/orders',
  auth: 'user',
  handler: 'functions/demo/handlers/place-order.handler',
  summary: 'Place an order',
  tag: 'Demo',
  successStatus: 202,
  uses: { tables: { orders: 'readWrite' }, publishesEvents: true, stateMachines: ['demo-checkout'] },
};

const demoManifests: Manifests = {
  tables: [ordersTable, usersTable],
  routes: [placeOrder],
  rules: [
    {
      id: 'demo-on-order-paid',
      description: 'Mark the demo order paid',
      pattern: {
        source: ['bazaar.orders'],
        'detail-type': ['OrderPaid'],
        detail: { total_cents: [{ numeric: ['>', 0] }] },
      },
      handler: 'functions/demo/handlers/on-order-paid.handler',
      uses: { tables: { orders: 'readWrite' } },
    },
  ],
  streams: [
    {
      id: 'demo-orders-changes',
      table: 'orders',
      handler: 'functions/demo/handlers/on-order-change.handler',
      batchSize: 25,
      maxRetries: 4,
      filters: [{ eventName: ['INSERT', 'MODIFY'] }],
      uses: { publishesEvents: true },
    },
  ],
  schedules: [
    {
      id: 'demo-reconciler',
      description: 'Finish or unwind stuck demo orders',
      everySeconds: 300,
      envOverride: 'DEMO_RECONCILE_EVERY_SECONDS',
      handler: 'functions/demo/handlers/reconcile.handler',
      uses: { tables: { orders: 'readWrite' }, stateMachines: ['demo-checkout'] },
    },
  ],
  stateMachines: [
    {
      id: 'demo-checkout',
      owner: 'demo',
      definitionFile: 'statemachines/demo-checkout.asl.json',
      taskHandlers: {
        ReserveFunctionArn: 'functions/demo/handlers/reserve.handler',
        ChargeFunctionArn: 'functions/demo-payments/handlers/charge.handler',
      },
      envVar: 'DEMO_CHECKOUT_STATE_MACHINE_ARN',
      taskUses: {
        ReserveFunctionArn: { tables: { orders: 'readWrite' }, publishesEvents: true },
        ChargeFunctionArn: { tables: { orders: 'read' }, secrets: ['stripe'] },
      },
    },
  ],
};
const [demoCheckout] = demoManifests.stateMachines as [StateMachineDefinition];

interface DemoStack {
  app: App;
  stack: Stack;
  platform: Platform;
  auth: ApiAuth;
  tables: { orders: Table; users: Table };
  secrets: { stripe: SecretSet };
}

function demoStack(stage: StageSettings = stageSettings('test', { rootDir: FIXTURES })): DemoStack {
  const app = new App(testAppProps());
  const stack = new Stack(app, 'Demo');
  const api = new HttpApi(stack, 'Api');
  const platform: Platform = { stage, api, bus: new EventBus(stack, 'Bus'), tables: {} };
  const auth: ApiAuth = {
    authorizer: new HttpJwtAuthorizer('Jwt', 'https://issuer.example', { jwtAudience: ['client'] }),
    issuer: 'https://issuer.example',
    jwksUri: 'https://issuer.example/.well-known/jwks.json',
    clientId: 'client',
    userPoolId: 'pool',
  };
  const tables = {
    orders: manifestTable(stack, ordersTable, stage),
    users: manifestTable(stack, usersTable, stage),
  };
  const secrets = {
    stripe: {
      STRIPE_SECRET_ARN: new Secret(stack, 'StripeApiKey'),
      STRIPE_WEBHOOK_SECRET_ARN: new Secret(stack, 'StripeWebhookSecret'),
    },
  };
  return { app, stack, platform, auth, tables, secrets };
}

/** `demo-payments` first (its saga step), then `demo`, which hosts the saga, as the stack orders them. */
function wireDemo(overrides: Partial<Manifests> = {}, options: { handOverSteps?: boolean } = {}) {
  const demo = demoStack();
  const manifests = { ...demoManifests, ...overrides };
  const payments = wireService(demo.stack, {
    service: 'demo-payments',
    platform: demo.platform,
    auth: demo.auth,
    tables: demo.tables,
    secrets: demo.secrets,
    manifests,
  });
  const wired = wireService(demo.stack, {
    service: 'demo',
    platform: demo.platform,
    auth: demo.auth,
    tables: demo.tables,
    taskFunctions: options.handOverSteps === false ? {} : payments.tasks,
    manifests,
  });
  return { ...demo, wired, payments };
}

const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } }) =>
  stack.resolve(stack.getLogicalId(construct.node.defaultChild as CfnTable)) as string;

describe('wiring a synthetic service with one entry of every manifest kind', () => {
  let stack: Stack;
  let wired: WiredService;
  let payments: WiredService;
  let template: Template;
  let index: TemplateIndex;
  let tables: DemoStack['tables'];
  let secrets: DemoStack['secrets'];

  beforeAll(() => {
    ({ stack, wired, payments, tables, secrets } = wireDemo());
    template = Template.fromStack(stack);
    index = new TemplateIndex(template);
  });

  const fnId = (fn: { node: { defaultChild?: unknown } }) => logicalId(stack, fn);
  const ordersId = () => logicalId(stack, tables.orders);

  it('creates one function per route, rule, stream, schedule and distinct task handler, in the handler’s service', () => {
    expect(Object.keys(wired.routes)).toEqual(['PlaceOrder']);
    expect(Object.keys(wired.rules)).toEqual(['demo-on-order-paid']);
    expect(Object.keys(wired.streams)).toEqual(['demo-orders-changes']);
    expect(Object.keys(wired.schedules)).toEqual(['demo-reconciler']);
    expect(Object.keys(wired.tasks)).toEqual(['demo-checkout.ReserveFunctionArn']);
    expect(Object.keys(payments.tasks)).toEqual(['demo-checkout.ChargeFunctionArn']);
    expect(Object.keys(payments.stateMachines)).toEqual([]);
    expect(Object.keys(wired.stateMachines)).toEqual(['demo-checkout']);
    template.resourceCountIs('AWS::Lambda::Function', 6);
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
    });
  });

  it('turns a rule into an EventBridge rule on the bus, its pattern verbatim, with retries and a dead-letter queue', () => {
    const fn = fnId(wired.rules['demo-on-order-paid']!);
    const queue = logicalId(stack, wired.deadLetterQueues['demo-on-order-paid']!);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: Match.stringLikeRegexp('^Bus') },
      EventPattern: demoManifests.rules[0]!.pattern,
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [fn, 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queue, 'Arn'] } },
          RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 21600 },
        }),
      ],
    });
    // A handler that throws is retried by Lambda, then parked in the same queue.
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fn },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
  });

  it('turns a stream entry into a DynamoDB event source mapping with batch failures, bisection and an on-failure queue', () => {
    const queue = logicalId(stack, wired.deadLetterQueues['demo-orders-changes']!);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fnId(wired.streams['demo-orders-changes']!) },
      EventSourceArn: { 'Fn::GetAtt': [ordersId(), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 25,
      MaximumRetryAttempts: 4,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT', 'MODIFY'] }) }] },
    });
  });

  it('turns a schedule into an EventBridge Scheduler rate invoking the handler, with a dead-letter queue', () => {
    const queue = logicalId(stack, wired.deadLetterQueues['demo-reconciler']!);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [fnId(wired.schedules['demo-reconciler']!), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queue, 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
      }),
    });
  });

  it('builds a Standard state machine from the ASL file, each placeholder bound to its task function', () => {
    const reserve = fnId(wired.tasks['demo-checkout.ReserveFunctionArn']!);
    const charge = fnId(payments.tasks['demo-checkout.ChargeFunctionArn']!);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      DefinitionString: Match.stringLikeRegexp('\\$\\{ReserveFunctionArn\\}'),
      DefinitionSubstitutions: {
        ReserveFunctionArn: { 'Fn::GetAtt': [reserve, 'Arn'] },
        ChargeFunctionArn: { 'Fn::GetAtt': [charge, 'Arn'] },
      },
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
    });
    const machine = wired.stateMachines['demo-checkout']!;
    const roleId = logicalId(stack, machine.role);
    const invokes = index
      .ofType('AWS::IAM::Policy')
      .filter(([, props]) => JSON.stringify(props.Roles).includes(roleId))
      .flatMap(([, props]) => (props.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((statement) => actionsOf(statement).includes('lambda:InvokeFunction'))
      .flatMap((statement) => [...referencedIds(statement.Resource)]);
    expect(new Set(invokes)).toEqual(new Set([reserve, charge]));
  });

  it('grants each step exactly its taskUses, in its own service, with no route settings', () => {
    const reserve = fnId(wired.tasks['demo-checkout.ReserveFunctionArn']!);
    const charge = fnId(payments.tasks['demo-checkout.ChargeFunctionArn']!);
    const secretIds = [secrets.stripe.STRIPE_SECRET_ARN!, secrets.stripe.STRIPE_WEBHOOK_SECRET_ARN!].map(
      (secret) => logicalId(stack, secret),
    );
    const readsSecrets = (fn: string) =>
      index
        .functionStatements(fn)
        .filter((statement) => actionsOf(statement).includes('secretsmanager:GetSecretValue'))
        .flatMap((statement) => [...referencedIds(statement.Resource)])
        .sort();

    expect(Object.fromEntries(dynamoAccess(index.functionStatements(reserve)))).toEqual({
      [ordersId()]: 'readWrite',
    });
    expect(index.functionStatements(reserve).flatMap(actionsOf)).toContain('events:PutEvents');
    expect(readsSecrets(reserve)).toEqual([]);

    expect(Object.fromEntries(dynamoAccess(index.functionStatements(charge)))).toEqual({
      [ordersId()]: 'read',
    });
    expect(index.functionStatements(charge).flatMap(actionsOf)).not.toContain('events:PutEvents');
    expect(readsSecrets(charge)).toEqual([...secretIds].sort());
    expect(index.environment(charge)).toMatchObject({
      ORDERS_TABLE_NAME: { Ref: ordersId() },
      STRIPE_SECRET_ARN: { Ref: secretIds[0] },
      STRIPE_WEBHOOK_SECRET_ARN: { Ref: secretIds[1] },
      POWERTOOLS_SERVICE_NAME: 'demo-payments',
    });
    for (const fn of [reserve, charge]) {
      expect(index.environment(fn)).not.toHaveProperty('USERS_TABLE_NAME');
      expect(index.environment(fn)).not.toHaveProperty('AUTH_ISSUER');
    }
  });

  it('lets a step run as long as the longest state calling it allows (30 s when none says)', () => {
    expect(index.props(fnId(payments.tasks['demo-checkout.ChargeFunctionArn']!)).Timeout).toBe(45);
    expect(index.props(fnId(wired.tasks['demo-checkout.ReserveFunctionArn']!)).Timeout).toBe(30);
  });

  it('lets a scheduled job run until the next run is due', () => {
    expect(index.props(fnId(wired.schedules['demo-reconciler']!)).Timeout).toBe(300);
  });

  it('grants what an entry uses: the state machine it starts, its tables, the bus; and names them in its environment', () => {
    const fn = fnId(wired.routes.PlaceOrder!);
    const machine = logicalId(stack, wired.stateMachines['demo-checkout']!);
    const statements = index.functionStatements(fn);
    const actionsOn = (id: string) =>
      statements.filter((statement) => referencedIds(statement.Resource).has(id)).flatMap(actionsOf);

    expect(actionsOn(machine)).toEqual(
      expect.arrayContaining(['states:StartExecution', 'states:DescribeExecution', 'states:StopExecution']),
    );
    expect(actionsOn(ordersId())).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query']));
    expect(actionsOn(logicalId(stack, tables.users))).toEqual(expect.arrayContaining(['dynamodb:GetItem']));
    expect(actionsOn(logicalId(stack, tables.users))).not.toContain('dynamodb:PutItem');
    expect(statements.flatMap(actionsOf)).toContain('events:PutEvents');
    expect(index.environment(fn)).toMatchObject({
      ORDERS_TABLE_NAME: { Ref: ordersId() },
      USERS_TABLE_NAME: { Ref: logicalId(stack, tables.users) },
      DEMO_CHECKOUT_STATE_MACHINE_ARN: { Ref: machine },
      EVENT_BUS_NAME: { Ref: expect.stringMatching(/^Bus/) },
      POWERTOOLS_SERVICE_NAME: 'demo',
    });
  });

  it('gives a job only its own uses: no users table, no bus unless it publishes', () => {
    const reconciler = fnId(wired.schedules['demo-reconciler']!);
    const ruleFn = fnId(wired.rules['demo-on-order-paid']!);
    for (const fn of [reconciler, ruleFn]) {
      const actions = index.functionStatements(fn).flatMap(actionsOf);
      expect(actions).not.toContain('events:PutEvents');
      expect(index.environment(fn)).not.toHaveProperty('USERS_TABLE_NAME');
    }
    expect(index.environment(reconciler)).toHaveProperty('DEMO_CHECKOUT_STATE_MACHINE_ARN');
  });

  it('creates the table with numeric keys, an INCLUDE projection, a stream and TTL as declared', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'version', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([{ AttributeName: 'version', AttributeType: 'N' }]),
      GlobalSecondaryIndexes: [
        {
          IndexName: 'ByUser',
          KeySchema: [
            { AttributeName: 'user_id', KeyType: 'HASH' },
            { AttributeName: 'ordered_at', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['status', 'total_cents'] },
        },
      ],
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
    });
  });

  it('passes cdk-nag once the platform wildcards are acknowledged', () => {
    const { app, stack: checked } = wireDemo();
    Aspects.of(app).add(new AcknowledgeScopedWildcards());
    Template.fromStack(checked);
    const findings = new AwsSolutionsChecks()
      .validateScope(checked)
      .violations.filter(
        (violation) =>
          !['AwsSolutions-APIG1', 'AwsSolutions-APIG4', 'AwsSolutions-SMG4'].includes(violation.ruleName),
      )
      .map((violation) => violation.ruleName);
    // The bare test API has no access logs and a demo authorizer, and the stand-in secrets no
    // rotation note: the real stack covers those.
    expect(findings).toEqual([]);
  });
});

describe('wildcard acknowledgements', () => {
  it('never cover a wildcard the platform does not explain', () => {
    const { app, stack, wired } = wireDemo();
    wired.routes.PlaceOrder!.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }),
    );
    Aspects.of(app).add(new AcknowledgeScopedWildcards());
    Template.fromStack(stack);
    const iam5 = new AwsSolutionsChecks()
      .validateScope(stack)
      .violations.filter((violation) => violation.ruleName.startsWith('AwsSolutions-IAM5'));
    expect(iam5.map((violation) => violation.ruleName)).toEqual(['AwsSolutions-IAM5[Resource::*]']);
  });

  const iam5Of = (stack: Stack) =>
    new AwsSolutionsChecks()
      .validateScope(stack)
      .violations.filter((violation) => violation.ruleName.startsWith('AwsSolutions-IAM5'))
      .map((violation) => violation.ruleName)
      .sort();

  it('explain the wildcard actions of a read-write grant on one bucket', () => {
    const { app, stack, wired } = wireDemo();
    new Bucket(stack, 'Images').grantReadWrite(wired.routes.PlaceOrder!);
    Aspects.of(app).add(new AcknowledgeScopedWildcards());
    Template.fromStack(stack);
    expect(iam5Of(stack)).toEqual([]);
  });

  it('leave the same wildcard actions unexplained across two buckets, or on any resource', () => {
    const { app, stack, wired } = wireDemo();
    const [one, other] = [new Bucket(stack, 'One'), new Bucket(stack, 'Other')];
    wired.routes.PlaceOrder!.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject*'],
        resources: [one.bucketArn, other.arnForObjects('*')],
      }),
    );
    wired.rules['demo-on-order-paid']!.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:List*'], resources: ['arn:aws:s3:::somebody-elses-bucket'] }),
    );
    Aspects.of(app).add(new AcknowledgeScopedWildcards());
    Template.fromStack(stack);
    expect(iam5Of(stack)).toEqual([
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
    ]);
  });
});

describe('what else an entry may use', () => {
  const [rule] = demoManifests.rules as [EventRuleDefinition];
  /** A route that starts no state machine, so a service can be wired without the saga. */
  const plainRoute: RouteDefinition = { ...placeOrder, uses: { tables: { orders: 'read' } } };

  it('puts a rule on the account’s default bus when it names that bus, and every other on the platform’s', () => {
    const { stack } = wireDemo({
      rules: [
        rule,
        { ...rule, id: 'demo-on-upload', bus: 'default', pattern: { source: ['aws.s3'] } },
        { ...rule, id: 'demo-on-upload-too', bus: 'default', pattern: { source: ['aws.s3'] } },
      ],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: Match.stringLikeRegexp('^Bus') },
      EventPattern: rule.pattern,
    });
    const onDefault = template.findResources('AWS::Events::Rule', {
      Properties: { EventBusName: 'default', EventPattern: { source: ['aws.s3'] } },
    });
    expect(Object.keys(onDefault)).toHaveLength(2);
  });

  it('rejects a bus Bazaar does not have', () => {
    const strange = { ...rule, bus: 'partners' } as unknown as EventRuleDefinition;
    expect(() => wireDemo({ rules: [strange] })).toThrow(/names the bus partners/);
  });

  it('lets exactly the routes of a feature read the feature switches, and refuses one without them', () => {
    const demo = demoStack();
    const readers: ServiceFunction[] = [];
    const featureFlags: FeatureFlagsAccess = { grantReadFlags: (fn) => readers.push(fn) };
    const manifests = {
      ...demoManifests,
      stateMachines: [],
      schedules: [],
      routes: [plainRoute, { ...plainRoute, id: 'Review', feature: 'reviews' as const }],
    };
    const wired = wireService(demo.stack, {
      service: 'demo',
      platform: { ...demo.platform, featureFlags },
      auth: demo.auth,
      tables: demo.tables,
      manifests,
    });
    expect(readers).toEqual([wired.routes.Review]);
    expect(() =>
      wireService(demoStack().stack, {
        service: 'demo',
        platform: demo.platform,
        auth: demo.auth,
        tables: demo.tables,
        manifests,
      }),
    ).toThrow(/Route Review belongs to the feature reviews, but the platform has no feature flags/);
  });

  const email: EmailSending = {
    from: 'no-reply@shop.example',
    identityArns: [
      'arn:aws:ses:eu-west-1:123456789012:identity/shop.example',
      'arn:aws:ses:eu-west-1:123456789012:identity/no-reply@shop.example',
    ],
  };
  const mailingRules = { ...demoManifests, stateMachines: [], schedules: [], streams: [], routes: [] };

  it('lets a function that sends e-mail call ses:SendEmail as the given identities only, and tells it how', () => {
    const demo = demoStack();
    const wired = wireService(demo.stack, {
      service: 'demo',
      platform: demo.platform,
      auth: demo.auth,
      tables: demo.tables,
      email,
      manifests: {
        ...mailingRules,
        rules: [
          { ...rule, uses: { email: true } },
          { ...rule, id: 'demo-quiet', uses: {} },
        ],
      },
    });
    const index = new TemplateIndex(Template.fromStack(demo.stack));
    const sesStatements = (fn: ServiceFunction) =>
      index
        .functionStatements(logicalId(demo.stack, fn))
        .filter((statement) => actionsOf(statement).some((action) => action.startsWith('ses:')));
    expect(sesStatements(wired.rules['demo-on-order-paid']!)).toEqual([
      { Effect: 'Allow', Action: 'ses:SendEmail', Resource: [...email.identityArns].sort() },
    ]);
    expect(index.environment(logicalId(demo.stack, wired.rules['demo-on-order-paid']!))).toMatchObject({
      EMAIL_DELIVERY: 'ses',
      EMAIL_FROM: 'no-reply@shop.example',
    });
    expect(sesStatements(wired.rules['demo-quiet']!)).toEqual([]);
    expect(index.environment(logicalId(demo.stack, wired.rules['demo-quiet']!))).not.toHaveProperty(
      'EMAIL_FROM',
    );
  });

  it('refuses an entry that sends e-mail when the service was given no SES settings', () => {
    expect(() => wireDemo({ rules: [{ ...rule, uses: { email: true } }] })).toThrow(
      /Rule demo-on-order-paid sends e-mail, but demo was not given SES settings/,
    );
  });

  it('gives every function of a service the settings its deps read, and a job that reads users the identity settings', () => {
    const demo = demoStack();
    const wired = wireService(demo.stack, {
      service: 'demo',
      platform: demo.platform,
      auth: demo.auth,
      tables: demo.tables,
      environment: { IMAGES_BASE_URL: 'https://images.shop.example' },
      manifests: {
        ...mailingRules,
        routes: [plainRoute],
        rules: [
          { ...rule, uses: { tables: { users: 'read' } } },
          { ...rule, id: 'demo-other', uses: {} },
        ],
      },
    });
    const index = new TemplateIndex(Template.fromStack(demo.stack));
    const environment = (fn: ServiceFunction) => index.environment(logicalId(demo.stack, fn));
    for (const fn of [
      wired.routes.PlaceOrder!,
      wired.rules['demo-on-order-paid']!,
      wired.rules['demo-other']!,
    ]) {
      expect(environment(fn).IMAGES_BASE_URL).toBe('https://images.shop.example');
    }
    expect(environment(wired.rules['demo-on-order-paid']!)).toMatchObject({
      IDENTITY_PROVIDER: 'cognito',
      COGNITO_USER_POOL_ID: 'pool',
      AUTH_CLIENT_ID: 'client',
    });
    // Token verification is the HTTP middleware's, so only routes are told the issuer.
    expect(environment(wired.rules['demo-on-order-paid']!)).not.toHaveProperty('AUTH_ISSUER');
    expect(environment(wired.rules['demo-other']!)).not.toHaveProperty('COGNITO_USER_POOL_ID');
    expect(environment(wired.routes.PlaceOrder!)).toMatchObject({
      COGNITO_USER_POOL_ID: 'pool',
      AUTH_ISSUER: 'https://issuer.example',
    });
  });

  it('merges e-mail into the uses of steps sharing one handler', () => {
    expect(mergeUses([{ tables: { orders: 'read' } }, { email: true }])).toEqual({
      tables: { orders: 'read' },
      email: true,
    });
  });
});

describe('wiring refuses manifests it cannot honour', () => {
  it('rejects an event pattern field EventBridge does not have', () => {
    const [rule] = demoManifests.rules;
    expect(() => wireDemo({ rules: [{ ...rule!, pattern: { detailType: ['OrderPaid'] } }] })).toThrow(
      /"detailType" is not an EventBridge event field/,
    );
  });

  it('rejects a schedule that is not a whole number of minutes', () => {
    const [schedule] = demoManifests.schedules;
    expect(() => wireDemo({ schedules: [{ ...schedule!, everySeconds: 90 }] })).toThrow(/whole minutes/);
  });

  it('rejects a stream on a table that declares none', () => {
    const [stream] = demoManifests.streams;
    expect(() => wireDemo({ streams: [{ ...stream!, table: 'users' }] })).toThrow(/declares no stream/);
  });

  it('rejects a route using a table the service was not given', () => {
    expect(() => wireDemo({ routes: [{ ...placeOrder, uses: { tables: { payments: 'read' } } }] })).toThrow(
      /uses table payments, but demo was not given it/,
    );
  });

  it('rejects a route that would outlive the HTTP API integration timeout', () => {
    expect(() => wireDemo({ routes: [{ ...placeOrder, timeoutSeconds: 45 }] })).toThrow(/at most 29/);
  });

  it('rejects task handlers that do not match the placeholders of the ASL', () => {
    expect(() =>
      wireDemo({
        stateMachines: [
          {
            ...demoCheckout,
            taskHandlers: { ReserveFunctionArn: 'functions/demo/handlers/reserve.handler' },
          },
        ],
      }),
    ).toThrow(/no handler for ChargeFunctionArn/);
  });

  it('rejects a step without taskUses, rather than guess what it may touch', () => {
    const { ChargeFunctionArn: _, ...withoutCharge } = demoCheckout.taskUses;
    expect(() => wireDemo({ stateMachines: [{ ...demoCheckout, taskUses: withoutCharge }] })).toThrow(
      /declares no taskUses for ChargeFunctionArn/,
    );
  });

  it('rejects hosting a state machine whose steps in other services were not handed over', () => {
    expect(() => wireDemo({}, { handOverSteps: false })).toThrow(
      /needs the function of its step ChargeFunctionArn \(functions\/demo-payments\/handlers\/charge.handler\): hand demo the tasks of demo-payments/,
    );
  });

  it('rejects a secret id whose secrets were not all given', () => {
    const demo = demoStack();
    expect(() =>
      wireService(demo.stack, {
        service: 'demo-payments',
        platform: demo.platform,
        auth: demo.auth,
        tables: demo.tables,
        secrets: { stripe: { STRIPE_SECRET_ARN: demo.secrets.stripe.STRIPE_SECRET_ARN! } },
        manifests: demoManifests,
      }),
    ).toThrow(
      /uses the stripe secrets, but demo-payments was not given the one for STRIPE_WEBHOOK_SECRET_ARN/,
    );
  });

  it('rejects a search use when the service was given no search index', () => {
    expect(() => wireDemo({ routes: [{ ...placeOrder, uses: { search: true } }] })).toThrow(
      /Route PlaceOrder uses the search index, which demo was not given/,
    );
  });

  it('rejects a handler file that does not exist', () => {
    expect(() =>
      wireDemo({ routes: [{ ...placeOrder, handler: 'functions/demo/handlers/missing.handler' }] }),
    ).toThrow(/does not exist/);
  });
});

describe('the search index', () => {
  it('is handed exactly the functions whose uses say search, to let in', () => {
    const demo = demoStack();
    const admitted: ServiceFunction[] = [];
    const searchIndex: SearchIndexAccess = { grantIndexAccess: (fn) => admitted.push(fn) };
    const wired = wireService(demo.stack, {
      service: 'demo',
      platform: demo.platform,
      auth: demo.auth,
      tables: demo.tables,
      searchIndex,
      manifests: {
        ...demoManifests,
        stateMachines: [],
        schedules: [],
        routes: [
          { ...placeOrder, uses: { tables: { orders: 'readWrite' } } },
          { ...placeOrder, id: 'Browse', method: 'GET', uses: { search: true } },
        ],
        rules: [{ ...demoManifests.rules[0]!, uses: { search: true } }],
      },
    });
    expect(admitted).toEqual([wired.routes.Browse, wired.rules['demo-on-order-paid']]);
  });

  it('is merged into the uses of steps sharing one handler', () => {
    expect(mergeUses([{ tables: { orders: 'read' } }, { search: true }])).toEqual({
      tables: { orders: 'read' },
      search: true,
    });
  });
});

describe('the completeness check', () => {
  it('counts tables and entries a service built in a nested stack towards the top-level stack', () => {
    const app = new App(testAppProps());
    const root = new Stack(app, 'Root');
    const stage = stageSettings('test', { rootDir: FIXTURES });
    const platform: Platform = {
      stage,
      api: new HttpApi(root, 'Api'),
      bus: new EventBus(root, 'Bus'),
      tables: {},
    };
    const auth: ApiAuth = {
      authorizer: new HttpJwtAuthorizer('Jwt', 'https://issuer.example', { jwtAudience: ['client'] }),
      issuer: 'https://issuer.example',
      jwksUri: 'https://issuer.example/.well-known/jwks.json',
      clientId: 'client',
      userPoolId: 'pool',
    };
    const nested = new NestedStack(root, 'DemoStack');
    const tables = {
      orders: manifestTable(nested, ordersTable, stage),
      users: manifestTable(nested, usersTable, stage),
    };
    const manifests: Manifests = {
      ...demoManifests,
      stateMachines: [],
      schedules: [],
      routes: [{ ...placeOrder, uses: { tables: { orders: 'readWrite' } } }],
    };
    expect(unwiredManifestEntries(root, manifests)).toHaveLength(3);
    wireService(nested, { service: 'demo', platform, auth, tables, manifests });
    expect(unwiredManifestEntries(root, manifests)).toEqual([]);
    expect(unwiredManifestEntries(nested, manifests)).toEqual([]);
  });

  it('finds nothing missing once a service construct wired all of its entries', () => {
    const { stack } = wireDemo();
    expect(unwiredManifestEntries(stack, demoManifests)).toEqual([]);
  });

  it('names a state machine whose owner has no construct, though its other steps are built', () => {
    const demo = demoStack();
    wireService(demo.stack, {
      service: 'demo-payments',
      platform: demo.platform,
      auth: demo.auth,
      tables: demo.tables,
      secrets: demo.secrets,
      manifests: demoManifests,
    });
    const sagaOnly: Manifests = { ...demoManifests, routes: [], rules: [], streams: [], schedules: [] };
    expect(unwiredManifestEntries(demo.stack, sagaOnly)).toEqual([
      'The state machine task demo-checkout.ReserveFunctionArn (functions/demo/handlers/reserve.handler) is not wired: give its service a construct that calls wireService',
      'The state machine demo-checkout (statemachines/demo-checkout.asl.json, hosted by demo) is not wired: give its owner a construct that calls wireService, handed the other services’ tasks',
    ]);
  });

  it('names every table and entry whose service has no construct yet', () => {
    const { stack } = wireDemo();
    const withPayments: Manifests = {
      ...demoManifests,
      tables: [
        ...demoManifests.tables,
        { ...usersTable, id: 'payments', envVar: 'PAYMENTS_TABLE_NAME', owner: 'payments' },
      ],
      rules: [
        ...demoManifests.rules,
        {
          ...demoManifests.rules[0]!,
          id: 'refund-on-cancel',
          handler: 'functions/payments/handlers/refund.handler',
        },
      ],
    };
    expect(unwiredManifestEntries(stack, withPayments)).toEqual([
      'The table payments is not created: give payments a construct that calls serviceTables',
      'The rule refund-on-cancel (functions/payments/handlers/refund.handler) is not wired: give its service a construct that calls wireService',
    ]);
  });
});

describe('stage settings', () => {
  it('keeps production tables and protects them from deletion; other stages are disposable', () => {
    const prod = demoStack(stageSettings('prod', { rootDir: FIXTURES }));
    const dev = demoStack();
    const prodTable = Template.fromStack(prod.stack).toJSON().Resources[
      logicalId(prod.stack, prod.tables.orders)
    ];
    const devTable = Template.fromStack(dev.stack).toJSON().Resources[
      logicalId(dev.stack, dev.tables.orders)
    ];
    expect(prodTable).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { DeletionProtectionEnabled: true },
    });
    expect(devTable).toMatchObject({ DeletionPolicy: 'Delete' });
    expect(devTable.Properties.DeletionProtectionEnabled).not.toBe(true);
  });

  it('refuses a stage name that cannot be part of resource names', () => {
    expect(() => stageSettings('Prod_EU')).toThrow(/lower-case/);
  });
});

describe('state machine step helpers', () => {
  it('merges the uses of steps sharing one handler, writes winning over reads', () => {
    expect(
      mergeUses([
        { tables: { orders: 'read', payments: 'readWrite' }, secrets: ['stripe'] },
        { tables: { orders: 'readWrite', payments: 'read' }, publishesEvents: true, secrets: ['stripe'] },
        {},
      ]),
    ).toEqual({
      tables: { orders: 'readWrite', payments: 'readWrite' },
      publishesEvents: true,
      secrets: ['stripe'],
    });
  });

  it('grants one function serving two steps the union of their taskUses', () => {
    const shared = 'functions/demo-payments/handlers/charge.handler' as const;
    const { stack, payments } = wireDemo({
      stateMachines: [
        {
          ...demoCheckout,
          taskHandlers: { ReserveFunctionArn: shared, ChargeFunctionArn: shared },
        },
      ],
    });
    const fn = payments.tasks['demo-checkout.ReserveFunctionArn']!;
    expect(payments.tasks['demo-checkout.ChargeFunctionArn']).toBe(fn);
    const index = new TemplateIndex(Template.fromStack(stack));
    const statements = index.functionStatements(logicalId(stack, fn));
    expect([...dynamoAccess(statements).values()]).toEqual(['readWrite']);
    expect(statements.flatMap(actionsOf)).toEqual(
      expect.arrayContaining(['events:PutEvents', 'secretsmanager:GetSecretValue']),
    );
  });

  it('reads a step’s timeout from every Task state calling it, nested ones included', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an ASL placeholder, not a template
    const step = '${Step}';
    const asl = JSON.stringify({
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: step, TimeoutSeconds: 10, Next: 'B' },
        B: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'C',
            States: {
              C: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: { FunctionName: step },
                TimeoutSeconds: 40,
                End: true,
              },
            },
          },
          End: true,
        },
      },
    });
    expect(taskTimeoutSeconds(asl, 'Step')).toBe(40);
    expect(taskTimeoutSeconds(asl, 'Other')).toBeUndefined();
  });
});
