import * as z from 'zod';
import { defineRoute } from '../../shared/http/route';
import type { ResourceUse } from '../../shared/manifests/types';
import { cursorList } from '../../shared/schemas/common';
import {
  CreatePaymentMethodBody,
  PaymentMethodParams,
  PaymentMethodView,
  TopUpBody,
  WalletView,
  WebhookAck,
} from './schemas';

const tag = 'Payments';
const methods: ResourceUse = { tables: { payments: 'readWrite' }, secrets: ['stripe'] };

export const createPaymentMethodRoute = defineRoute({
  id: 'CreatePaymentMethod',
  method: 'POST',
  path: '/api/v1/payment-methods',
  auth: 'user',
  handler: 'functions/payments/handlers/create-payment-method.handler',
  summary: 'Save a card (by provider token, e.g. pm_card_visa — never a card number) or your wallet',
  tag,
  body: CreatePaymentMethodBody,
  response: PaymentMethodView,
  successStatus: 201,
  uses: methods,
});

export const listPaymentMethodsRoute = defineRoute({
  id: 'ListPaymentMethods',
  method: 'GET',
  path: '/api/v1/payment-methods',
  auth: 'user',
  handler: 'functions/payments/handlers/list-payment-methods.handler',
  summary: 'Your saved payment methods',
  tag,
  response: cursorList(PaymentMethodView),
  successStatus: 200,
  uses: { tables: { payments: 'read' } },
});

export const getPaymentMethodRoute = defineRoute({
  id: 'GetPaymentMethod',
  method: 'GET',
  path: '/api/v1/payment-methods/{payment_method_id}',
  auth: 'user',
  handler: 'functions/payments/handlers/get-payment-method.handler',
  summary: 'One of your payment methods',
  tag,
  params: PaymentMethodParams,
  response: PaymentMethodView,
  successStatus: 200,
  uses: { tables: { payments: 'read' } },
});

export const deletePaymentMethodRoute = defineRoute({
  id: 'DeletePaymentMethod',
  method: 'DELETE',
  path: '/api/v1/payment-methods/{payment_method_id}',
  auth: 'user',
  handler: 'functions/payments/handlers/delete-payment-method.handler',
  summary: 'Remove a payment method (orders already placed with it are unaffected)',
  tag,
  params: PaymentMethodParams,
  successStatus: 204,
  uses: { tables: { payments: 'readWrite' } },
});

export const getWalletRoute = defineRoute({
  id: 'GetWallet',
  method: 'GET',
  path: '/api/v1/wallet',
  auth: 'user',
  handler: 'functions/payments/handlers/get-wallet.handler',
  summary: 'Your wallet balance and its ledger (the balance always equals the ledger’s sum)',
  tag,
  response: WalletView,
  successStatus: 200,
  uses: { tables: { payments: 'read' } },
});

export const topUpWalletRoute = defineRoute({
  id: 'TopUpWallet',
  method: 'POST',
  path: '/api/v1/wallet/top-ups',
  auth: 'user',
  handler: 'functions/payments/handlers/top-up-wallet.handler',
  summary: 'Charge one of your cards and credit the wallet; send an Idempotency-Key to make retries safe',
  tag,
  body: TopUpBody,
  response: WalletView,
  successStatus: 201,
  uses: methods,
});

export const stripeWebhookRoute = defineRoute({
  id: 'StripeWebhook',
  method: 'POST',
  path: '/api/v1/payments/webhooks/stripe',
  auth: 'public',
  handler: 'functions/payments/handlers/stripe-webhook.handler',
  summary:
    'Stripe events, signature-verified; a succeeded PaymentIntent is announced (PaymentSucceeded) and settles its order',
  tag,
  body: z.string(),
  rawBody: true,
  signature: { header: 'Stripe-Signature', secret: 'STRIPE_WEBHOOK_SECRET' },
  response: WebhookAck,
  successStatus: 200,
  uses: {
    tables: { payments: 'readWrite' },
    secrets: ['stripe'],
  },
});

export const paymentRoutes = [
  createPaymentMethodRoute,
  listPaymentMethodsRoute,
  getPaymentMethodRoute,
  deletePaymentMethodRoute,
  getWalletRoute,
  topUpWalletRoute,
  stripeWebhookRoute,
];
