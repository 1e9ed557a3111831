import { sagaStepHandler } from '../../../shared/handlers';
import { inventoryDeps } from '../deps';
import { release } from '../service';

/** Compensation: held or charging → released (reserved → available); a repeat is a no-op. */
export const handler = sagaStepHandler(async (event: { order_id: string }) =>
  release(event.order_id, inventoryDeps()),
);
