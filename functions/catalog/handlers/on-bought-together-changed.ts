import type { BusEvent } from '../../../shared/events';
import { eventRuleHandler } from '../../../shared/handlers';
import { BoughtTogetherChanged } from '../../recommendations/events';
import { catalogDeps } from '../deps';
import { applyBoughtTogether } from '../product-page';

/** Rule target for BoughtTogetherChanged: the product page's partners, newest version only. */
export const handler = eventRuleHandler(async (event: BusEvent<unknown>): Promise<void> => {
  const { product_id, partners, version } = BoughtTogetherChanged.parse(event);
  await applyBoughtTogether(product_id, partners, version, catalogDeps());
});
