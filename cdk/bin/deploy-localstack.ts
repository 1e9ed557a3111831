/**
 * `npm run deploy:localstack [-- extra cdk deploy arguments]`: bootstraps LocalStack's
 * account and deploys the Bazaar stack into it with the plain CDK CLI, pointed at LocalStack
 * the way `cdklocal` (the aws-cdk-local package) would: every SDK call to one endpoint, S3
 * assets path-style, LocalStack's fixed test account and credentials. When `cdklocal` is
 * installed it is used instead. LocalStack must already be running (README, "LocalStack").
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');
/** The account LocalStack answers for whatever credentials it is given. */
export const LOCALSTACK_ACCOUNT = '000000000000';

/** The environment the CDK CLI, and the app it synthesizes, need to talk to LocalStack. */
export function localstackEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> & { AWS_ENDPOINT_URL: string } {
  const endpoint = env.AWS_ENDPOINT_URL ?? env.LOCALSTACK_ENDPOINT ?? 'http://localhost:4566';
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  return {
    AWS_ENDPOINT_URL: endpoint,
    // Bucket-in-host names (bucket.localhost) do not resolve everywhere; LocalStack serves path-style.
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_S3_FORCE_PATH_STYLE: '1',
    AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID ?? 'test',
    AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY ?? 'test',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    CDK_DEFAULT_ACCOUNT: LOCALSTACK_ACCOUNT,
    CDK_DEFAULT_REGION: region,
  };
}

/** What `cdk` invocation to use: LocalStack's own wrapper when installed, else the project's CDK CLI. */
function cdkCommand(): { command: string; viaWrapper: boolean } {
  const wrapper = join(REPO_ROOT, 'node_modules', '.bin', 'cdklocal');
  if (existsSync(wrapper)) return { command: wrapper, viaWrapper: true };
  return { command: join(REPO_ROOT, 'node_modules', '.bin', 'cdk'), viaWrapper: false };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  console.log(`$ ${[command.replace(`${REPO_ROOT}/`, ''), ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: REPO_ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main(): void {
  const settings = localstackEnvironment();
  // A profile would send the CLI to real AWS credentials and regions; LocalStack needs none.
  const { AWS_PROFILE: _profile, AWS_SESSION_TOKEN: _token, ...inherited } = process.env;
  const env = { ...inherited, ...settings };
  const { command, viaWrapper } = cdkCommand();
  console.log(
    `Deploying to LocalStack at ${settings.AWS_ENDPOINT_URL} (${settings.AWS_REGION}) with ${
      viaWrapper ? 'cdklocal' : 'the plain CDK CLI'
    }`,
  );
  const extra = process.argv.slice(2);
  run(command, ['bootstrap', `aws://${LOCALSTACK_ACCOUNT}/${settings.AWS_REGION}`], env);
  run(command, ['deploy', '--require-approval', 'never', '-c', 'stage=local', ...extra], env);
}

if (require.main === module) main();
