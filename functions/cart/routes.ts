import { defineRoute } from '../../shared/http/route';
import type { ResourceUse } from '../../shared/manifests/types';
import type { RateLimit } from '../../shared/rate-limit';
import { AddItemBody, CartLineView, CartView, ItemParams, UpdateItemBody } from './schemas';

const tag = 'Cart';
// The cart reads products and stock through the catalog's and inventory's exported functions.
const cart: ResourceUse = {
  tables: { carts: 'readWrite', products: 'read', inventory: 'read', 'rate-limits': 'readWrite' },
};
/** Flash sales: bots must not hoard stock through carts. */
const cartChanges: RateLimit = { bucket: 'cart', perSecond: 10, burst: 20 };

export const getCartRoute = defineRoute({
  id: 'GetCart',
  method: 'GET',
  path: '/api/v1/cart',
  auth: 'optional',
  handler: 'functions/cart/handlers/get-cart.handler',
  summary: 'Your cart, with current prices, price changes and availability warnings',
  tag,
  response: CartView,
  successStatus: 200,
  uses: cart,
});

export const addCartItemRoute = defineRoute({
  id: 'AddCartItem',
  method: 'POST',
  path: '/api/v1/cart/items',
  auth: 'optional',
  handler: 'functions/cart/handlers/add-item.handler',
  summary: 'Add a product (or more of it) to your cart',
  tag,
  body: AddItemBody,
  response: CartLineView,
  successStatus: 201,
  rateLimit: cartChanges,
  uses: cart,
});

export const updateCartItemRoute = defineRoute({
  id: 'UpdateCartItem',
  method: 'PUT',
  path: '/api/v1/cart/items/{item_id}',
  auth: 'optional',
  handler: 'functions/cart/handlers/update-item.handler',
  summary: 'Set a line’s quantity',
  tag,
  params: ItemParams,
  body: UpdateItemBody,
  response: CartLineView,
  successStatus: 200,
  rateLimit: cartChanges,
  uses: cart,
});

export const removeCartItemRoute = defineRoute({
  id: 'RemoveCartItem',
  method: 'DELETE',
  path: '/api/v1/cart/items/{item_id}',
  auth: 'optional',
  handler: 'functions/cart/handlers/remove-item.handler',
  summary: 'Remove a line',
  tag,
  params: ItemParams,
  successStatus: 204,
  rateLimit: cartChanges,
  uses: cart,
});

export const cartRoutes = [getCartRoute, addCartItemRoute, updateCartItemRoute, removeCartItemRoute];
