import { api, eventually, publishTestEvent } from '../support/api';

interface AlarmState {
  name: string;
  state: 'OK' | 'ALARM';
  reason: string;
  since: string;
}

const alarm = async (name: string): Promise<AlarmState> => {
  const answer = await api('GET', '/_local/alarms');
  expect(answer.status).toBe(200);
  const found = (answer.body.alarms as AlarmState[]).find((each) => each.name === name);
  if (!found) throw new Error(`No local alarm ${name}`);
  return found;
};

describe('local alarms', () => {
  const armed: string[] = [];
  afterEach(async () => {
    for (const id of armed.splice(0)) await api('DELETE', `/_local/faults/${id}`);
  });

  it('lists the alarm rules that make sense locally, each with a state, a reason and since when', async () => {
    const names = ((await api('GET', '/_local/alarms')).body.alarms as AlarmState[]).map((each) => each.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'RecommendationsOnCartItemAddedDeadLetters',
        'RelayOrderEventsDeadLetters',
        'CheckoutExecutionsFailed',
        'RefundsUnsettled',
      ]),
    );
  });

  it('raises the dead-letter alarm of a rule whose delivery keeps failing', async () => {
    const name = 'RecommendationsOnCartItemAddedDeadLetters';
    const marker = `alarm-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const fault = await api('POST', '/_local/faults', {
      body: {
        kind: 'events:delivery-error',
        target: {
          handler: 'functions/recommendations/handlers/on-cart-item-added.handler',
          contains: marker,
        },
      },
    });
    expect(fault.status).toBe(201);
    armed.push(fault.body.faults[0].id);

    const eventId = await publishTestEvent('bazaar.cart', 'CartItemAdded', {
      cart_id: marker,
      product_id: marker,
      quantity: 1,
    });

    const fired = await eventually(async () => {
      const state = await alarm(name);
      return state.state === 'ALARM' && state.reason.includes(eventId) ? state : undefined;
    });
    expect(fired.reason).toContain('dead letter');
    expect(Date.parse(fired.since)).not.toBeNaN();
    // An alarm stays in its state, since the same moment, while the dead letter waits.
    expect((await alarm(name)).since).toBe(fired.since);
  });
});
