import { useState } from 'react';
import type { PaymentMethodView, WalletView } from '../../buying/api-types';
import { useFocusAdded } from '../../buying/focus-added';
import { cardName } from '../../buying/test-cards';
import { AddCardForm } from '../../components/add-card-form';
import { Button } from '../../components/button';
import { Money } from '../../components/money';

/** The payment choice's value for the wallet (its payment method is made when it is first used). */
export const WALLET_CHOICE = 'wallet';

/** The wallet, with its balance, and a word when the balance does not cover the order. */
function WalletOption({
  wallet,
  short,
  checked,
  onSelect,
}: {
  wallet: WalletView;
  short: boolean;
  checked: boolean;
  onSelect: () => void;
}) {
  return (
    <label className="choice">
      <input
        type="radio"
        name="payment_method_id"
        value={WALLET_CHOICE}
        checked={checked}
        onChange={onSelect}
      />
      <span>
        Wallet (balance <Money cents={wallet.balance_cents} currency={wallet.currency} />)
        {short ? (
          <span className="choice-note"> Not enough for this order; top it up in your account.</span>
        ) : null}
      </span>
    </label>
  );
}

/** How to pay: a saved card, a new test card, or the wallet with its balance. */
export function PaymentChoice({
  cards,
  wallet,
  totalCents,
  selected,
  onSelect,
  onAdded,
  error,
}: {
  cards: PaymentMethodView[];
  wallet: WalletView;
  totalCents: number;
  selected: string | undefined;
  onSelect: (choice: string) => void;
  onAdded: (method: PaymentMethodView) => void;
  /** What went wrong with the payment: the API's `payment_method_id` message, or a decline. */
  error: string | undefined;
}) {
  const [adding, setAdding] = useState(false);
  const focus = useFocusAdded();
  const showForm = adding || cards.length === 0;
  return (
    <section className="checkout-step" aria-labelledby="checkout-payment-heading">
      <h2 id="checkout-payment-heading">Payment</h2>
      <fieldset
        className="choices"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'checkout-payment-error' : undefined}
      >
        <legend>Pay with</legend>
        {cards.map((card) => (
          <label key={card.payment_method_id} className="choice">
            <input
              type="radio"
              name="payment_method_id"
              value={card.payment_method_id}
              ref={focus.ref(card.payment_method_id)}
              checked={selected === card.payment_method_id}
              onChange={() => onSelect(card.payment_method_id)}
            />
            <span>{cardName(card)}</span>
          </label>
        ))}
        <WalletOption
          wallet={wallet}
          short={wallet.balance_cents < totalCents}
          checked={selected === WALLET_CHOICE}
          onSelect={() => onSelect(WALLET_CHOICE)}
        />
      </fieldset>
      {error ? (
        <p className="field-error" id="checkout-payment-error">
          {error}
        </p>
      ) : null}
      {showForm ? (
        <AddCardForm
          onSaved={(method) => {
            focus.expect(method.payment_method_id);
            setAdding(false);
            onAdded(method);
          }}
        />
      ) : (
        <Button variant="secondary" onClick={() => setAdding(true)}>
          Add a card
        </Button>
      )}
    </section>
  );
}
