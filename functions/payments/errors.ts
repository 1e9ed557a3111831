import { ConflictError, ValidationError } from '../../shared/errors';

/** The card was declined: a final answer, not worth retrying. The saga releases stock and fails the order. */
export class PaymentDeclinedError extends ConflictError {
  override readonly name = 'PaymentDeclinedError';
  constructor(readonly declineCode: string) {
    super('PAYMENT_DECLINED', `The payment was declined (${declineCode})`, { decline_code: declineCode });
  }
}

export class InsufficientFundsError extends ConflictError {
  override readonly name = 'InsufficientFundsError';
  constructor() {
    super('WALLET_INSUFFICIENT_FUNDS', 'The wallet balance does not cover this amount');
  }
}

/** The provider failed or did not answer: the outcome is unknown, so retry with the same idempotency key. */
export class PaymentProviderError extends Error {
  override readonly name = 'PaymentProviderError';
}

/** The provider refused a refund for good (already refunded, more than remains): not worth retrying. */
export class RefundRejectedError extends Error {
  override readonly name = 'RefundRejectedError';
}

export class InvalidPaymentTokenError extends ValidationError {
  override readonly name = 'InvalidPaymentTokenError';
  constructor() {
    super(
      'token: is not a payment method token the provider knows',
      [{ field: 'token', message: 'is not a payment method token the provider knows' }],
      'INVALID_PAYMENT_TOKEN',
    );
  }
}

/** A refund would take back more than was charged. */
export class RefundExceedsChargeError extends ConflictError {
  override readonly name = 'RefundExceedsChargeError';
  constructor(refundable: number) {
    super('REFUND_EXCEEDS_CHARGE', `At most ${refundable} cents can still be refunded`, {
      refundable_cents: refundable,
    });
  }
}

export class OrderNotChargeableError extends ConflictError {
  override readonly name = 'OrderNotChargeableError';
  constructor(orderId: string, status: string) {
    super('ORDER_NOT_CHARGEABLE', `Order ${orderId} is ${status}`);
  }
}
