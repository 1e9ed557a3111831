import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../atomic-file';
import type { StoredResult } from './idempotency';
import type { LedgerSnapshot } from './ledger';
import type { StripeEvent } from './types';

export interface KeptState {
  engine: LedgerSnapshot;
  events: StripeEvent[];
  idempotency: Array<[string, StoredResult]>;
}

/** The server's state in one JSON file, replaced whole (temporary file, fsync, rename) so a kill never tears it. */
export class StateFile {
  constructor(private readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
  }

  read(): KeptState | undefined {
    return existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as KeptState) : undefined;
  }

  write(state: KeptState): void {
    writeFileAtomic(this.file, JSON.stringify(state));
  }
}
