import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/**
 * An append-only JSON-lines log that survives `kill -9` at any instant: each entry is written
 * and fdatasynced before `append` returns, and a last line torn by a kill is skipped on
 * reading. `compact` replaces the whole log at once (a temporary file, fsynced, renamed over it).
 */
export class JsonLinesLog<Entry> {
  private fd: number | undefined;

  constructor(private readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
  }

  /** Every whole entry, in the order written. */
  read(): Entry[] {
    if (!existsSync(this.file)) return [];
    const entries: Entry[] = [];
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (line === '') continue;
      try {
        entries.push(JSON.parse(line) as Entry);
      } catch {
        // torn by a kill mid-write: that step never completed
      }
    }
    return entries;
  }

  /** Replaces the log with `entries`, then opens it for appending. */
  compact(entries: Entry[]): void {
    this.close();
    const temporary = `${this.file}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      if (entries.length > 0) writeSync(fd, `${entries.map((entry) => JSON.stringify(entry)).join('\n')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.file);
    const dir = openSync(dirname(this.file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    this.fd = openSync(this.file, 'a');
  }

  append(entry: Entry): void {
    this.fd ??= openSync(this.file, 'a');
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
