import { LOCALSTACK_ACCOUNT, localstackEnvironment } from '../../cdk/bin/deploy-localstack';
import { synthBazaar, TemplateIndex } from './support/templates';

describe('npm run deploy:localstack', () => {
  it('points every SDK call at LocalStack with its test account, defaulting to localhost:4566', () => {
    expect(localstackEnvironment({})).toMatchObject({
      AWS_ENDPOINT_URL: 'http://localhost:4566',
      AWS_ENDPOINT_URL_S3: 'http://localhost:4566',
      AWS_S3_FORCE_PATH_STYLE: '1',
      CDK_DEFAULT_ACCOUNT: LOCALSTACK_ACCOUNT,
      CDK_DEFAULT_REGION: 'us-east-1',
    });
    expect(localstackEnvironment({ AWS_ENDPOINT_URL: 'http://ls:4566' }).AWS_ENDPOINT_URL_S3).toBe(
      'http://ls:4566',
    );
  });

  it('synthesizes the whole app for the local stage with those settings', () => {
    const saved = { ...process.env };
    Object.assign(process.env, localstackEnvironment({}));
    try {
      const { stack, template } = synthBazaar({ stage: 'local' });
      expect(stack.stackName).toBe('Bazaar-local');
      expect(stack.account).toBe(LOCALSTACK_ACCOUNT);
      expect(stack.region).toBe('us-east-1');
      expect(new TemplateIndex(template).ofType('AWS::Lambda::Function').length).toBeGreaterThan(80);
    } finally {
      process.env = saved;
    }
  });
});
