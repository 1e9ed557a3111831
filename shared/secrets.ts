import { requireEnv } from './config';

/**
 * A secret: from an environment variable where one is set (the local runtime), else from
 * Secrets Manager through Powertools, cached for five minutes (on AWS, `<NAME>_ARN`).
 */
export async function secretValue(name: string): Promise<string> {
  const direct = process.env[name];
  if (direct) return direct;
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const secret = await getSecret(requireEnv(`${name}_ARN`), { maxAge: 300 });
  if (typeof secret !== 'string' || secret === '') throw new Error(`The secret behind ${name}_ARN is empty`);
  return secret;
}
