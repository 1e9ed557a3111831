import type { ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { type WiredService, wireService } from './manifest-wiring';
import type { ApiAuth, Platform, StageSettings } from './platform';
import { requireTable, serviceTables } from './tables';

export interface ReviewsTablesProps {
  readonly stage: StageSettings;
}

/**
 * The reviews table: reviews (newest, most helpful and by rating, per product) and each
 * product's rating aggregate. It stands apart from the Reviews construct, as OrdersTables does
 * from Orders: catalog's product page reads it, and reviews' functions read catalog's and
 * orders' tables, so the table exists before catalog, and reviews' functions after orders.
 */
export class ReviewsTables extends Construct {
  public readonly reviewsTable: Table;

  constructor(scope: Construct, id: string, props: ReviewsTablesProps) {
    super(scope, id);
    this.reviewsTable = requireTable(serviceTables(this, 'reviews', props.stage), 'reviews', 'reviews');
  }
}

export interface ReviewsProps {
  readonly platform: Platform;
  readonly auth: ApiAuth;
  readonly tables: ReviewsTables;
  /** Read by the auth middleware, and for the reviewer's display name (identity's lookup). */
  readonly usersTable: ITable;
  /** Which products exist and who sells them, through catalog's exported lookup. */
  readonly productsTable: ITable;
  /** Verified purchase, through orders' exported lookup. */
  readonly ordersTable: ITable;
}

/**
 * Reviews: the review routes (switchable as the `reviews` feature), which keep each product's
 * rating aggregate in the same transaction as the review and announce `RatingChanged`.
 */
export class Reviews extends Construct {
  public readonly reviewsTable: Table;
  public readonly functions: WiredService;

  constructor(scope: Construct, id: string, props: ReviewsProps) {
    super(scope, id);
    this.reviewsTable = props.tables.reviewsTable;
    this.functions = wireService(this, {
      service: 'reviews',
      platform: props.platform,
      auth: props.auth,
      tables: {
        reviews: this.reviewsTable,
        users: props.usersTable,
        products: props.productsTable,
        orders: props.ordersTable,
      },
    });
  }
}
