import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from '../../../shared/errors';
import { ok } from '../../../shared/http/responses';
import { parsePart } from '../../../shared/http/validation';
import { logger } from '../../../shared/logger';
import { httpHandler } from '../../identity/http-handler';
import { carrierWebhookSecret } from '../carrier-secret';
import { orderStore } from '../deps';
import { deliverShipments } from '../fulfilment';
import { fulfilmentDeps } from '../fulfilment-deps';
import { carrierWebhookRoute } from '../routes';

const CarrierEvent = z.object({
  carrier: z.string().min(1).max(50),
  tracking_number: z.string().min(4).max(40),
  event: z.enum(['delivered', 'in_transit', 'out_for_delivery']),
});

const TOLERANCE_SECONDS = 300;

/** `X-Carrier-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, fresh within five minutes. */
function verify(body: string, header: string | undefined, secret: string, nowSeconds: number): boolean {
  const parts = Object.fromEntries(
    (header ?? '').split(',').map((part) => part.split('=') as [string, string]),
  );
  const timestamp = Number(parts.t);
  if (!parts.v1 || !Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS)
    return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A carrier's tracking update; `delivered` marks that shipment delivered (idempotent). */
export const handler = httpHandler(carrierWebhookRoute, async ({ rawBody, headers }) => {
  const body = rawBody ?? '';
  if (
    !verify(body, headers['x-carrier-signature'], await carrierWebhookSecret(), Math.floor(Date.now() / 1000))
  ) {
    throw new ValidationError(
      'X-Carrier-Signature: does not verify',
      [{ field: 'X-Carrier-Signature', message: 'does not verify' }],
      'INVALID_SIGNATURE',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw ValidationError.forField('body', 'malformed JSON');
  }
  const event = parsePart(CarrierEvent, parsed, 'body');
  if (event.event !== 'delivered') return ok({ received: true });
  const shipment = await orderStore().orders.findByTracking(event.carrier, event.tracking_number);
  if (!shipment) {
    logger.warn('Carrier reported an unknown tracking number', { carrier: event.carrier });
    return ok({ received: true });
  }
  await deliverShipments(shipment.orderId, { shipmentId: shipment.shipmentId }, fulfilmentDeps());
  return ok({ received: true });
});
