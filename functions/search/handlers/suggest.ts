import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { searchIndex } from '../index-factory';
import { suggestRoute } from '../routes';
import { suggest } from '../service';

export const handler = httpHandler(suggestRoute, async ({ query }) =>
  ok(await suggest(query.q, query.limit, searchIndex())),
);
