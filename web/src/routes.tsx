import { type ComponentType, lazy } from 'react';
import { RequireSignIn } from './components/require-sign-in';
import type { RouteDefinition } from './router';

/** A page only a signed-in person sees; anyone else is sent to sign in and brought back. */
function signedIn(Page: ComponentType): ComponentType {
  return function SignedInPage() {
    return (
      <RequireSignIn>
        <Page />
      </RequireSignIn>
    );
  };
}

/** Every URL of the storefront, each page its own chunk (first match wins). */
export const routes: RouteDefinition[] = [
  { path: '/', page: lazy(() => import('./pages/shop/home')) },
  { path: '/search', page: lazy(() => import('./pages/shop/search')) },
  { path: '/products/:id', page: lazy(() => import('./pages/shop/product')) },
  { path: '/cart', page: lazy(() => import('./pages/shop/cart')) },
  { path: '/signin', page: lazy(() => import('./pages/shop/signin')) },
  { path: '/signup', page: lazy(() => import('./pages/shop/signup')) },
  { path: '/checkout', page: signedIn(lazy(() => import('./pages/shop/checkout'))) },
  { path: '/orders', page: signedIn(lazy(() => import('./pages/shop/orders'))) },
  { path: '/orders/:id', page: signedIn(lazy(() => import('./pages/shop/order'))) },
  { path: '/notifications', page: signedIn(lazy(() => import('./pages/shop/notifications'))) },
  { path: '/account', page: signedIn(lazy(() => import('./pages/shop/account'))) },
  { path: '/seller', page: signedIn(lazy(() => import('./pages/seller/dashboard'))) },
  { path: '/seller/register', page: signedIn(lazy(() => import('./pages/seller/register'))) },
  { path: '/seller/products', page: signedIn(lazy(() => import('./pages/seller/products'))) },
  { path: '/seller/products/new', page: signedIn(lazy(() => import('./pages/seller/product-new'))) },
  { path: '/seller/products/:id', page: signedIn(lazy(() => import('./pages/seller/product-edit'))) },
  { path: '/seller/orders', page: signedIn(lazy(() => import('./pages/seller/orders'))) },
  { path: '/seller/returns', page: signedIn(lazy(() => import('./pages/seller/returns'))) },
];

export const notFoundPage = lazy(() => import('./pages/shop/not-found'));
