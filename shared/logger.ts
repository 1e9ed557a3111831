import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger per container; services name themselves through POWERTOOLS_SERVICE_NAME. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bazaar' });
