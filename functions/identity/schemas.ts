import * as z from 'zod';
import { idOf, postalAddressOutput, text } from '../../shared/schemas/common';
import { COUNTRY_CODES } from './countries';

const email = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be a valid e-mail address'))
  .transform((value) => value.toLowerCase());

const password = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(128, 'must be at most 128 characters');

export const SignupBody = z.strictObject({ email, password, name: text(100) });
export const LoginBody = z.strictObject({ email, password: z.string().min(1).max(128) });

export const TokenResponse = z.object({
  user_id: z.string(),
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
});

export const RegisterSellerBody = z.strictObject({ store_name: text(80, 2) });

export const Profile = z.object({
  user_id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(['customer', 'seller', 'admin'])),
  default_address_id: z.string().nullable(),
  store_name: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const UpdateMeBody = z
  .strictObject({ name: text(100).optional(), default_address_id: idOf('addr').nullable().optional() })
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field');

export const AddressBody = z.strictObject({
  name: text(100),
  line1: text(200),
  line2: text(200).optional(),
  city: text(100),
  region: text(100).optional(),
  postal_code: text(20).pipe(
    z.string().regex(/^[A-Za-z0-9 -]+$/, 'must contain only letters, digits, spaces and dashes'),
  ),
  country: z
    .string()
    .transform((value) => value.toUpperCase())
    .refine(
      (value) => COUNTRY_CODES.has(value),
      'must be an ISO 3166-1 alpha-2 country code such as US or DE',
    ),
});

export const Address = z.object({
  address_id: z.string(),
  ...postalAddressOutput.shape,
  is_default: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const AddressParams = z.object({ address_id: idOf('addr') });

export type SignupInput = z.output<typeof SignupBody>;
export type AddressInput = z.output<typeof AddressBody>;
export type ProfileView = z.input<typeof Profile>;
export type AddressView = z.input<typeof Address>;
