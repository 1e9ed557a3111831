import { created } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { catalogDeps } from '../deps';
import { createProductRoute } from '../routes';
import { createProduct } from '../service';

export const handler = httpHandler(createProductRoute, async ({ body, user }) =>
  created(await createProduct(user.userId, body, catalogDeps())),
);
