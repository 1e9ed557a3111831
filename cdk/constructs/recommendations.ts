import type { ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { type WiredService, wireService } from './manifest-wiring';
import type { ApiAuth, Platform, StageSettings } from './platform';
import { requireTable, serviceTables } from './tables';

export interface RecommendationsTablesProps {
  readonly stage: StageSettings;
}

/**
 * The recommendations table: co-purchase and best-seller counters ranked by a numeric score
 * (the ByScore index), and recent views that expire. It stands apart from the Recommendations
 * construct for the reason ReviewsTables does: catalog's product page reads it, and
 * recommendations' functions read catalog's and orders' tables.
 */
export class RecommendationsTables extends Construct {
  public readonly recommendationsTable: Table;

  constructor(scope: Construct, id: string, props: RecommendationsTablesProps) {
    super(scope, id);
    this.recommendationsTable = requireTable(
      serviceTables(this, 'recommendations', props.stage),
      'recommendations',
      'recommendations',
    );
  }
}

export interface RecommendationsProps {
  readonly platform: Platform;
  readonly auth: ApiAuth;
  readonly tables: RecommendationsTables;
  /** Read by the auth middleware of optionally signed-in routes, when a token is sent. */
  readonly usersTable: ITable;
  /** Titles, prices and listing status, through catalog's exported lookup. */
  readonly productsTable: ITable;
  /** What a shopper already bought (never suggested again), through orders' exported lookup. */
  readonly ordersTable: ITable;
}

/**
 * Recommendations: the recommendation routes and the view beacon (switchable as the
 * `recommendations` feature), and the rules that count co-purchases (OrderPaid) and browsing
 * signals (CartItemAdded).
 */
export class Recommendations extends Construct {
  public readonly recommendationsTable: Table;
  public readonly functions: WiredService;

  constructor(scope: Construct, id: string, props: RecommendationsProps) {
    super(scope, id);
    this.recommendationsTable = props.tables.recommendationsTable;
    this.functions = wireService(this, {
      service: 'recommendations',
      platform: props.platform,
      auth: props.auth,
      tables: {
        recommendations: this.recommendationsTable,
        users: props.usersTable,
        products: props.productsTable,
        orders: props.ordersTable,
      },
    });
  }
}
