import { rmSync } from 'node:fs';

export default function infraGlobalTeardown(): void {
  const runFolder = process.env.BAZAAR_TEST_SYNTH_DIR;
  if (runFolder) rmSync(runFolder, { recursive: true, force: true });
}
