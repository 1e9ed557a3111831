import { randomUUID } from 'node:crypto';

export interface TimerJob {
  id: string;
  everySeconds: number;
  run(event: ScheduledEvent): Promise<unknown>;
}

export interface ScheduledEvent {
  version: '0';
  id: string;
  'detail-type': 'Scheduled Event';
  source: 'aws.scheduler';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, never>;
}

/**
 * The local stand-in for EventBridge Scheduler: each job runs every N seconds. A run that is
 * still going when the next is due is not overlapped; errors are logged and the schedule goes on.
 */
export class Timers {
  private readonly handles: NodeJS.Timeout[] = [];
  private readonly running = new Set<string>();
  readonly runs = new Map<string, number>();

  constructor(private readonly log?: (message: string, fields: Record<string, unknown>) => void) {}

  schedule(job: TimerJob): void {
    this.runs.set(job.id, 0);
    const handle = setInterval(() => void this.fire(job), job.everySeconds * 1000);
    this.handles.push(handle);
  }

  async fire(job: TimerJob): Promise<void> {
    if (this.running.has(job.id)) return;
    this.running.add(job.id);
    try {
      await job.run({
        version: '0',
        id: randomUUID(),
        'detail-type': 'Scheduled Event',
        source: 'aws.scheduler',
        account: '000000000000',
        time: new Date().toISOString(),
        region: process.env.AWS_REGION ?? 'us-east-1',
        resources: [`arn:aws:scheduler:us-east-1:000000000000:schedule/default/${job.id}`],
        detail: {},
      });
    } catch (error) {
      this.log?.('Scheduled job failed', { job: job.id, error: (error as Error).message });
    } finally {
      this.running.delete(job.id);
      this.runs.set(job.id, (this.runs.get(job.id) ?? 0) + 1);
    }
  }

  async stop(): Promise<void> {
    for (const handle of this.handles) clearInterval(handle);
    while (this.running.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
