import * as z from 'zod';
import { MAX_CENTS, toCents } from '../money';

/** A bounded, trimmed, single-line text field. */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine((value) => ![...value].some(isControlCharacter), 'must not contain control characters');

/**
 * A money amount in major units, as the spec writes it (`49.99`): a finite, non-negative
 * number with at most two decimals, converted to integer cents. More decimals are refused,
 * never rounded.
 */
export const moneyInput = (options: { positive?: boolean } = {}) =>
  z.number({ error: 'must be a number' }).transform((value, ctx) => {
    const cents = toCents(value);
    if (cents === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be a non-negative amount with at most two decimals' });
      return z.NEVER;
    }
    if (options.positive && cents === 0) {
      ctx.addIssue({ code: 'custom', message: 'must be greater than 0' });
      return z.NEVER;
    }
    if (cents > MAX_CENTS) {
      ctx.addIssue({ code: 'custom', message: 'must be at most 1000000.00' });
      return z.NEVER;
    }
    return cents;
  });

/** A prefixed id in a path or body: `prod_01J…`. */
export const idOf = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9A-Za-z]{1,64}$`), `must be a ${prefix}_… id`);

/** Query integers arrive as strings. */
export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

export const cursorParam = z
  .string()
  .max(2048, 'is too long')
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a valid cursor');

/**
 * Money in a response, as `moneyFields` (shared/money.ts) writes it: the display number and its
 * exact cents (`price`, `price_cents`). Spread its `.shape` into an object schema; the currency
 * is a field of its own.
 */
export const moneyOutput = <N extends string>(name: N) =>
  z.object({ [name]: z.number(), [`${name}_cents`]: z.number().int() } as Record<
    N | `${N}_cents`,
    z.ZodNumber
  >);

/** `moneyOutput` of an amount that may be absent: both fields null then. */
export const nullableMoneyOutput = <N extends string>(name: N) =>
  z.object({ [name]: z.number().nullable(), [`${name}_cents`]: z.number().int().nullable() } as Record<
    N | `${N}_cents`,
    z.ZodNullable<z.ZodNumber>
  >);

/** Money shown as text ("$149.97") with its exact cents (`total`, `total_cents`), as `formattedMoneyFields` writes it. */
export const formattedMoneyOutput = <N extends string>(name: N) =>
  z.object({ [name]: z.string(), [`${name}_cents`]: z.number().int() } as Record<N, z.ZodString> &
    Record<`${N}_cents`, z.ZodNumber>);

/** An address in a response, as `postalAddressView` (shared/address.ts) writes it. */
export const postalAddressOutput = z.object({
  name: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  postal_code: z.string(),
  country: z.string(),
});

export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const cursorList = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.string().nullable() });

/** Control characters (newlines included: these fields are single-line). */
function isControlCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}
