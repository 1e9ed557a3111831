import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../../shared/clients';
import type { HealthDeps } from './health';

/** What every route function is configured with, besides its table (see the CDK wiring). */
const REQUIRED_SETTINGS = ['RATE_LIMITS_TABLE_NAME', 'AUTH_ISSUER', 'AUTH_JWKS_URI'];

/** The rate-limits table (every rate-limited route's) answering DescribeTable as ACTIVE. */
export function healthDeps(): HealthDeps {
  return {
    async probeTable() {
      const tableName = process.env.RATE_LIMITS_TABLE_NAME;
      if (!tableName) throw new Error('RATE_LIMITS_TABLE_NAME is not set');
      const { Table } = await dynamo().send(new DescribeTableCommand({ TableName: tableName }));
      if (Table?.TableStatus !== 'ACTIVE') throw new Error(`Table ${tableName} is ${Table?.TableStatus}`);
    },
    missingSettings: () => REQUIRED_SETTINGS.filter((name) => !process.env[name]),
  };
}
