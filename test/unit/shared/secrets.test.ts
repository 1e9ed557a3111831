import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { secretValue } from '../../../shared/secrets';

describe('secrets', () => {
  afterEach(() => {
    delete process.env.STRIPE_SECRET;
    delete process.env.STRIPE_SECRET_ARN;
  });

  it('takes the value from the environment where the local runtime sets it', async () => {
    process.env.STRIPE_SECRET = 'sk_test_local';
    await expect(secretValue('STRIPE_SECRET')).resolves.toBe('sk_test_local');
  });

  it('reads Secrets Manager through Powertools by the <NAME>_ARN the stack sets', async () => {
    const secrets = mockClient(SecretsManagerClient);
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'sk_live_from_secrets_manager' });
    process.env.STRIPE_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:stripe';
    try {
      await expect(secretValue('STRIPE_SECRET')).resolves.toBe('sk_live_from_secrets_manager');
      expect(secrets.commandCalls(GetSecretValueCommand)[0]?.args[0].input.SecretId).toBe(
        process.env.STRIPE_SECRET_ARN,
      );
    } finally {
      secrets.restore();
    }
  });

  it('fails fast when neither is configured', async () => {
    await expect(secretValue('STRIPE_SECRET')).rejects.toThrow('STRIPE_SECRET_ARN');
  });
});
