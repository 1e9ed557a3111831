import { Timers } from '../../../local/timers';
import { eventually } from '../../support/api';

describe('local timers', () => {
  it('runs a job on its schedule with a scheduler-shaped event and never overlaps runs', async () => {
    const timers = new Timers();
    let concurrent = 0;
    let maxConcurrent = 0;
    const sources: string[] = [];
    timers.schedule({
      id: 'sweeper',
      everySeconds: 0.05,
      run: async (event) => {
        sources.push(event.source);
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise((resolve) => setTimeout(resolve, 120));
        concurrent--;
      },
    });
    // Three finished runs of 120 ms each span several 50 ms ticks, each of which would have overlapped.
    await eventually(async () => ((timers.runs.get('sweeper') ?? 0) >= 3 ? true : undefined));
    await timers.stop();
    expect(timers.runs.get('sweeper')).toBeGreaterThanOrEqual(3);
    expect(maxConcurrent).toBe(1);
    expect(new Set(sources)).toEqual(new Set(['aws.scheduler']));
  });

  it('keeps the schedule going after a failing run and logs the failure', async () => {
    const failures: unknown[] = [];
    const timers = new Timers((_message, fields) => failures.push(fields));
    let runs = 0;
    timers.schedule({
      id: 'flaky',
      everySeconds: 0.03,
      run: async () => {
        runs++;
        if (runs === 1) throw new Error('boom');
      },
    });
    await eventually(async () => (runs > 1 ? true : undefined));
    await timers.stop();
    expect(runs).toBeGreaterThan(1);
    expect(failures).toEqual([expect.objectContaining({ job: 'flaky', error: 'boom' })]);
  });
});
