import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Field, useFocusOnInvalid } from '../../components/field';
import { Link, usePageTitle, useRoute } from '../../router';
import { completeSignIn } from '../../sign-in';

export default function SignInPage() {
  usePageTitle('Sign in');
  const { query } = useRoute();
  const next = query.get('next');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const formRef = useFocusOnInvalid(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password } }));
      await completeSignIn(answer, next);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  const formError = error instanceof ApiError ? error.formMessage : error;
  return (
    <section className="narrow">
      <h1>Sign in</h1>
      <form ref={formRef} onSubmit={submit} noValidate>
        {formError ? <ErrorMessage error={formError} /> : null}
        <Field
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldErrors.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors.password}
        />
        <Button type="submit" busy={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
      <p>
        New to Bazaar?{' '}
        <Link to={`/signup${next ? `?next=${encodeURIComponent(next)}` : ''}`}>Create an account</Link>
      </p>
    </section>
  );
}
