import type { OrderRecord } from '../../functions/orders/order';
import { newId } from '../../shared/ids';

/** A pending order of one seller's lines, as checkout writes it; override what the test is about. */
export function anOrder(overrides: Partial<OrderRecord> = {}): OrderRecord {
  const orderedAt = new Date().toISOString();
  const sellerId = overrides.lines?.[0]?.sellerId ?? newId('usr');
  return {
    orderId: newId('ord'),
    userId: newId('usr'),
    status: 'pending',
    version: 1,
    lines: [
      {
        productId: newId('prod'),
        sellerId,
        title: 'Test Lamp',
        imageUrl: null,
        quantity: 2,
        priceAtOrderCents: 1500,
      },
    ],
    subtotalCents: 3000,
    shippingCents: 499,
    totalCents: 3499,
    refundedCents: 0,
    currency: 'USD',
    shippingAddressId: newId('addr'),
    shippingAddress: {
      name: 'Home',
      line1: '1 Main St',
      line2: null,
      city: 'Springfield',
      region: null,
      postalCode: '62701',
      country: 'US',
    },
    paymentMethod: { paymentMethodId: newId('pm'), type: 'card', brand: 'visa', last4: '4242' },
    failureReason: null,
    estimatedDelivery: orderedAt.slice(0, 10),
    orderedAt,
    updatedAt: orderedAt,
    timeline: [{ status: 'pending', at: orderedAt }],
    shipments: [],
    returnedQuantities: {},
    returns: [],
    deliveredAt: null,
    ...overrides,
  };
}
