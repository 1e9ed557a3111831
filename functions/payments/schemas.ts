import * as z from 'zod';
import { formattedMoneyOutput, idOf, moneyInput, moneyOutput } from '../../shared/schemas/common';

/** Anything that looks like a card number: 12–19 digits, maybe grouped by spaces or dashes. */
const PAN_LIKE = /^[\d\s-]{12,}$/;

export const CreatePaymentMethodBody = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('card'),
    token: z
      .string()
      .max(255, 'must be at most 255 characters')
      // The message never echoes the value: a card number must not reach logs or responses.
      .refine((token) => !PAN_LIKE.test(token) && !/\d{12,}/.test(token.replace(/[\s-]/g, '')), {
        message: 'must be a provider token such as pm_card_visa; card numbers are never accepted',
      })
      .refine((token) => /^pm_[A-Za-z0-9_]+$/.test(token), {
        message: 'must be a provider token such as pm_card_visa',
      }),
  }),
  z.strictObject({ type: z.literal('wallet') }),
]);

export const PaymentMethodView = z.object({
  payment_method_id: z.string(),
  type: z.enum(['card', 'wallet']),
  brand: z.string().nullable(),
  last4: z.string().nullable(),
  exp_month: z.number().int().nullable(),
  exp_year: z.number().int().nullable(),
  created_at: z.string(),
});

export const PaymentMethodParams = z.object({ payment_method_id: idOf('pm') });

export const TopUpBody = z.strictObject({
  amount: moneyInput({ positive: true }).refine((cents) => cents >= 100 && cents <= 100_000, {
    message: 'must be between 1.00 and 1000.00',
  }),
  payment_method_id: idOf('pm'),
});

export const WalletView = z.object({
  ...formattedMoneyOutput('balance').shape,
  currency: z.string(),
  ledger: z.array(
    z.object({
      entry_id: z.string(),
      kind: z.enum(['top_up', 'charge', 'refund']),
      ...moneyOutput('amount').shape,
      reference: z.string(),
      created_at: z.string(),
    }),
  ),
});

export const WebhookAck = z.object({ received: z.boolean() });
