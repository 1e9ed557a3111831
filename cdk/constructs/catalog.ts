import type { ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { IMAGES_BASE_URL_ENV, type WiredService, wireService } from './manifest-wiring';
import type { ApiAuth, Platform } from './platform';
import { requireTable, serviceTables } from './tables';

export interface CatalogProps {
  readonly platform: Platform;
  readonly auth: ApiAuth;
  /** Read by the auth middleware of every signed-in catalog route. */
  readonly usersTable: ITable;
  /** Create-product writes the product and its first stock record in one transaction. */
  readonly inventoryTable: ITable;
  /** The product page embeds the rating summary, through reviews' exported service. */
  readonly reviewsTable: ITable;
  /** The product page embeds what is bought with the product, through recommendations' service. */
  readonly recommendationsTable: ITable;
  /** The public base URL of product images (MediaStorage's `imagesBaseUrl`), which catalog's deps read. */
  readonly imagesBaseUrl: string;
}

/**
 * Products: the products table (with its stream, for search) and the catalog routes. The
 * product page (GetProduct) also embeds reviews and recommendations while their features are
 * switched on, so its function reads the feature switches too.
 */
export class Catalog extends Construct {
  public readonly productsTable: Table;
  public readonly functions: WiredService;

  constructor(scope: Construct, id: string, props: CatalogProps) {
    super(scope, id);
    this.productsTable = requireTable(
      serviceTables(this, 'catalog', props.platform.stage),
      'products',
      'catalog',
    );
    this.functions = wireService(this, {
      service: 'catalog',
      platform: props.platform,
      auth: props.auth,
      tables: {
        products: this.productsTable,
        users: props.usersTable,
        inventory: props.inventoryTable,
        reviews: props.reviewsTable,
        recommendations: props.recommendationsTable,
      },
      environment: { [IMAGES_BASE_URL_ENV]: props.imagesBaseUrl },
    });

    const getProduct = this.functions.routes.GetProduct;
    if (!getProduct) throw new Error('The catalog routes manifest must keep the GetProduct route');
    const flags = props.platform.featureFlags;
    if (!flags)
      throw new Error('The product page reads the feature switches: give the platform its feature flags');
    flags.grantReadFlags(getProduct);
  }
}
