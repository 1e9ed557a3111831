import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { cartDeps } from '../deps';
import { getCartRoute } from '../routes';
import { CART_COOKIE, getCart, resolveCart } from '../service';

export const handler = httpHandler(getCartRoute, async ({ user, cookies, secure }) => {
  const deps = cartDeps();
  const cart = await resolveCart(
    { userId: user?.userId, cookieCartId: cookies[CART_COOKIE] },
    { create: false, secure },
    deps,
  );
  return ok(await getCart(cart.cartId, deps), { cookies: cart.cookies });
});
