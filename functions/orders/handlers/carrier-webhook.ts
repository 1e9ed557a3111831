import * as z from 'zod';
import { ok } from '../../../shared/http/responses';
import { parseJsonPart } from '../../../shared/http/validation';
import { logger } from '../../../shared/logger';
import { httpHandler } from '../../identity/http-handler';
import { orderStore } from '../deps';
import { deliverShipments } from '../fulfilment';
import { fulfilmentDeps } from '../fulfilment-deps';
import { carrierWebhookRoute } from '../routes';

const CarrierEvent = z.object({
  carrier: z.string().min(1).max(50),
  tracking_number: z.string().min(4).max(40),
  event: z.enum(['delivered', 'in_transit', 'out_for_delivery']),
});

/** A carrier's tracking update (signature checked by the wrapper); `delivered` marks that shipment delivered (idempotent). */
export const handler = httpHandler(carrierWebhookRoute, async ({ rawBody }) => {
  const event = parseJsonPart(CarrierEvent, rawBody, 'body');
  if (event.event !== 'delivered') return ok({ received: true });
  const shipment = await orderStore().orders.findByTracking(event.carrier, event.tracking_number);
  if (!shipment) {
    logger.warn('Carrier reported an unknown tracking number', { carrier: event.carrier });
    return ok({ received: true });
  }
  await deliverShipments(shipment.orderId, { shipmentId: shipment.shipmentId }, fulfilmentDeps());
  return ok({ received: true });
});
