import { formatMoney } from '../../shared/money';

export interface NotificationDraft {
  userId: string;
  kind: string;
  title: string;
  body: string;
  orderId?: string;
  productId?: string;
}

type Detail = Record<string, unknown> & {
  order_id?: string;
  user_id?: string;
  seller_ids?: string[];
  total_cents?: number;
  failure_reason?: string | null;
  amount_cents?: number;
  product_id?: string;
  seller_id?: string;
  available?: number;
  low_stock_threshold?: number;
  fully_shipped?: boolean;
};

const FAILURE_TEXT: Record<string, string> = {
  OUT_OF_STOCK: 'an item sold out before we could reserve it',
  PAYMENT_DECLINED: 'the payment was declined',
  WALLET_INSUFFICIENT_FUNDS: 'your wallet balance was too low',
  RESERVATION_EXPIRED: 'the reservation expired before payment',
};

/**
 * Who hears about an event, and what they read: the buyer for their order's progress, each
 * seller for a new paid order with their products, and a seller when stock runs low.
 */
export function draftsFor(detailType: string, detail: Detail): NotificationDraft[] {
  const order = detail.order_id ?? '';
  const buyer = detail.user_id;
  const forBuyer = (kind: string, title: string, body: string): NotificationDraft[] =>
    buyer ? [{ userId: buyer, kind, title, body, orderId: order }] : [];
  switch (detailType) {
    case 'OrderPaid':
      return [
        ...forBuyer(
          'order_paid',
          'Your order is confirmed',
          `Order ${order} is paid (${formatMoney(detail.total_cents ?? 0)}) and on its way to the sellers.`,
        ),
        ...(detail.seller_ids ?? []).map((sellerId) => ({
          userId: sellerId,
          kind: 'seller_new_order',
          title: 'New paid order',
          body: `Order ${order} contains your products and is ready to ship.`,
          orderId: order,
        })),
      ];
    case 'OrderFailed':
      return forBuyer(
        'order_failed',
        'We could not complete your order',
        `Order ${order} failed: ${FAILURE_TEXT[detail.failure_reason ?? ''] ?? 'something went wrong'}. You have not been charged.`,
      );
    case 'OrderCancelled':
      return forBuyer(
        'order_cancelled',
        'Your order is cancelled',
        `Order ${order} is cancelled; any payment is refunded.`,
      );
    case 'OrderShipped':
      return forBuyer(
        'order_shipped',
        detail.fully_shipped ? 'Your order has shipped' : 'Part of your order has shipped',
        `A parcel of order ${order} is on its way.`,
      );
    case 'OrderDelivered':
      return forBuyer('order_delivered', 'Delivered', `Order ${order} has been delivered.`);
    case 'OrderRefunded':
      return forBuyer(
        'order_refunded',
        'Refund issued',
        `${formatMoney(detail.amount_cents ?? 0)} of order ${order} is refunded.`,
      );
    case 'StockLow':
      return detail.seller_id
        ? [
            {
              userId: detail.seller_id,
              kind: 'stock_low',
              title: 'Stock is running low',
              body: `Only ${detail.available} unit(s) of ${detail.product_id} are left (your threshold is ${detail.low_stock_threshold}).`,
              productId: detail.product_id,
            },
          ]
        : [];
    default:
      return [];
  }
}

/** The e-mail a notification becomes (templated; sent through SES on AWS). */
export function emailFor(draft: NotificationDraft, recipient: { email: string; name: string }) {
  return {
    to: recipient.email,
    subject: `Bazaar: ${draft.title}`,
    text: `Hello ${recipient.name},\n\n${draft.body}\n\n— Bazaar`,
  };
}
