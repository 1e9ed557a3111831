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
