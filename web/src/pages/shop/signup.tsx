import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Field, useFocusOnInvalid } from '../../components/field';
import { Link, usePageTitle, useRoute } from '../../router';
import { completeSignIn } from '../../sign-in';

export default function SignUpPage() {
  usePageTitle('Create an account');
  const { query } = useRoute();
  const next = query.get('next');
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const formRef = useFocusOnInvalid(error);
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [field]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await unwrap(api.POST('/api/v1/auth/signup', { body: form }));
      await completeSignIn(answer, next);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  const formError = error instanceof ApiError ? error.formMessage : error;
  return (
    <section className="narrow">
      <h1>Create an account</h1>
      <form ref={formRef} onSubmit={submit} noValidate>
        {formError ? <ErrorMessage error={formError} /> : null}
        <Field
          label="Name"
          name="name"
          autoComplete="name"
          required
          value={form.name}
          onChange={set('name')}
          error={fieldErrors.name}
        />
        <Field
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
          error={fieldErrors.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters."
          value={form.password}
          onChange={set('password')}
          error={fieldErrors.password}
        />
        <Button type="submit" busy={busy}>
          {busy ? 'Creating your account…' : 'Create account'}
        </Button>
      </form>
      <p>
        Already have an account?{' '}
        <Link to={`/signin${next ? `?next=${encodeURIComponent(next)}` : ''}`}>Sign in</Link>
      </p>
    </section>
  );
}
