import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { cartDeps } from '../deps';
import { updateCartItemRoute } from '../routes';
import { CART_COOKIE, resolveCart, updateItem } from '../service';

export const handler = httpHandler(updateCartItemRoute, async ({ params, body, user, cookies, secure }) => {
  const deps = cartDeps();
  const cart = await resolveCart(
    { userId: user?.userId, cookieCartId: cookies[CART_COOKIE] },
    { create: false, secure },
    deps,
  );
  return ok(await updateItem(cart, params.item_id, body.quantity, deps), { cookies: cart.cookies });
});
