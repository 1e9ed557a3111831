import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { CATEGORY_TREE } from '../categories';
import { listCategoriesRoute } from '../routes';

export const handler = httpHandler(listCategoriesRoute, async () => ok({ categories: CATEGORY_TREE }));
