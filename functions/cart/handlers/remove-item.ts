import { noContent } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { cartDeps } from '../deps';
import { removeCartItemRoute } from '../routes';
import { CART_COOKIE, removeItem, resolveCart } from '../service';

export const handler = httpHandler(removeCartItemRoute, async ({ params, user, cookies, secure }) => {
  const deps = cartDeps();
  const cart = await resolveCart(
    { userId: user?.userId, cookieCartId: cookies[CART_COOKIE] },
    { create: false, secure },
    deps,
  );
  await removeItem(cart, params.item_id, deps);
  return noContent({ cookies: cart.cookies });
});
