import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort } from './ports';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Where the npm package `amplify-dynamodb-simulator` keeps AWS's DynamoDB Local. */
export function dynamoDbLocalJar(): string {
  const packageJson = require.resolve('amplify-dynamodb-simulator/package.json');
  const jar = join(dirname(packageJson), 'emulator', 'DynamoDBLocal.jar');
  if (!existsSync(jar)) throw new Error(`DynamoDB Local not found at ${jar}; run npm ci`);
  return jar;
}

/**
 * Starts AWS's DynamoDB Local with Java on a free port: in memory, or persisted under
 * `dataDir`. Resolves once it answers requests; the returned `stop` kills it and waits.
 */
export async function startDynamoDbLocal(
  options: { dataDir?: string; port?: number } = {},
): Promise<DynamoDbLocal> {
  const jar = dynamoDbLocalJar();
  const port = options.port ?? (await freePort());
  const storage = options.dataDir ? ['-dbPath', ensureDir(options.dataDir)] : ['-inMemory'];
  const javaArgs = [
    '-Xms128m',
    '-Xmx1g',
    '-XX:+UseSerialGC',
    // C1 only: on two cores C2's compiles took a quarter of Java's CPU while the demo seed
    // loaded, and steady reads measured the same either way (issue 11's bench).
    '-XX:TieredStopAtLevel=1',
    `-Djava.library.path=${join(dirname(jar), 'DynamoDBLocal_lib')}`,
    '-jar',
    jar,
    '-sharedDb',
    '-disableTelemetry',
    '-port',
    String(port),
    ...storage,
  ];
  // A small shell watchdog owns Java: it stops Java when asked, and also when this Node
  // process dies without asking (SIGKILL, a crash), so no orphan keeps the port.
  const watchdog = [
    'java "$@" &',
    'JAVA_PID=$!',
    "trap 'kill $JAVA_PID 2>/dev/null; wait $JAVA_PID; exit 0' TERM INT",
    'while kill -0 "$BAZAAR_PARENT_PID" 2>/dev/null && kill -0 $JAVA_PID 2>/dev/null; do sleep 1; done',
    'kill $JAVA_PID 2>/dev/null; wait $JAVA_PID',
  ].join('\n');
  const child: ChildProcess = spawn('sh', ['-c', watchdog, 'dynamodb-local', ...javaArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BAZAAR_PARENT_PID: String(process.pid) },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.once('error', (error) => {
    output += String(error);
  });

  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  let ready = false;
  while (!ready) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`DynamoDB Local exited during start-up (is Java >= 17 installed?):\n${output}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`DynamoDB Local did not start within 60 s:\n${output}`);
    }
    ready = await fetch(endpoint, { signal: AbortSignal.timeout(500) }).then(
      () => true,
      () => false,
    );
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    endpoint,
    port,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
