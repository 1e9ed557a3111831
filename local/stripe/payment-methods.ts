import { paymentMethodObject, type TestCard, testCard } from './cards';
import { resourceMissing } from './errors';
import { type FormObject, rejectUnknown } from './form';
import type { ApiResult } from './operation';

/** `GET /v1/payment_methods/:id` (the test tokens only) */
export function retrievePaymentMethod(id: string, query: FormObject): ApiResult {
  rejectUnknown(query, ['expand']);
  const card = testCard(id);
  if (!card) throw resourceMissing('PaymentMethod', id, 'payment_method', 404);
  return { status: 200, body: paymentMethodObject(id, card) };
}

/** A payment method named in a parameter: unknown ids are a 400 `resource_missing`. */
export function cardFor(paymentMethod: string): TestCard {
  const card = testCard(paymentMethod);
  if (!card) throw resourceMissing('PaymentMethod', paymentMethod, 'payment_method', 400);
  return card;
}
