import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { Link, usePageTitle } from '../../router';
import { useSignInForm } from './use-sign-in-form';

export default function SignInPage() {
  usePageTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, submit, formRef, fieldErrors, formError, keepingNext } = useSignInForm(() =>
    unwrap(api.POST('/api/v1/auth/login', { body: { email, password } })),
  );
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
        New to Bazaar? <Link to={keepingNext('/signup')}>Create an account</Link>
      </p>
    </section>
  );
}
