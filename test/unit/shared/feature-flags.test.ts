import { isEnabled, requireFeature } from '../../../shared/feature-flags';

describe('feature flags from the environment', () => {
  afterEach(() => {
    delete process.env.FEATURE_REVIEWS;
  });

  it('is on unless switched off', async () => {
    expect(await isEnabled('reviews')).toBe(true);
    process.env.FEATURE_REVIEWS = 'off';
    expect(await isEnabled('reviews')).toBe(false);
    expect(await isEnabled('recommendations')).toBe(true);
  });

  it('turns a switched-off feature into 503 FEATURE_DISABLED', async () => {
    process.env.FEATURE_REVIEWS = 'false';
    await expect(requireFeature('reviews')).rejects.toMatchObject({ status: 503, code: 'FEATURE_DISABLED' });
    await expect(requireFeature('recommendations')).resolves.toBeUndefined();
  });
});

describe('feature flags from SSM (as on AWS)', () => {
  it('reads one JSON parameter through Powertools and honours its switches', async () => {
    const { mockClient } = await import('aws-sdk-client-mock');
    const { GetParameterCommand, SSMClient } = await import('@aws-sdk/client-ssm');
    const ssm = mockClient(SSMClient);
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: JSON.stringify({ reviews: false }) } });
    process.env.FEATURE_FLAGS_PARAMETER = '/bazaar/dev/feature-flags';
    try {
      expect(await isEnabled('reviews')).toBe(false);
      expect(await isEnabled('recommendations')).toBe(true);
      expect(ssm.commandCalls(GetParameterCommand)[0]?.args[0].input.Name).toBe('/bazaar/dev/feature-flags');
    } finally {
      delete process.env.FEATURE_FLAGS_PARAMETER;
      ssm.restore();
    }
  });
});
