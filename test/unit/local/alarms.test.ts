import { LocalAlarms, unsettledRefundAlarm } from '../../../local/alarms';

describe('local alarms', () => {
  it('moves between OK and ALARM as its rule reads, keeping since until the state changes', async () => {
    let breaching = false;
    let clock = Date.parse('2026-12-02T08:00:00Z');
    const alarms = new LocalAlarms(
      [
        {
          name: 'Example',
          description: 'an example',
          evaluate: () => ({ breaching, reason: String(breaching) }),
        },
      ],
      () => new Date(clock),
    );
    const [ok] = await alarms.evaluate();
    expect(ok).toMatchObject({ state: 'OK', since: '2026-12-02T08:00:00.000Z' });
    clock += 60_000;
    breaching = true;
    const [fired] = await alarms.evaluate();
    expect(fired).toMatchObject({ state: 'ALARM', reason: 'true', since: '2026-12-02T08:01:00.000Z' });
    clock += 60_000;
    expect((await alarms.evaluate())[0]!.since).toBe('2026-12-02T08:01:00.000Z');
  });

  it('raises the refund alarm only for a refund requested longer ago than its threshold', async () => {
    const asked: number[] = [];
    const none = unsettledRefundAlarm(900, async (seconds) => {
      asked.push(seconds);
      return undefined;
    });
    expect(await none.evaluate()).toMatchObject({ breaching: false });
    const stuck = unsettledRefundAlarm(900, async () => ({
      orderId: 'o-1',
      createdAt: '2026-12-02T07:00:00Z',
    }));
    expect(await stuck.evaluate()).toMatchObject({ breaching: true, reason: expect.stringContaining('o-1') });
    expect(asked).toEqual([900]);
  });
});
