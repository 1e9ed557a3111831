/** What each order status means to the person who placed it. */
export const ORDER_STATUS_LABELS: Record<string, string> = {
  pending: 'Processing',
  paid: 'Paid',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  failed: 'Failed',
  refunded: 'Refunded',
};

export function orderStatusLabel(status: string): string {
  return ORDER_STATUS_LABELS[status] ?? status;
}

/**
 * Why an order failed, in words, from the checkout saga's failure reasons
 * (statemachines/checkout.asl.json). A decline, a short wallet and a sold-out item all stop the
 * saga before any money moves; a failure after the charge refunds it.
 */
const FAILURE_MESSAGES: Record<string, string> = {
  PAYMENT_DECLINED:
    'Your card was declined. Nothing was charged, and your cart is kept: choose another card.',
  WALLET_INSUFFICIENT_FUNDS:
    'Your wallet balance does not cover this order. Nothing was charged, and your cart is kept: top up or choose a card.',
  OUT_OF_STOCK:
    'Part of your order sold out before it could be reserved. Nothing was charged; check your cart.',
  RESERVATION_EXPIRED: 'The items were held too long and released. Nothing was charged; please try again.',
};

export function failureMessage(reason: string | null): string {
  return (
    (reason && FAILURE_MESSAGES[reason]) ??
    'The order could not be completed; anything charged is refunded. Your cart is kept: please try again.'
  );
}

/** Failures the person fixes by choosing another way to pay. */
export function isPaymentFailure(reason: string | null): boolean {
  return reason === 'PAYMENT_DECLINED' || reason === 'WALLET_INSUFFICIENT_FUNDS';
}

/** What a payment failure says beside the payment choice itself. */
export function paymentFailureNote(reason: string | null): string | undefined {
  if (reason === 'PAYMENT_DECLINED') return 'This card was declined: choose another card or the wallet.';
  if (reason === 'WALLET_INSUFFICIENT_FUNDS') return 'The wallet does not cover this order: choose a card.';
  return undefined;
}
