import { dynamo, dynamoDbHotReads } from '../../shared/clients';
import { optionalEnv, requireEnv } from '../../shared/config';
import { productPageRepository } from './page-repository';
import { productRepository } from './repository';
import type { CatalogDeps } from './service';

let deps: CatalogDeps | undefined;

export function catalogDeps(): CatalogDeps {
  if (deps) return deps;
  const tableName = requireEnv('PRODUCTS_TABLE_NAME');
  deps = {
    products: productRepository(dynamo(), tableName),
    pages: productPageRepository(dynamo(), dynamoDbHotReads(), tableName),
    inventoryTableName: optionalEnv('INVENTORY_TABLE_NAME', ''),
    imagesBaseUrl: optionalEnv('IMAGES_BASE_URL', 'https://images.bazaar.example'),
    now: () => new Date(),
  };
  return deps;
}
