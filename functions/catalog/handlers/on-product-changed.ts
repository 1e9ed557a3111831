import type { BusEvent } from '../../../shared/events';
import { eventRuleHandler } from '../../../shared/handlers';
import { catalogDeps } from '../deps';
import { ProductChanged } from '../events';
import { refreshPartnerPages } from '../product-page';

/**
 * Rule target for the catalog's own ProductChanged: the pages that list the product as
 * bought together copy its new title, price or status (a draft or deleted one drops off).
 */
export const handler = eventRuleHandler(async (event: BusEvent<unknown>): Promise<void> => {
  const { product_id } = ProductChanged.parse(event);
  await refreshPartnerPages(product_id, catalogDeps());
});
