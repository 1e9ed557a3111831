import { useId, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useApi } from '../../api/use-api';
import type { AddressView } from '../../buying/api-types';
import { AddressForm } from '../../components/address-form';
import { Button } from '../../components/button';
import { Empty } from '../../components/empty';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';

function AddressItem({ address, onChanged }: { address: AddressView; onChanged: () => void }) {
  const [busy, setBusy] = useState<'default' | 'delete' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = (kind: 'default' | 'delete', change: () => Promise<unknown>) => async () => {
    setBusy(kind);
    setError(null);
    try {
      await change();
      onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  const makeDefault = run('default', () =>
    unwrap(api.PATCH('/api/v1/me', { body: { default_address_id: address.address_id } })),
  );
  const remove = run('delete', () =>
    unwrap(
      api.DELETE('/api/v1/addresses/{address_id}', { params: { path: { address_id: address.address_id } } }),
    ),
  );
  const label = `${address.name}, ${address.line1}`;
  const textId = useId();
  return (
    <li className="saved-item">
      <p id={textId}>
        <strong>{address.name}</strong>
        {address.is_default ? <span className="badge">Default</span> : null}
        <br />
        {[address.line1, address.line2, address.city, address.region, address.postal_code, address.country]
          .filter(Boolean)
          .join(', ')}
      </p>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="form-actions">
        {address.is_default ? null : (
          <Button
            variant="secondary"
            busy={busy === 'default'}
            onClick={makeDefault}
            aria-describedby={textId}
          >
            Make default
          </Button>
        )}
        <Button variant="secondary" busy={busy === 'delete'} onClick={remove} aria-label={`Delete ${label}`}>
          Delete
        </Button>
      </div>
    </li>
  );
}

/** The person's shipping addresses: add, delete, choose the default. */
export function AccountAddresses() {
  const addresses = useApi(() => unwrap(api.GET('/api/v1/addresses')), []);
  const [adding, setAdding] = useState(false);
  let list = null;
  if (!addresses.data) {
    list =
      addresses.status === 'failed' ? (
        <ErrorMessage error={addresses.error} onRetry={addresses.reload} />
      ) : (
        <Loading label="Loading addresses…" />
      );
  } else if (addresses.data.items.length === 0) {
    list = <Empty title="No addresses yet" />;
  } else {
    list = (
      <ul className="saved-list">
        {addresses.data.items.map((address) => (
          <AddressItem key={address.address_id} address={address} onChanged={addresses.reload} />
        ))}
      </ul>
    );
  }
  return (
    <section aria-labelledby="account-addresses-heading">
      <h2 id="account-addresses-heading">Addresses</h2>
      {list}
      {adding ? (
        <AddressForm
          onSaved={() => {
            setAdding(false);
            addresses.reload();
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <Button variant="secondary" onClick={() => setAdding(true)}>
          Add an address
        </Button>
      )}
    </section>
  );
}
