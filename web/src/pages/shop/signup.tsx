import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { Link, usePageTitle } from '../../router';
import { useSignInForm } from './use-sign-in-form';

export default function SignUpPage() {
  usePageTitle('Create an account');
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [field]: event.target.value }));
  const { busy, submit, formRef, fieldErrors, formError, keepingNext } = useSignInForm(() =>
    unwrap(api.POST('/api/v1/auth/signup', { body: form })),
  );

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
        Already have an account? <Link to={keepingNext('/signin')}>Sign in</Link>
      </p>
    </section>
  );
}
