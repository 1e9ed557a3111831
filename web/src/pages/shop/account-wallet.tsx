import { type FormEvent, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { useApi } from '../../api/use-api';
import type { PaymentMethodView } from '../../buying/api-types';
import { cardName } from '../../buying/test-cards';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { Loading } from '../../components/loading';
import { Money } from '../../components/money';
import { DateTime } from './order-timeline';

const LEDGER_KINDS: Record<string, string> = { top_up: 'Top-up', charge: 'Order', refund: 'Refund' };

function newKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? `top-up-${crypto.randomUUID()}`
    : `top-up-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Tops the wallet up from a saved card. A retry of the same amount and card (after an error or a
 * lost answer) sends the same Idempotency-Key, so the card is charged once.
 */
function TopUpForm({ cards, onToppedUp }: { cards: PaymentMethodView[]; onToppedUp: () => void }) {
  const [amount, setAmount] = useState('20.00');
  const [card, setCard] = useState(cards[0]?.payment_method_id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const attempt = useRef<{ what: string; key: string } | null>(null);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const formError = error instanceof ApiError ? error.formMessage : error;
  const chosenCard = cards.some((saved) => saved.payment_method_id === card)
    ? card
    : (cards[0]?.payment_method_id ?? '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const what = `${amount}|${chosenCard}`;
    if (attempt.current?.what !== what) attempt.current = { what, key: newKey() };
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.POST('/api/v1/wallet/top-ups', {
          body: { amount: Number(amount), payment_method_id: chosenCard },
          headers: { 'Idempotency-Key': attempt.current.key },
        }),
      );
      attempt.current = null;
      onToppedUp();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (cards.length === 0) return <p className="field-hint">Save a card to top up the wallet from it.</p>;
  return (
    <form onSubmit={submit} noValidate className="top-up-form" aria-label="Top up">
      {formError ? <ErrorMessage error={formError} /> : null}
      <Field
        label="Amount"
        name="amount"
        type="number"
        inputMode="decimal"
        min={1}
        max={1000}
        step={0.01}
        hint="From 1.00 to 1000.00"
        value={amount}
        onChange={(event) => setAmount(event.target.value)}
        error={fieldErrors.amount}
      />
      <Field
        as="select"
        label="From card"
        name="payment_method_id"
        value={chosenCard}
        onChange={(event) => setCard(event.target.value)}
        error={fieldErrors.payment_method_id}
      >
        {cards.map((saved) => (
          <option key={saved.payment_method_id} value={saved.payment_method_id}>
            {cardName(saved)}
          </option>
        ))}
      </Field>
      <Button type="submit" busy={busy}>
        {busy ? 'Topping up…' : 'Top up'}
      </Button>
    </form>
  );
}

/** The wallet: its balance, a top-up from a card, and its ledger. */
export function AccountWallet({ cards }: { cards: PaymentMethodView[] }) {
  const wallet = useApi(() => unwrap(api.GET('/api/v1/wallet')), []);
  if (!wallet.data) {
    return (
      <section aria-labelledby="account-wallet-heading">
        <h2 id="account-wallet-heading">Wallet</h2>
        {wallet.status === 'failed' ? (
          <ErrorMessage error={wallet.error} onRetry={wallet.reload} />
        ) : (
          <Loading label="Loading the wallet…" />
        )}
      </section>
    );
  }
  const { balance_cents, currency, ledger } = wallet.data;
  return (
    <section aria-labelledby="account-wallet-heading">
      <h2 id="account-wallet-heading">Wallet</h2>
      <p className="wallet-balance">
        Balance: <Money cents={balance_cents} currency={currency} />
      </p>
      <TopUpForm cards={cards} onToppedUp={wallet.reload} />
      {ledger.length > 0 ? (
        <>
          <h3>History</h3>
          <ul className="ledger">
            {ledger.map((entry) => (
              <li key={entry.entry_id}>
                {LEDGER_KINDS[entry.kind] ?? entry.kind}{' '}
                <Money cents={entry.amount_cents} currency={currency} /> <DateTime at={entry.created_at} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
