import {
  type AnchorHTMLAttributes,
  type ComponentType,
  createContext,
  type MouseEvent,
  Suspense,
  useContext,
  useEffect,
  useSyncExternalStore,
} from 'react';
import { Loading } from './components/loading';

/**
 * A small router on the History API: `<Link to>`, `navigate()`, and `useRoute()` for the matched
 * route's path params and query. Pages are `React.lazy`, so each route loads only its own code.
 */

export interface RouteDefinition {
  /** `/products/:id`: a `:name` segment is a param. */
  path: string;
  /** A `React.lazy` page, or a component wrapping one (such as a sign-in guard). */
  page: ComponentType;
}

export interface RouteMatch {
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const locationKey = () => window.location.pathname + window.location.search;

/** Goes to a path of the app (with its query), as a link would, or replacing this entry. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === locationKey()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

/** The current path and query, re-rendering when they change. */
export function useLocation(): { pathname: string; search: string } {
  const key = useSyncExternalStore(subscribe, locationKey);
  const url = new URL(key, window.location.origin);
  return { pathname: url.pathname, search: url.search };
}

/** The params of `pattern` in `pathname`, or null when it does not match. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of want.entries()) {
    const actual = have[index]!;
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (segment !== actual) return null;
  }
  return params;
}

const RouteContext = createContext<RouteMatch>({ path: '/', params: {}, query: new URLSearchParams() });

/** The matched route: its path params and the query string. */
export function useRoute(): RouteMatch {
  return useContext(RouteContext);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** A real link (it opens in a new tab as any link does) that navigates in place on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
    if (event.defaultPrevented || event.button !== 0 || modified || rest.target) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...rest} />;
}

/** Sets the document's title while a page is shown. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Bazaar` : 'Bazaar';
  }, [title]);
}

/** Renders the first route matching the location, or `notFound`. */
export function Router({
  routes,
  notFound,
}: {
  routes: RouteDefinition[];
  notFound: RouteDefinition['page'];
}) {
  const { pathname, search } = useLocation();
  let Page = notFound;
  let match: RouteMatch = { path: pathname, params: {}, query: new URLSearchParams(search) };
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) {
      Page = route.page;
      match = { ...match, params };
      break;
    }
  }
  return (
    <RouteContext.Provider value={match}>
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    </RouteContext.Provider>
  );
}
