import { ConflictError, NotFoundError } from '../../shared/errors';

export interface UnavailableLine {
  product_id: string;
  requested: number;
}

/** One or more lines cannot be reserved; nothing was reserved. */
export class OutOfStockError extends ConflictError {
  override readonly name = 'OutOfStockError';
  constructor(readonly lines: UnavailableLine[]) {
    super('OUT_OF_STOCK', `Not enough stock for ${lines.map((l) => l.product_id).join(', ')}`, { lines });
  }
}

/** A seller tried to take more units away than are available. */
export class InsufficientStockError extends ConflictError {
  override readonly name = 'InsufficientStockError';
  constructor(productId: string, available: number) {
    super('INSUFFICIENT_STOCK', `Only ${available} unit(s) of ${productId} are available`, {
      product_id: productId,
      available,
    });
  }
}

export class ReservationExpiredError extends ConflictError {
  override readonly name = 'ReservationExpiredError';
  constructor(orderId: string) {
    super('RESERVATION_EXPIRED', `The reservation for ${orderId} has expired`);
  }
}

/** The reservation is not in a state the requested move can leave from. */
export class ReservationStateError extends ConflictError {
  override readonly name = 'ReservationStateError';
  constructor(orderId: string, state: string, wanted: string) {
    super('INVALID_RESERVATION_STATE', `Reservation ${orderId} is ${state}; it cannot become ${wanted}`, {
      state,
    });
  }
}

export class ReservationNotFoundError extends NotFoundError {
  override readonly name = 'ReservationNotFoundError';
  constructor() {
    super('Reservation');
  }
}

export class StockRecordNotFoundError extends NotFoundError {
  override readonly name = 'StockRecordNotFoundError';
  constructor() {
    super('Product');
  }
}
