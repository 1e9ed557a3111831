import { Match, type Template } from 'aws-cdk-lib/assertions';
import { DEFAULT_EMAIL_FROM, emailAddressOf } from '../../cdk/constructs/notifications';
import type { BazaarStack } from '../../cdk/lib/bazaar-stack';
import { tableById } from '../../functions/manifest';
import {
  actionsOf,
  logicalIdOf,
  referencedId,
  referencedIds,
  resourcesOf,
  synthBazaar,
  TemplateIndex,
  type WiredFunction,
  wiredFunctions,
} from './support/templates';

let stack: BazaarStack;
let template: Template;
let index: TemplateIndex;
let functions: WiredFunction[];

beforeAll(() => {
  ({ stack, template } = synthBazaar());
  index = new TemplateIndex(template);
  functions = wiredFunctions(stack);
});

const sesIdentity = (identity: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':ses:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      `:identity/${identity}`,
    ],
  ],
});

const sesStatementsOf = (idx: TemplateIndex, fn: WiredFunction) =>
  idx
    .functionStatements(fn.logicalId)
    .filter((statement) => actionsOf(statement).some((action) => action.startsWith('ses:')));

describe('notification e-mail', () => {
  it('is sent only by the functions whose uses say email, with ses:SendEmail scoped to the sender’s identities', () => {
    const senders = functions.filter(({ uses }) => uses.email);
    expect(senders.map(({ entry }) => entry)).toEqual(['rule NotifyOnOrderAndStockEvents']);
    for (const fn of functions) {
      const statements = sesStatementsOf(index, fn);
      if (!fn.uses.email) {
        expect([fn.entry, statements]).toEqual([fn.entry, []]);
        continue;
      }
      expect(statements).toHaveLength(1);
      expect(actionsOf(statements[0]!)).toEqual(['ses:SendEmail']);
      expect(resourcesOf(statements[0]!)).toEqual(
        expect.arrayContaining([sesIdentity('bazaar.example'), sesIdentity('no-reply@bazaar.example')]),
      );
      expect(resourcesOf(statements[0]!)).toHaveLength(2);
    }
  });

  it('tells the sender to deliver through SES, and from which address; nobody else', () => {
    for (const fn of functions) {
      const environment = index.environment(fn.logicalId);
      expect([fn.entry, environment.EMAIL_DELIVERY, environment.EMAIL_FROM]).toEqual(
        fn.uses.email ? [fn.entry, 'ses', DEFAULT_EMAIL_FROM] : [fn.entry, undefined, undefined],
      );
    }
    template.hasOutput('EmailFrom', {
      Value: DEFAULT_EMAIL_FROM,
      Description: Match.stringLikeRegexp('SES'),
    });
  });

  it('lets the notifier look recipients up through identity: the users table and the Cognito settings', () => {
    const notifier = functions.find(({ entry }) => entry === 'rule NotifyOnOrderAndStockEvents')!;
    expect(index.environment(notifier.logicalId)).toMatchObject({
      USERS_TABLE_NAME: { Ref: logicalIdOf(stack.identity.usersTable) },
      NOTIFICATIONS_TABLE_NAME: { Ref: logicalIdOf(stack.notifications.notificationsTable) },
      IDENTITY_PROVIDER: 'cognito',
      COGNITO_USER_POOL_ID: { Ref: logicalIdOf(stack.identity.userPool) },
      AUTH_CLIENT_ID: { Ref: logicalIdOf(stack.identity.userPoolClient) },
    });
  });

  it('is sent from the address the emailFrom context names, scoped to that address and its domain', () => {
    const synthesized = synthBazaar({ emailFrom: 'Bazaar <orders@mail.shop.example>' });
    const other = new TemplateIndex(synthesized.template);
    const notifier = wiredFunctions(synthesized.stack).find(
      ({ entry }) => entry === 'rule NotifyOnOrderAndStockEvents',
    )!;
    expect(other.environment(notifier.logicalId).EMAIL_FROM).toBe('Bazaar <orders@mail.shop.example>');
    expect(resourcesOf(sesStatementsOf(other, notifier)[0]!)).toEqual(
      expect.arrayContaining([sesIdentity('mail.shop.example'), sesIdentity('orders@mail.shop.example')]),
    );
  });

  it('refuses a sender that is not an e-mail address', () => {
    expect(() => emailAddressOf('orders at shop')).toThrow(/not an address/);
    expect(() => emailAddressOf('orders@localhost')).toThrow(/not an address/);
    expect(emailAddressOf('Shop <Orders@Shop.Example>')).toEqual({
      address: 'Orders@Shop.Example',
      domain: 'shop.example',
    });
  });
});

