import createClient, { type Middleware } from 'openapi-fetch';
import { navigate } from '../router';
import { currentSession, endSession } from '../session';
import { apiErrorOf } from './errors';
import type { paths } from './schema';

/**
 * Tokens are not refreshed: when a signed-in call answers 401 the token has expired (or was
 * revoked), so the session ends and the person signs in again, coming back to this page. The
 * cart is on the server (or in the anonymous cart's cookie), so nothing is lost.
 */
const auth: Middleware = {
  onRequest({ request }) {
    const session = currentSession();
    if (session && !request.headers.has('authorization')) {
      request.headers.set('authorization', `Bearer ${session.token}`);
    }
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('authorization')) {
      endSession();
      const here = window.location.pathname + window.location.search;
      if (window.location.pathname !== '/signin') navigate(`/signin?next=${encodeURIComponent(here)}`);
    }
    return response;
  },
};

/** The typed API client (its types are generated from the OpenAPI document): the only way to the API. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** A call's data, or an ApiError (with the fields it names) when the API answered an error. */
export async function unwrap<Data>(
  call: Promise<{ data?: Data; error?: unknown; response: Response }>,
): Promise<Data> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) throw apiErrorOf(response.status, error);
  return data as Data;
}
