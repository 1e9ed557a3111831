import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One folder for every cloud assembly this run synthesizes (see `testAppProps`): an app
 * without an `outdir` gets a `cdk.out*` folder of its own in the system temp folder, which
 * nothing removes. Environment set here reaches the test workers, which are started afterwards.
 */
export default function infraGlobalSetup(): void {
  process.env.BAZAAR_TEST_SYNTH_DIR = mkdtempSync(join(tmpdir(), 'bazaar-synth-'));
}
