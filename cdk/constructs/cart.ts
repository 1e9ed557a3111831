import type { ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { type WiredService, wireService } from './manifest-wiring';
import type { ApiAuth, Platform } from './platform';
import { requireTable, serviceTables } from './tables';

export interface CartProps {
  readonly platform: Platform;
  readonly auth: ApiAuth;
  /** Read by the auth middleware of signed-in (and optionally signed-in) cart routes. */
  readonly usersTable: ITable;
  /** Prices and titles come through catalog's exported product lookup. */
  readonly productsTable: ITable;
  /** Availability comes through inventory's exported function. */
  readonly inventoryTable: ITable;
}

/** Carts: the carts table (user carts and anonymous, cookie-keyed carts with a TTL) and the cart routes. */
export class Cart extends Construct {
  public readonly cartsTable: Table;
  public readonly functions: WiredService;

  constructor(scope: Construct, id: string, props: CartProps) {
    super(scope, id);
    this.cartsTable = requireTable(serviceTables(this, 'cart', props.platform.stage), 'carts', 'cart');
    this.functions = wireService(this, {
      service: 'cart',
      platform: props.platform,
      auth: props.auth,
      tables: {
        carts: this.cartsTable,
        users: props.usersTable,
        products: props.productsTable,
        inventory: props.inventoryTable,
      },
    });
  }
}
