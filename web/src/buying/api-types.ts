import type { operations } from '../api/schema';

/** The JSON an operation answers with its success status, from the generated OpenAPI types. */
type Answer<Op extends keyof operations, Status extends number> =
  operations[Op]['responses'] extends Record<Status, { content: { 'application/json': infer Body } }>
    ? Body
    : never;

export type CartView = Answer<'GetCart', 200>;
export type CartLine = CartView['items'][number];
export type OrderView = Answer<'GetOrder', 200>;
export type OrderSummary = Answer<'ListOrders', 200>['items'][number];
export type CheckoutAnswer = Answer<'Checkout', 202>;
export type AddressView = Answer<'CreateAddress', 201>;
export type PaymentMethodView = Answer<'CreatePaymentMethod', 201>;
export type WalletView = Answer<'GetWallet', 200>;
export type NotificationView = Answer<'ListNotifications', 200>['items'][number];
export type ReturnView = Answer<'RequestReturn', 201>['returns'][number];
