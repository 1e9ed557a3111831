import { useEffect, useRef } from 'react';
import { useCartCount } from './cart';
import { AccountMenu } from './components/account-menu';
import { SearchBox } from './components/search-box';
import { Link, Router, useLocation } from './router';
import { notFoundPage, routes } from './routes';

function CartLink() {
  const count = useCartCount();
  return (
    <Link to="/cart" className="cart-link" aria-label={`Cart, ${count} item${count === 1 ? '' : 's'}`}>
      Cart <span className="cart-count">{count}</span>
    </Link>
  );
}

/** The layout every page shares: header (home, search, cart, account), the page, a footer. */
export function App() {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);

  // After a navigation, focus moves to the new page, as a full page load would put it at the top.
  useEffect(() => {
    if (pathname !== firstPath.current) {
      firstPath.current = '';
      main.current?.focus();
    }
  }, [pathname]);

  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="site-name">
          Bazaar
        </Link>
        <SearchBox />
        <nav aria-label="Your shopping" className="site-nav">
          <CartLink />
          <AccountMenu />
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Router routes={routes} notFound={notFoundPage} />
      </main>
      <footer className="site-footer">
        <p>Bazaar — a marketplace of independent sellers.</p>
        <nav aria-label="Footer">
          <Link to="/seller/register">Sell on Bazaar</Link> <a href="/docs">API documentation</a>
        </nav>
      </footer>
    </>
  );
}
