import { ConflictError, NotFoundError } from '../../shared/errors';
import type { OrderStatus } from './order';

export class InvalidOrderStateError extends ConflictError {
  override readonly name = 'InvalidOrderStateError';
  constructor(orderId: string, from: OrderStatus, to: OrderStatus) {
    super('INVALID_ORDER_STATE', `Order ${orderId} is ${from}; it cannot become ${to}`, {
      status: from,
      requested: to,
    });
  }
}

export class OrderNotFoundError extends NotFoundError {
  override readonly name = 'OrderNotFoundError';
  constructor() {
    super('Order');
  }
}

export class CartEmptyError extends ConflictError {
  override readonly name = 'CartEmptyError';
  constructor() {
    super('CART_EMPTY', 'Your cart is empty');
  }
}

export class OrderVersionConflictError extends ConflictError {
  override readonly name = 'OrderVersionConflictError';
  constructor() {
    super('CONCURRENT_UPDATE', 'The order changed at the same time; please retry');
  }
}

/** Another checkout holds the cart (a different body, or the cart changed since), and its order is not finished. */
export class CheckoutInProgressError extends ConflictError {
  override readonly name = 'CheckoutInProgressError';
  constructor(orderId?: string) {
    super(
      'CHECKOUT_IN_PROGRESS',
      'Another checkout of this cart is still in progress; wait for it to finish',
      orderId ? { order_id: orderId } : undefined,
    );
  }
}

/** The order's transaction lost its claim on the cart: another checkout claimed it, or the cart changed since it was read. */
export class CartClaimConflictError extends Error {
  override readonly name = 'CartClaimConflictError';
  constructor() {
    super('The cart was claimed or changed while the order was written');
  }
}

/** A write that rides with an order change failed its condition (e.g. a tracking number taken at the same moment). */
export class AlsoWriteConflictError extends Error {
  override readonly name = 'AlsoWriteConflictError';
  constructor() {
    super('A write made with the order change failed its condition');
  }
}
