import type { ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { type WiredService, wireService } from './manifest-wiring';
import type { ApiAuth, Platform } from './platform';
import { requireTable, serviceTables } from './tables';

export interface InventoryProps {
  readonly platform: Platform;
  readonly auth: ApiAuth;
  /** Read by the auth middleware of any inventory route. */
  readonly usersTable: ITable;
}

/**
 * Stock: the inventory table (stock records and reservations), the only place stock moves.
 * Catalog writes a product's first stock record through inventory's exported function, so
 * the table is handed to catalog; inventory's own routes, rules and jobs come from the
 * manifests as they are added.
 */
export class Inventory extends Construct {
  public readonly inventoryTable: Table;
  public readonly functions: WiredService;

  constructor(scope: Construct, id: string, props: InventoryProps) {
    super(scope, id);
    this.inventoryTable = requireTable(
      serviceTables(this, 'inventory', props.platform.stage),
      'inventory',
      'inventory',
    );
    this.functions = wireService(this, {
      service: 'inventory',
      platform: props.platform,
      auth: props.auth,
      tables: { inventory: this.inventoryTable, users: props.usersTable },
    });
  }
}
