import { useEffect, useId, useRef, useState } from 'react';
import { Link, navigate, useLocation } from '../router';
import { endSession, useSession } from '../session';

/**
 * Sign in / sign up when signed out; otherwise a disclosure button opening the account's links
 * (orders, notifications, account, the seller dashboard or becoming a seller) and sign-out.
 */
export function AccountMenu() {
  const session = useSession();
  const { pathname, search } = useLocation();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const wrapper = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on every navigation
  useEffect(() => setOpen(false), [pathname, search]);
  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: Event) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    document.addEventListener('focusin', closeOutside);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('pointerdown', closeOutside);
      document.removeEventListener('focusin', closeOutside);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open]);

  if (!session) {
    const next =
      pathname === '/signin' || pathname === '/signup'
        ? ''
        : `?next=${encodeURIComponent(pathname + search)}`;
    return (
      <div className="account-menu">
        <Link to={`/signin${next}`}>Sign in</Link>
        <Link to={`/signup${next}`}>Sign up</Link>
      </div>
    );
  }
  const seller = session.roles.includes('seller');
  return (
    <div className="account-menu" ref={wrapper}>
      <button
        type="button"
        className="button button-secondary"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen(!open)}
      >
        Account
      </button>
      <ul id={menuId} className="account-menu-list" hidden={!open}>
        <li>
          <Link to="/orders">Orders</Link>
        </li>
        <li>
          <Link to="/notifications">Notifications</Link>
        </li>
        <li>
          <Link to="/account">Addresses, cards and wallet</Link>
        </li>
        <li>
          {seller ? (
            <Link to="/seller">Seller dashboard</Link>
          ) : (
            <Link to="/seller/register">Become a seller</Link>
          )}
        </li>
        <li>
          <button
            type="button"
            className="button button-link"
            onClick={() => {
              endSession();
              navigate('/');
            }}
          >
            Sign out
          </button>
        </li>
      </ul>
    </div>
  );
}
