import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { PaymentMethodView } from '../../buying/api-types';
import { cardName } from '../../buying/test-cards';
import { AddCardForm } from '../../components/add-card-form';
import { Button } from '../../components/button';
import { Empty } from '../../components/empty';
import { ErrorMessage } from '../../components/error-message';

function CardItem({ card, onChanged }: { card: PaymentMethodView; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      const path = { payment_method_id: card.payment_method_id };
      await unwrap(api.DELETE('/api/v1/payment-methods/{payment_method_id}', { params: { path } }));
      onChanged();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  const expiry =
    card.exp_month && card.exp_year
      ? `expires ${String(card.exp_month).padStart(2, '0')}/${card.exp_year}`
      : '';
  return (
    <li className="saved-item">
      <p>
        <strong>{cardName(card)}</strong> {expiry}
      </p>
      {error ? <ErrorMessage error={error} /> : null}
      <Button variant="secondary" busy={busy} onClick={remove} aria-label={`Remove ${cardName(card)}`}>
        Remove
      </Button>
    </li>
  );
}

/** The person's saved cards (test tokens, never numbers): add and remove. */
export function AccountCards({ cards, onChanged }: { cards: PaymentMethodView[]; onChanged: () => void }) {
  const [adding, setAdding] = useState(false);
  return (
    <section aria-labelledby="account-cards-heading">
      <h2 id="account-cards-heading">Saved cards</h2>
      {cards.length === 0 ? (
        <Empty title="No saved cards" />
      ) : (
        <ul className="saved-list">
          {cards.map((card) => (
            <CardItem key={card.payment_method_id} card={card} onChanged={onChanged} />
          ))}
        </ul>
      )}
      {adding ? (
        <AddCardForm
          onSaved={() => {
            setAdding(false);
            onChanged();
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
