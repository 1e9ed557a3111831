import type { ScheduleDefinition } from './types';

/** Recurring jobs: EventBridge Scheduler on AWS, timers locally. */
export const schedules: ScheduleDefinition[] = [];
