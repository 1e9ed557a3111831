import { type ReactNode, useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { Loading } from '../../components/loading';
import { Link, useLocation, usePageTitle } from '../../router';
import { setRoles, useSession } from '../../session';
import './seller.css';

/**
 * Reads the person's roles again. The token never carries them: the API looks them up on each
 * call, so a person who just became a seller keeps their token and only the storefront's copy
 * of the roles (which decides the menus) needs refreshing.
 */
export async function refreshRoles(): Promise<string[]> {
  const me = await unwrap(api.GET('/api/v1/me'));
  setRoles(me.roles);
  return me.roles;
}

const SECTIONS = [
  { to: '/seller', label: 'Overview', current: (path: string) => path === '/seller' },
  {
    to: '/seller/products',
    label: 'Products',
    current: (path: string) => path.startsWith('/seller/products'),
  },
  { to: '/seller/orders', label: 'Orders', current: (path: string) => path === '/seller/orders' },
  { to: '/seller/returns', label: 'Returns', current: (path: string) => path === '/seller/returns' },
];

/** The dashboard's own navigation, the current section marked for screen readers too. */
export function SellerNav() {
  const { pathname } = useLocation();
  return (
    <nav aria-label="Seller dashboard" className="seller-nav">
      <ul>
        {SECTIONS.map((section) => (
          <li key={section.to}>
            <Link to={section.to} aria-current={section.current(pathname) ? 'page' : undefined}>
              {section.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function NotASeller() {
  usePageTitle('Seller dashboard');
  return (
    <section>
      <h1>Seller dashboard</h1>
      <p>This account has no store yet. Open one to list products and ship orders.</p>
      <p>
        <Link to="/seller/register" className="button button-primary">
          Become a seller
        </Link>
      </p>
    </section>
  );
}

/**
 * The frame of every seller page but registration: the dashboard's navigation, then the page.
 * A person whose roles (as the storefront last read them) lack `seller` is checked once more
 * with the API before being told to open a store: they may have become one in another tab.
 */
export function SellerArea({ children }: { children: ReactNode }) {
  const session = useSession();
  const isSeller = session?.roles.includes('seller') ?? false;
  const userId = session?.userId;
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    if (isSeller || !userId) return;
    let current = true;
    refreshRoles()
      .catch(() => undefined)
      .finally(() => current && setChecked(true));
    return () => {
      current = false;
    };
  }, [isSeller, userId]);

  if (!session) return null;
  if (!isSeller) return checked ? <NotASeller /> : <Loading label="Opening your store…" />;
  return (
    <div className="seller-area">
      <SellerNav />
      {children}
    </div>
  );
}