describe('the notifications service', () => {
  it('creates its table and serves its routes signed in, reading and writing only that table', () => {
    const table = tableById('notifications');
    const tableId = logicalIdOf(stack.notifications.notificationsTable);
    expect(index.props(tableId).KeySchema).toEqual([
      { AttributeName: table.partitionKey, KeyType: 'HASH' },
      { AttributeName: table.sortKey, KeyType: 'RANGE' },
    ]);
    for (const key of ['GET /api/v1/notifications', 'POST /api/v1/notifications/{notification_id}/read']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key, AuthorizationType: 'JWT' });
    }
  });

  it('is told of order and stock events on the bazaar bus', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: logicalIdOf(stack.bus) },
      EventPattern: Match.objectLike({
        source: ['bazaar.orders', 'bazaar.inventory'],
        'detail-type': Match.arrayWith(['OrderPaid', 'OrderShipped', 'StockLow']),
      }),
    });
  });
});

describe('the carrier webhook secret', () => {
  let secretId: string;

  beforeAll(() => {
    secretId = logicalIdOf(stack.orders.carrierWebhookSecret);
  });

  it('is a Secrets Manager secret whose value is never in the template, named in the outputs with the webhook URL', () => {
    const secret = index.props(secretId);
    expect(secret.SecretString).toBeUndefined();
    expect(secret.Description).toMatch(/carrier webhook POST \/api\/v1\/fulfilment\/webhooks\/carrier/);
    template.hasOutput('CarrierWebhookSecretArn', { Value: { Ref: secretId } });
    const url = JSON.stringify(template.toJSON().Outputs.CarrierWebhookUrl.Value);
    expect(url).toContain('/api/v1/fulfilment/webhooks/carrier');
    expect(url).not.toContain('//api');
  });

  it('is readable only by the functions whose uses list carrier, which are told its ARN', () => {
    const readers: string[] = [];
    for (const fn of functions) {
      const reads = index
        .functionStatements(fn.logicalId)
        .some(
          (statement) =>
            actionsOf(statement).includes('secretsmanager:GetSecretValue') &&
            referencedIds(statement.Resource).has(secretId),
        );
      const expected = (fn.uses.secrets ?? []).includes('carrier');
      expect([fn.entry, reads]).toEqual([fn.entry, expected]);
      expect([fn.entry, index.environment(fn.logicalId).CARRIER_WEBHOOK_SECRET_ARN]).toEqual([
        fn.entry,
        expected ? { Ref: secretId } : undefined,
      ]);
      if (expected) readers.push(fn.entry);
    }
    expect(readers).toEqual(['route CarrierWebhook']);
    // No other role (the state machine's, say) names the secret.
    const readerRoles = new Set(
      functions
        .filter(({ uses }) => (uses.secrets ?? []).includes('carrier'))
        .map(({ logicalId }) => referencedId(index.props(logicalId).Role)),
    );
    for (const [, props] of index.ofType('AWS::IAM::Policy')) {
      if (!referencedIds(props.PolicyDocument).has(secretId)) continue;
      for (const role of props.Roles as unknown[]) expect(readerRoles.has(referencedId(role))).toBe(true);
    }
  });

  it('guards a public route: the carrier signs its calls, so the route has no JWT authorizer', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'POST /api/v1/fulfilment/webhooks/carrier',
      AuthorizationType: 'NONE',
      AuthorizerId: Match.absent(),
    });
  });
});
