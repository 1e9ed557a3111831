import type { ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { platformManifests, type SecretSet, type WiredService, wireService } from './manifest-wiring';
import { acknowledge } from './nag';
import type { ApiAuth, Platform, StageSettings } from './platform';
import { requireTable, serviceTables } from './tables';

export interface OrdersTablesProps {
  readonly stage: StageSettings;
}

/**
 * The orders service's tables: orders (by user, and the sparse pending index the reconciler
 * reads) and the idempotency records of checkout's `Idempotency-Key`. They stand apart from
 * the Orders construct because orders and payments use each other's data — payments charges
 * and settles orders, orders' checkout and reconciler read payments — so the orders tables
 * exist before payments, and orders' functions after it.
 */
export class OrdersTables extends Construct {
  public readonly ordersTable: Table;
  public readonly idempotencyTable: Table;

  constructor(scope: Construct, id: string, props: OrdersTablesProps) {
    super(scope, id);
    const tables = serviceTables(this, 'orders', props.stage);
    this.ordersTable = requireTable(tables, 'orders', 'orders');
    this.idempotencyTable = requireTable(tables, 'idempotency', 'orders');
  }
}

export interface OrdersProps {
  readonly platform: Platform;
  readonly auth: ApiAuth;
  readonly tables: OrdersTables;
  /** Read by the auth middleware, and by checkout for the delivery address (identity's lookup). */
  readonly usersTable: ITable;
  /** Checkout reads the buyer's cart through cart's exported lookup. */
  readonly cartsTable: ITable;
  /** Checkout snapshots prices through catalog's exported lookup. */
  readonly productsTable: ITable;
  /** The reconciler confirms or releases a stuck order's stock through inventory's functions. */
  readonly inventoryTable: ITable;
  /** Checkout reads the chosen payment method; the reconciler settles the charge. */
  readonly paymentsTable: ITable;
  /** The reconciler asks Stripe about an order's stored PaymentIntent. */
  readonly stripeSecrets: SecretSet;
  /**
   * The steps of the checkout saga that other services handle, by `Checkout.<Placeholder>`:
   * inventory's and payments' `functions.tasks`.
   */
  readonly checkoutSteps: Readonly<Record<string, IFunction>>;
}

/**
 * Orders: the order routes (checkout answers 202 and starts the saga), the checkout saga
 * itself — a Standard Step Functions workflow that reserves, charges, confirms and marks paid,
 * compensating on the way back — with orders' own steps (mark paid, mark failed), the
 * scheduled reconciler that settles any order left pending, and fulfilment: cancellations,
 * shipping, delivery (by sellers, or by the carrier's signed webhook) and returns.
 */
export class Orders extends Construct {
  public readonly ordersTable: Table;
  public readonly idempotencyTable: Table;
  /** The checkout saga (statemachines/checkout.asl.json). */
  public readonly checkout: StateMachine;
  /** The key the carrier signs its webhook calls with (`X-Carrier-Signature`). */
  public readonly carrierWebhookSecret: Secret;
  /** Where the carrier reports deliveries: the path of the CarrierWebhook route. */
  public readonly carrierWebhookPath: string;
  public readonly functions: WiredService;

  constructor(scope: Construct, id: string, props: OrdersProps) {
    super(scope, id);
    const { stage } = props.platform;
    this.ordersTable = props.tables.ordersTable;
    this.idempotencyTable = props.tables.idempotencyTable;

    const webhook = platformManifests.routes.find((route) => route.id === 'CarrierWebhook');
    if (!webhook) throw new Error('The orders routes manifest must keep the CarrierWebhook route');
    this.carrierWebhookPath = webhook.path;
    // Created holding a random value that the carrier cannot know, so no call verifies until
    // operators put the key agreed with the carrier (or hand the carrier this one):
    //   aws secretsmanager put-secret-value --secret-id <CarrierWebhookSecretArn output> --secret-string …
    // A warm function keeps the key it read for five minutes (shared/secrets.ts).
    this.carrierWebhookSecret = new Secret(this, 'CarrierWebhookSecret', {
      description: `Bazaar ${stage.name}: signing key of the carrier webhook ${webhook.method} ${webhook.path}; set by operators after deploy`,
      removalPolicy: stage.removalPolicy,
    });
    acknowledge(this.carrierWebhookSecret.node.defaultChild!, {
      id: 'AwsSolutions-SMG4',
      reason:
        'The carrier webhook key is agreed with the carrier and rolled together with it by operators; Secrets Manager has no rotation function for it',
    });

    this.functions = wireService(this, {
      service: 'orders',
      platform: props.platform,
      auth: props.auth,
      tables: {
        orders: this.ordersTable,
        idempotency: this.idempotencyTable,
        users: props.usersTable,
        carts: props.cartsTable,
        products: props.productsTable,
        inventory: props.inventoryTable,
        payments: props.paymentsTable,
      },
      secrets: {
        stripe: props.stripeSecrets,
        carrier: { CARRIER_WEBHOOK_SECRET_ARN: this.carrierWebhookSecret },
      },
      taskFunctions: props.checkoutSteps,
    });
    const checkout = this.functions.stateMachines.Checkout;
    if (!checkout) throw new Error('The state machines manifest must keep Checkout, owned by orders');
    this.checkout = checkout;
  }
}
