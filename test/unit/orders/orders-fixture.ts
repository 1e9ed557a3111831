import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CheckoutCart } from '../../../functions/cart/cart-lookup';
import type { CheckoutClaim } from '../../../functions/cart/store';
import type { ProductSummary } from '../../../functions/catalog/product-lookup';
import type { FulfilmentDeps } from '../../../functions/orders/fulfilment';
import type { OrderRecord } from '../../../functions/orders/order';
import type { OrdersDeps } from '../../../functions/orders/service';
import type { DomainEvent } from '../../../shared/events';
import { newId } from '../../../shared/ids';
import { fakeOrderRepository } from '../../support/fakes/order-repository';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One buyer's cart in memory, with the version and claim checkout relies on. */
export class FakeCart {
  version = 1;
  claim: CheckoutClaim | null = null;
  constructor(public lines: Array<{ productId: string; quantity: number }>) {}

  change(lines: Array<{ productId: string; quantity: number }>) {
    this.lines = lines;
    this.version++;
  }

  claimItem(claim: { version: number; orderId: string }): TransactItem {
    return {
      Update: {
        TableName: 'fake-carts',
        Key: { pk: 'cart' },
        UpdateExpression: 'claim',
        ExpressionAttributeValues: { ':order': claim.orderId, ':version': claim.version },
      },
    };
  }

  readonly table = {
    check: (item: TransactItem) =>
      this.claim === null && item.Update?.ExpressionAttributeValues?.[':version'] === this.version,
    apply: (item: TransactItem) => {
      const values = item.Update!.ExpressionAttributeValues!;
      this.claim = { orderId: values[':order'] as string, version: values[':version'] as number };
    },
  };
}

export const sellerId = newId('usr');

export function product(productId: string, priceCents = 1500): ProductSummary {
  return {
    productId,
    sellerId,
    title: `Product ${productId}`,
    category: 'books',
    priceCents,
    price: priceCents / 100,
    compareAtPriceCents: null,
    currency: 'USD',
    imageUrl: null,
    avgRating: 0,
    reviewCount: 0,
    status: 'active',
    listed: true,
  };
}

/** Orders' deps with fakes at every boundary: the cart, the catalog, identity, payments, the saga. */
export function ordersFixture(lines: Array<{ productId: string; quantity: number }>) {
  const userId = newId('usr');
  const addressId = newId('addr');
  const paymentMethodId = newId('pm');
  const cart = new FakeCart(lines);
  const orders = fakeOrderRepository(cart.table);
  // What the order's changes wrote to the outbox: what the relay would publish.
  const published: DomainEvent[] = orders.outbox;
  const started: string[] = [];
  const deps: OrdersDeps = {
    orders,
    cartForCheckout: async (): Promise<CheckoutCart> => ({
      lines: cart.lines.map((line) => ({ ...line })),
      version: cart.version,
      claim: cart.claim ? { ...cart.claim } : null,
    }),
    claimCart: (claim) => cart.claimItem(claim),
    releaseCartClaim: async (_userId, orderId) => {
      if (cart.claim?.orderId === orderId) cart.claim = null;
    },
    findAddress: async (_userId, id) =>
      id === addressId
        ? {
            addressId,
            userId,
            name: 'Home',
            line1: '1 Main St',
            line2: null,
            city: 'Springfield',
            region: null,
            postalCode: '62701',
            country: 'US',
            createdAt: '2026-01-01T00:00:00.000Z',
            updatedAt: '2026-01-01T00:00:00.000Z',
          }
        : undefined,
    findPaymentMethod: async (_userId, id) =>
      id.startsWith('pm_') ? { paymentMethodId: id, type: 'card', brand: 'visa', last4: '4242' } : undefined,
    lookupProducts: async (ids) => new Map(ids.map((id) => [id, product(id)])),
    startCheckout: async (order: OrderRecord) => {
      started.push(order.orderId);
    },
    now: () => new Date(),
  };
  const body = { shipping_address_id: addressId, payment_method_id: paymentMethodId };
  return { userId, cart, orders, deps, body, published, started };
}

export function fulfilmentFixture(deps: OrdersDeps): FulfilmentDeps {
  return {
    orders: deps.orders,
    now: deps.now,
    stopSaga: async () => {},
    voidOrRefund: async () => ({ refundedTotalCents: 0 }),
    refund: async () => ({ refundedTotalCents: 0 }),
    releaseStock: async () => ({ state: 'released' }),
    restock: async () => {},
    returnWindowSeconds: 3600,
    shippingDays: 3,
  };
}
