import { randomUUID } from 'node:crypto';
import { api, uniqueEmail } from '../../support/api';

/** Someone with an account, as the browser tests need them: what to type, and the API's token. */
export interface Person {
  email: string;
  password: string;
  name: string;
  userId: string;
  /** Their access token, for arranging things through the API (addresses, cards, products). */
  token: string;
}

export interface Seller extends Person {
  storeName: string;
}

const PASSWORD = 'correct horse battery';

/** A new shopper, signed up through the API with an e-mail no other test uses. */
export async function newShopper(label = 'shopper'): Promise<Person> {
  const email = uniqueEmail(label);
  const name = `Test ${label}`;
  const response = await api('POST', '/api/v1/auth/signup', { body: { email, password: PASSWORD, name } });
  if (response.status !== 201)
    throw new Error(`sign-up of ${email} failed: ${response.status} ${response.text}`);
  return {
    email,
    password: PASSWORD,
    name,
    userId: response.body.user_id,
    token: response.body.access_token,
  };
}

/** A new seller: a shopper who registered a store through the API (their token works for seller routes). */
export async function newSeller(label = 'seller'): Promise<Seller> {
  const person = await newShopper(label);
  const storeName = `${label} store ${randomUUID().slice(0, 8)}`;
  const response = await api('POST', '/api/v1/seller/register', {
    token: person.token,
    body: { store_name: storeName },
  });
  if (response.status !== 201)
    throw new Error(`seller registration of ${person.email} failed: ${response.status} ${response.text}`);
  return { ...person, storeName };
}
