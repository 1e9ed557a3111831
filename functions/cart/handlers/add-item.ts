import { created } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { cartDeps } from '../deps';
import { addCartItemRoute } from '../routes';
import { addItem, CART_COOKIE, resolveCart } from '../service';

export const handler = httpHandler(addCartItemRoute, async ({ body, user, cookies, secure }) => {
  const deps = cartDeps();
  const cart = await resolveCart(
    { userId: user?.userId, cookieCartId: cookies[CART_COOKIE] },
    { create: true, secure },
    deps,
  );
  const line = await addItem({ ...cart, cartId: cart.cartId! }, body.product_id, body.quantity, deps);
  return created(line, { cookies: cart.cookies });
});
