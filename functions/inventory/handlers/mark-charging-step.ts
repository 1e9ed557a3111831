import { sagaStepHandler } from '../../../shared/handlers';
import { inventoryDeps } from '../deps';
import { markCharging } from '../service';

/** Saga step, just before the charge: held → charging, refused once the reservation has expired. */
export const handler = sagaStepHandler(async (event: { order_id: string }) => {
  const reservation = await markCharging(event.order_id, inventoryDeps());
  return { state: reservation.state };
});
