import { api, newBuyer, stripeState } from '../support/api';

describe('wallet top-ups', () => {
  it('counts the whole Idempotency-Key: keys that differ only at the end are two top-ups, each charged and credited', async () => {
    const buyer = await newBuyer('wallet-keys', 'wallet');
    const card = (
      await api('POST', '/api/v1/payment-methods', {
        token: buyer.token,
        body: { type: 'card', token: 'pm_card_visa' },
      })
    ).body;
    const topUp = (key: string) =>
      api('POST', '/api/v1/wallet/top-ups', {
        token: buyer.token,
        body: { amount: 12.5, payment_method_id: card.payment_method_id },
        headers: { 'idempotency-key': key },
      });
    const sharedPrefix = `top-up-${buyer.userId}-2026-12-02-`;

    const first = await topUp(`${sharedPrefix}a1111`);
    const second = await topUp(`${sharedPrefix}a2222`);
    const repeat = await topUp(`${sharedPrefix}a2222`);

    expect([first.status, second.status, repeat.status]).toEqual([201, 201, 201]);
    expect(first.body.balance_cents).toBe(1250);
    expect(second.body.balance_cents).toBe(2500);
    expect(repeat.body.balance_cents).toBe(2500);
    const wallet = (await api('GET', '/api/v1/wallet', { token: buyer.token })).body;
    expect(wallet.ledger.filter((entry: { kind: string }) => entry.kind === 'top_up')).toHaveLength(2);
    const charged = (await stripeState()).intents.filter(
      (intent) => intent.metadata?.user_id === buyer.userId && intent.status === 'succeeded',
    );
    expect(charged).toHaveLength(2);
  });
});
