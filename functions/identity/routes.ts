import { defineRoute } from '../../shared/http/route';
import type { ResourceUse } from '../../shared/manifests/types';
import { cursorList } from '../../shared/schemas/common';
import {
  Address,
  AddressBody,
  AddressParams,
  LoginBody,
  Profile,
  RegisterSellerBody,
  SignupBody,
  TokenResponse,
  UpdateMeBody,
} from './schemas';

const users: ResourceUse = { tables: { users: 'readWrite' } };
// Login's per-account backoff lives in the rate-limits table too.
const usersAndLimits: ResourceUse = { tables: { users: 'readWrite', 'rate-limits': 'readWrite' } };
const tag = 'Identity';
// Per source address, beside login's per-account backoff: bounds credential stuffing and
// mass sign-ups from one place while leaving room for many people behind one NAT.
const loginsPerAddress = { bucket: 'login', perSecond: 0.2, burst: 30 };
const signupsPerAddress = { bucket: 'signup', perSecond: 0.05, burst: 10 };

export const signupRoute = defineRoute({
  id: 'Signup',
  method: 'POST',
  path: '/api/v1/auth/signup',
  auth: 'public',
  handler: 'functions/identity/handlers/signup.handler',
  summary: 'Create an account and sign in',
  tag,
  body: SignupBody,
  response: TokenResponse,
  successStatus: 201,
  uses: users,
  rateLimit: signupsPerAddress,
  memoryMb: 1024,
});

export const loginRoute = defineRoute({
  id: 'Login',
  method: 'POST',
  path: '/api/v1/auth/login',
  auth: 'public',
  handler: 'functions/identity/handlers/login.handler',
  summary: 'Exchange e-mail and password for an access token',
  tag,
  body: LoginBody,
  response: TokenResponse,
  successStatus: 200,
  uses: usersAndLimits,
  rateLimit: loginsPerAddress,
  memoryMb: 1024,
});

export const registerSellerRoute = defineRoute({
  id: 'RegisterSeller',
  method: 'POST',
  path: '/api/v1/seller/register',
  auth: 'user',
  handler: 'functions/identity/handlers/register-seller.handler',
  summary: 'Become a seller; the token you hold works for seller routes at once',
  tag,
  body: RegisterSellerBody,
  response: Profile,
  successStatus: 201,
  uses: users,
});

export const getMeRoute = defineRoute({
  id: 'GetMe',
  method: 'GET',
  path: '/api/v1/me',
  auth: 'user',
  handler: 'functions/identity/handlers/get-me.handler',
  summary: 'Your profile and roles',
  tag,
  response: Profile,
  successStatus: 200,
  uses: users,
});

export const updateMeRoute = defineRoute({
  id: 'UpdateMe',
  method: 'PATCH',
  path: '/api/v1/me',
  auth: 'user',
  handler: 'functions/identity/handlers/update-me.handler',
  summary: 'Change your name or default address',
  tag,
  body: UpdateMeBody,
  response: Profile,
  successStatus: 200,
  uses: users,
});

export const createAddressRoute = defineRoute({
  id: 'CreateAddress',
  method: 'POST',
  path: '/api/v1/addresses',
  auth: 'user',
  handler: 'functions/identity/handlers/create-address.handler',
  summary: 'Add a shipping address',
  tag,
  body: AddressBody,
  response: Address,
  successStatus: 201,
  uses: users,
});

export const listAddressesRoute = defineRoute({
  id: 'ListAddresses',
  method: 'GET',
  path: '/api/v1/addresses',
  auth: 'user',
  handler: 'functions/identity/handlers/list-addresses.handler',
  summary: 'Your addresses',
  tag,
  response: cursorList(Address),
  successStatus: 200,
  uses: users,
});

export const getAddressRoute = defineRoute({
  id: 'GetAddress',
  method: 'GET',
  path: '/api/v1/addresses/{address_id}',
  auth: 'user',
  handler: 'functions/identity/handlers/get-address.handler',
  summary: 'One of your addresses',
  tag,
  params: AddressParams,
  response: Address,
  successStatus: 200,
  uses: users,
});

export const replaceAddressRoute = defineRoute({
  id: 'ReplaceAddress',
  method: 'PUT',
  path: '/api/v1/addresses/{address_id}',
  auth: 'user',
  handler: 'functions/identity/handlers/replace-address.handler',
  summary: 'Replace one of your addresses',
  tag,
  params: AddressParams,
  body: AddressBody,
  response: Address,
  successStatus: 200,
  uses: users,
});

export const deleteAddressRoute = defineRoute({
  id: 'DeleteAddress',
  method: 'DELETE',
  path: '/api/v1/addresses/{address_id}',
  auth: 'user',
  handler: 'functions/identity/handlers/delete-address.handler',
  summary: 'Delete one of your addresses',
  tag,
  params: AddressParams,
  successStatus: 204,
  uses: users,
});

export const identityRoutes = [
  signupRoute,
  loginRoute,
  registerSellerRoute,
  getMeRoute,
  updateMeRoute,
  createAddressRoute,
  listAddressesRoute,
  getAddressRoute,
  replaceAddressRoute,
  deleteAddressRoute,
];
