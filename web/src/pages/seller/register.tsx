import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { Link, navigate, usePageTitle } from '../../router';
import { setRoles, useSession } from '../../session';
import { refreshRoles } from './seller-area';
import { useFormSubmit } from './use-form-submit';
import './seller.css';

/**
 * Becoming a seller keeps the session: the API looks roles up on every call, so the token
 * already held works for seller routes at once (functions/identity/roles.ts). Only the roles the
 * storefront keeps for its menus change, from the profile the registration answers.
 */
export default function SellerRegisterPage() {
  usePageTitle('Become a seller');
  const session = useSession();
  const [storeName, setStoreName] = useState('');
  const submit = useFormSubmit({ STORE_NAME_TAKEN: 'store_name' });

  if (session?.roles.includes('seller')) {
    return (
      <section className="narrow">
        <h1>Become a seller</h1>
        <p>Your store is open.</p>
        <p>
          <Link to="/seller" className="button button-primary">
            Go to your seller dashboard
          </Link>
        </p>
      </section>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run(async () => {
      try {
        const profile = await unwrap(
          api.POST('/api/v1/seller/register', { body: { store_name: storeName } }),
        );
        setRoles(profile.roles);
      } catch (error) {
        // Registered already (another tab, an earlier click whose answer was lost): carry on.
        if (!(error instanceof ApiError && error.code === 'ALREADY_SELLER')) throw error;
        await refreshRoles();
      }
      navigate('/seller');
    });
  };

  return (
    <section className="narrow">
      <h1>Become a seller</h1>
      <p>
        Open a store on Bazaar: list products, ship orders and handle returns from your seller dashboard. You
        stay signed in.
      </p>
      <form ref={submit.formRef} onSubmit={onSubmit} noValidate>
        <Field
          label="Store name"
          name="store_name"
          hint="What shoppers see beside your products (2 to 80 characters)."
          autoComplete="organization"
          required
          value={storeName}
          error={submit.fieldErrors.store_name}
          onChange={(event) => setStoreName(event.target.value)}
        />
        {submit.formError ? <ErrorMessage error={submit.formError} /> : null}
        <Button type="submit" busy={submit.busy}>
          Open my store
        </Button>
      </form>
    </section>
  );
}
