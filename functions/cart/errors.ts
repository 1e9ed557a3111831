import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors';

export class CartLimitError extends ValidationError {
  override readonly name = 'CartLimitError';
  constructor(field: string, message: string, code: string) {
    super(`${field}: ${message}`, [{ field, message }], code);
  }
}

export class ProductNotFoundError extends NotFoundError {
  override readonly name = 'ProductNotFoundError';
  constructor() {
    super('Product', 'PRODUCT_NOT_FOUND');
  }
}

export class ProductUnavailableError extends ConflictError {
  override readonly name = 'ProductUnavailableError';
  constructor(productId: string) {
    super('PRODUCT_UNAVAILABLE', `${productId} is no longer sold`);
  }
}

export class CartOutOfStockError extends ConflictError {
  override readonly name = 'CartOutOfStockError';
  constructor(productId: string, available: number) {
    super(
      available === 0 ? 'OUT_OF_STOCK' : 'INSUFFICIENT_STOCK',
      available === 0
        ? `${productId} is out of stock`
        : `Only ${available} unit(s) of ${productId} are available`,
      { product_id: productId, available },
    );
  }
}

export class CartItemNotFoundError extends NotFoundError {
  override readonly name = 'CartItemNotFoundError';
  constructor() {
    super('Cart item');
  }
}
