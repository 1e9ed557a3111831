import { accepted } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { ordersDeps } from '../deps';
import { checkoutRoute } from '../routes';
import { placeOrder } from '../service';

/** Places the order; a retry with the same Idempotency-Key is replayed by the wrapper (see the route). */
export const handler = httpHandler(checkoutRoute, async ({ body, user }) =>
  accepted(await placeOrder(user.userId, body, ordersDeps())),
);
