import { httpHandler } from '../../../shared/http/handler';
import { created } from '../../../shared/http/responses';
import { catalogDeps } from '../deps';
import { createProductRoute } from '../routes';
import { createProduct } from '../service';

export const handler = httpHandler(createProductRoute, async ({ body, user }) =>
  created(await createProduct(user.userId, body, catalogDeps())),
);
