import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CHROMIUM_MISSING_MESSAGE,
  chromiumLaunchOptions,
  chromiumMissing,
} from '../../browser/support/chromium';

describe('the browser tier’s chromium', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chromium-check-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails with the apt command to run when there is no chromium at the path', () => {
    expect(chromiumMissing(join(dir, 'no-such-chromium'))).toBe(
      'Chromium is missing: apt-get install -y chromium',
    );
    expect(CHROMIUM_MISSING_MESSAGE).toBe('Chromium is missing: apt-get install -y chromium');
  });

  it('fails the same way when the file there cannot be run', () => {
    const notExecutable = join(dir, 'chromium-not-executable');
    writeFileSync(notExecutable, '');
    chmodSync(notExecutable, 0o644);
    expect(chromiumMissing(notExecutable)).toBe(CHROMIUM_MISSING_MESSAGE);
  });

  it('passes when an executable is at the path', () => {
    const executable = join(dir, 'chromium');
    writeFileSync(executable, '#!/bin/sh\n');
    chmodSync(executable, 0o755);
    expect(chromiumMissing(executable)).toBeUndefined();
  });

  it('launches Debian’s chromium without its sandbox only as root, and never calls home', () => {
    const asRoot = chromiumLaunchOptions(true);
    const asUser = chromiumLaunchOptions(false);
    expect(asRoot.executablePath).toBe('/usr/bin/chromium');
    expect(asRoot.args).toContain('--no-sandbox');
    expect(asUser.args).not.toContain('--no-sandbox');
    expect(asUser.args).toEqual(
      expect.arrayContaining([
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ]),
    );
  });
});
