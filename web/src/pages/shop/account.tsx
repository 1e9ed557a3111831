import { api, unwrap } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../router';
import { AccountAddresses } from './account-addresses';
import { AccountCards } from './account-cards';
import { AccountWallet } from './account-wallet';

/** The person's details, addresses, saved cards and wallet. */
export default function AccountPage() {
  usePageTitle('Your account');
  const me = useApi(() => unwrap(api.GET('/api/v1/me')), []);
  const methods = useApi(() => unwrap(api.GET('/api/v1/payment-methods')), []);
  const cards = methods.data?.items.filter((method) => method.type === 'card');
  return (
    <section className="account-page">
      <h1>Your account</h1>
      {me.data ? (
        <p>
          {me.data.name} · {me.data.email}
        </p>
      ) : me.status === 'failed' ? (
        <ErrorMessage error={me.error} onRetry={me.reload} />
      ) : null}
      <AccountAddresses />
      {cards ? (
        <>
          <AccountCards cards={cards} onChanged={methods.reload} />
          <AccountWallet cards={cards} />
        </>
      ) : methods.status === 'failed' ? (
        <ErrorMessage error={methods.error} onRetry={methods.reload} />
      ) : (
        <Loading label="Loading your cards…" />
      )}
    </section>
  );
}
