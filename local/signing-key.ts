import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The local issuer's RSA key: kept in the data dir so tokens outlive a restart, else fresh. */
export function issuerKey(dataDir: string | undefined): { privateKeyPem: string; keyId: string } {
  const file = dataDir ? join(dataDir, 'issuer-key.pem') : undefined;
  if (file && existsSync(file)) return { privateKeyPem: readFileSync(file, 'utf8'), keyId: 'bazaar-local-1' };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  if (file) writeFileSync(file, privateKeyPem, { mode: 0o600 });
  return { privateKeyPem, keyId: 'bazaar-local-1' };
}
