import type { ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { platformManifests, type SecretSet, type WiredService, wireService } from './manifest-wiring';
import { acknowledge } from './nag';
import type { ApiAuth, Platform } from './platform';
import { requireTable, serviceTables } from './tables';

export interface PaymentsProps {
  readonly platform: Platform;
  readonly auth: ApiAuth;
  /** Read by the auth middleware of every signed-in payments route. */
  readonly usersTable: ITable;
  /**
   * The charge step reads what to charge through orders' exported lookup, and the Stripe
   * webhook finishes a pending order through orders' settlement.
   */
  readonly ordersTable: ITable;
  /** Settling an order from the webhook confirms or releases its stock through inventory. */
  readonly inventoryTable: ITable;
  /** The webhook settles an order; a failed one releases its claim on the buyer's cart. */
  readonly cartsTable: ITable;
}

/**
 * Money: the payments table (payment methods, charges, wallets and their ledger), the Stripe
 * credentials, the payment routes (the Stripe webhook among them, public and verified by its
 * signature) and payments' steps of the checkout saga (charge, refund), which the orders
 * construct binds into the state machine it hosts.
 */
export class Payments extends Construct {
  public readonly paymentsTable: Table;
  /** Stripe's secret API key (`sk_live_…` / `sk_test_…`). */
  public readonly stripeApiKey: Secret;
  /** The signing secret (`whsec_…`) of the Stripe webhook endpoint that calls this API. */
  public readonly stripeWebhookSecret: Secret;
  /** Both Stripe secrets, as the wiring hands them to every function whose `uses` lists `stripe`. */
  public readonly stripeSecrets: SecretSet;
  /** Where Stripe sends its events: the path of the StripeWebhook route. */
  public readonly stripeWebhookPath: string;
  public readonly functions: WiredService;

  constructor(scope: Construct, id: string, props: PaymentsProps) {
    super(scope, id);
    const { stage } = props.platform;
    this.paymentsTable = requireTable(serviceTables(this, 'payments', stage), 'payments', 'payments');
    const webhook = platformManifests.routes.find((route) => route.id === 'StripeWebhook');
    if (!webhook) throw new Error('The payments routes manifest must keep the StripeWebhook route');
    this.stripeWebhookPath = webhook.path;

    // No secret value is in the code or the template: each secret is created holding a random
    // placeholder (which Stripe refuses, so nothing can be charged by mistake), and operators
    // put the real value after the first deploy, e.g.
    //   aws secretsmanager put-secret-value --secret-id <StripeApiKeySecretArn output> --secret-string sk_live_…
    //   aws secretsmanager put-secret-value --secret-id <StripeWebhookSecretArn output> --secret-string whsec_…
    // A warm function keeps the API key it read at cold start (the webhook secret, five minutes),
    // so when rolling the key in Stripe, let the old one expire only after containers turned over.
    const stripeSecret = (secretId: string, what: string) => {
      const secret = new Secret(this, secretId, {
        description: `Bazaar ${stage.name}: ${what}; set by operators after deploy`,
        removalPolicy: stage.removalPolicy,
      });
      acknowledge(secret.node.defaultChild!, {
        id: 'AwsSolutions-SMG4',
        reason:
          'Stripe credentials are rolled in the Stripe dashboard, then put here by operators; Secrets Manager has no rotation function for them',
      });
      return secret;
    };
    this.stripeApiKey = stripeSecret('StripeApiKey', 'Stripe secret API key (sk_…)');
    this.stripeWebhookSecret = stripeSecret(
      'StripeWebhookSecret',
      `signing secret (whsec_…) of the Stripe webhook endpoint ${webhook.method} ${webhook.path}`,
    );
    this.stripeSecrets = {
      STRIPE_SECRET_ARN: this.stripeApiKey,
      STRIPE_WEBHOOK_SECRET_ARN: this.stripeWebhookSecret,
    };

    this.functions = wireService(this, {
      service: 'payments',
      platform: props.platform,
      auth: props.auth,
      tables: {
        payments: this.paymentsTable,
        users: props.usersTable,
        orders: props.ordersTable,
        inventory: props.inventoryTable,
        carts: props.cartsTable,
      },
      secrets: { stripe: this.stripeSecrets },
    });
  }
}
