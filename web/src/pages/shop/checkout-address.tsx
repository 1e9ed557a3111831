import { useState } from 'react';
import type { AddressView } from '../../buying/api-types';
import { useFocusAdded } from '../../buying/focus-added';
import { AddressForm } from '../../components/address-form';
import { Button } from '../../components/button';

function addressLine(address: AddressView): string {
  return [address.line1, address.line2, address.city, address.region, address.postal_code, address.country]
    .filter(Boolean)
    .join(', ');
}

/** Where the order goes: one of the saved addresses, or a new one (shown at once when there is none). */
export function AddressChoice({
  addresses,
  selected,
  onSelect,
  onAdded,
  error,
}: {
  addresses: AddressView[];
  selected: string | undefined;
  onSelect: (addressId: string) => void;
  onAdded: (address: AddressView) => void;
  /** The checkout's message about the address (`shipping_address_id`). */
  error: string | undefined;
}) {
  const [adding, setAdding] = useState(false);
  const focus = useFocusAdded();
  const showForm = adding || addresses.length === 0;
  return (
    <section className="checkout-step" aria-labelledby="checkout-address-heading">
      <h2 id="checkout-address-heading">Shipping address</h2>
      {addresses.length > 0 ? (
        <fieldset
          className="choices"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'checkout-address-error' : undefined}
        >
          <legend>Ship to</legend>
          {addresses.map((address) => (
            <label key={address.address_id} className="choice">
              <input
                type="radio"
                name="shipping_address_id"
                value={address.address_id}
                ref={focus.ref(address.address_id)}
                checked={selected === address.address_id}
                onChange={() => onSelect(address.address_id)}
              />
              <span>
                <strong>{address.name}</strong> {addressLine(address)}
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {error ? (
        <p className="field-error" id="checkout-address-error">
          {error}
        </p>
      ) : null}
      {showForm ? (
        <AddressForm
          submitLabel="Use this address"
          onSaved={(address) => {
            focus.expect(address.address_id);
            setAdding(false);
            onAdded(address);
          }}
          onCancel={addresses.length > 0 ? () => setAdding(false) : undefined}
        />
      ) : (
        <Button variant="secondary" onClick={() => setAdding(true)}>
          Add a new address
        </Button>
      )}
    </section>
  );
}
