import { checkHealth } from '../../../functions/platform/health';

describe('checkHealth', () => {
  it('is ok when the table answers and no setting is missing', async () => {
    expect(await checkHealth({ probeTable: async () => undefined, missingSettings: () => [] })).toEqual({
      status: 'ok',
      components: { table: 'up', configuration: 'up' },
    });
  });

  it('is degraded, naming the table, when the table does not answer', async () => {
    const health = await checkHealth({
      probeTable: () => Promise.reject(new Error('ResourceNotFoundException')),
      missingSettings: () => [],
    });
    expect(health).toEqual({ status: 'degraded', components: { table: 'down', configuration: 'up' } });
  });

  it('is degraded, naming the configuration, when a setting is missing', async () => {
    const health = await checkHealth({
      probeTable: async () => undefined,
      missingSettings: () => ['AUTH_ISSUER'],
    });
    expect(health).toEqual({ status: 'degraded', components: { table: 'up', configuration: 'down' } });
  });
});
