import { type ReactNode, useEffect } from 'react';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';

/** Shows its children to a signed-in person; anyone else goes to sign in and comes back here. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const session = useSession();
  const { pathname, search } = useLocation();
  useEffect(() => {
    if (!session) navigate(`/signin?next=${encodeURIComponent(pathname + search)}`, { replace: true });
  }, [session, pathname, search]);
  return session ? children : null;
}
