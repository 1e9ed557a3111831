import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { CATEGORY_TREE } from '../categories';
import { listCategoriesRoute } from '../routes';

export const handler = httpHandler(listCategoriesRoute, async () => ok({ categories: CATEGORY_TREE }));
