import type { ScheduleDefinition } from './types';

/** Recurring jobs: EventBridge Scheduler on AWS, timers locally. */
export const schedules: ScheduleDefinition[] = [
  {
    id: 'ReleaseExpiredReservations',
    description: 'Release held reservations whose time ran out (never charging ones)',
    everySeconds: 60,
    envOverride: 'RELEASE_EXPIRED_EVERY_SECONDS',
    handler: 'functions/inventory/handlers/release-expired.handler',
    uses: { tables: { inventory: 'readWrite' }, publishesEvents: true },
  },
];
