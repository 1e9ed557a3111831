import { usePageTitle } from '../router';

/**
 * Scaffolding only: the page a route shows until its real page replaces it (each route's module
 * is already its own lazily loaded chunk). Delete this file when no page uses it.
 */
export function ComingSoon({ title, purpose }: { title: string; purpose: string }) {
  usePageTitle(title);
  return (
    <section>
      <h1>{title}</h1>
      <p>{purpose}</p>
      <p>Coming soon.</p>
    </section>
  );
}
