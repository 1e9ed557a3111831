import { sagaStepHandler } from '../../../shared/handlers';
import { inventoryDeps } from '../deps';
import { commit } from '../service';

/** Saga step after a successful charge: charging → committed (reserved → sold). */
export const handler = sagaStepHandler(async (event: { order_id: string }) =>
  commit(event.order_id, inventoryDeps()),
);
