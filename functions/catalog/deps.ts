import { dynamo } from '../../shared/clients';
import { optionalEnv, requireEnv } from '../../shared/config';
import { productRepository } from './repository';
import type { CatalogDeps } from './service';

let deps: CatalogDeps | undefined;

export function catalogDeps(): CatalogDeps {
  deps ??= {
    products: productRepository(dynamo(), requireEnv('PRODUCTS_TABLE_NAME')),
    inventoryTableName: optionalEnv('INVENTORY_TABLE_NAME', ''),
    imagesBaseUrl: optionalEnv('IMAGES_BASE_URL', 'https://images.bazaar.example'),
    now: () => new Date(),
  };
  return deps;
}
