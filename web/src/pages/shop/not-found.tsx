import { Link, usePageTitle } from '../../router';

export default function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <section>
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
      <p>
        <Link to="/">Go to the home page</Link> or search for a product above.
      </p>
    </section>
  );
}
