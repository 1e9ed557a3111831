import { api, unwrap } from './api/client';
import { refreshCartCount } from './cart';
import { safeNext } from './next-path';
import { navigate } from './router';
import { setRoles, startSession, type TokenAnswer } from './session';

/**
 * After sign-up or sign-in: keeps the token, reads the roles (the token does not carry them),
 * refreshes the cart count (the API merges the signed-out cart into the person's on this first
 * signed-in call) and goes back to where the person was.
 */
export async function completeSignIn(answer: TokenAnswer, next: string | null): Promise<void> {
  startSession(answer);
  try {
    const me = await unwrap(api.GET('/api/v1/me'));
    setRoles(me.roles);
  } catch {
    // Roles only decide which menu links show; the seller pages ask the API themselves.
  }
  await refreshCartCount();
  navigate(safeNext(next), { replace: true });
}
