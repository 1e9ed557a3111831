import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { dynamo, stepFunctions } from '../../shared/clients';
import { requireEnv } from '../../shared/config';
import { cartClaimItem, cartForCheckout, releaseCartClaim } from '../cart/cart-lookup';
import { lookupProducts } from '../catalog/product-lookup';
import { findUserAddress } from '../identity/address-lookup';
import { paymentMethodSnapshot } from '../payments/method-lookup';
import { orderRepository } from './repository';
import type { OrdersDeps } from './service';

let deps: OrdersDeps | undefined;

export function ordersDeps(): OrdersDeps {
  if (!deps) {
    const orders = orderRepository(dynamo(), requireEnv('ORDERS_TABLE_NAME'));
    deps = {
      orders,
      cartForCheckout,
      claimCart: cartClaimItem,
      releaseCartClaim,
      findAddress: findUserAddress,
      findPaymentMethod: paymentMethodSnapshot,
      lookupProducts,
      // The execution is named after the order: starting it again is a no-op, never a second saga.
      startCheckout: async (order) => {
        await stepFunctions()
          .send(
            new StartExecutionCommand({
              stateMachineArn: requireEnv('CHECKOUT_STATE_MACHINE_ARN'),
              name: order.orderId,
              input: JSON.stringify({
                order_id: order.orderId,
                lines: order.lines.map((line) => ({ product_id: line.productId, quantity: line.quantity })),
              }),
            }),
          )
          // A finished execution of this order: the saga already ran, so there is nothing to start.
          .catch((error) => {
            if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
          });
      },
      now: () => new Date(),
    };
  }
  return deps;
}

export type OrderStore = Pick<OrdersDeps, 'orders' | 'now' | 'releaseCartClaim'>;

/** The orders table (and the release of a failed order's cart claim), for steps and readers that need nothing else. */
export function orderStore(): OrderStore {
  return {
    orders: orderRepository(dynamo(), requireEnv('ORDERS_TABLE_NAME')),
    now: () => new Date(),
    releaseCartClaim,
  };
}
