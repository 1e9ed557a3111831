import { LocalMetrics } from '../../../local/metrics';

const emf = (fields: Record<string, unknown>, metrics: string[], dimensions: string[] = ['service']) =>
  JSON.stringify({
    _aws: {
      Timestamp: 1,
      CloudWatchMetrics: [
        {
          Namespace: 'Bazaar',
          Dimensions: [dimensions],
          Metrics: metrics.map((Name) => ({ Name, Unit: 'Count' })),
        },
      ],
    },
    service: 'orders',
    ...fields,
  });

describe('the local EMF collector', () => {
  it('adds up the counts of EMF lines, arrays of values included, and passes other output through', () => {
    const metrics = new LocalMetrics();
    const printed = metrics.take(
      `hello\n${emf({ OrdersPlaced: [1, 1], OrdersPaid: 1 }, ['OrdersPlaced', 'OrdersPaid'])}\nworld\n`,
    );
    metrics.take(`${emf({ OrdersPlaced: 1 }, ['OrdersPlaced'])}\n`);
    expect(printed).toBe('hello\nworld\n');
    expect(metrics.snapshot().totals).toEqual({ OrdersPlaced: 3, OrdersPaid: 1 });
  });

  it('keeps counts per dimension value beside the totals', () => {
    const metrics = new LocalMetrics();
    metrics.take(
      `${emf({ OrdersFailed: 1, reason: 'payment_declined' }, ['OrdersFailed'], ['service', 'reason'])}\n`,
    );
    metrics.take(
      `${emf({ OrdersFailed: 1, reason: 'out_of_stock' }, ['OrdersFailed'], ['service', 'reason'])}\n`,
    );
    expect(metrics.snapshot()).toEqual({
      totals: { OrdersFailed: 2 },
      by_dimension: { OrdersFailed: { 'reason=payment_declined': 1, 'reason=out_of_stock': 1 } },
    });
  });

  it('reads an EMF line split across two writes once it is whole', () => {
    const metrics = new LocalMetrics();
    const line = emf({ OrdersPaid: 1 }, ['OrdersPaid']);
    expect(metrics.take(line.slice(0, 20))).toBe('');
    expect(metrics.take(`${line.slice(20)}\n`)).toBe('');
    expect(metrics.snapshot().totals).toEqual({ OrdersPaid: 1 });
  });

  it('captures what is written to a stream, and lets go of it when stopped', async () => {
    const written: string[] = [];
    const stream = { write: (chunk: string) => written.push(chunk) > 0 } as unknown as NodeJS.WriteStream;
    const metrics = new LocalMetrics().capture(stream);
    stream.write(`${emf({ OrdersPaid: 1 }, ['OrdersPaid'])}\n`);
    stream.write('plain log\n');
    await metrics.stop();
    stream.write(`${emf({ OrdersPaid: 1 }, ['OrdersPaid'])}\n`);
    expect(metrics.snapshot().totals).toEqual({ OrdersPaid: 1 });
    expect(written[0]).toBe('plain log\n');
    expect(written).toHaveLength(2);
  });
});
