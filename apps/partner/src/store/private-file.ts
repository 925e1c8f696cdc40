import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Makes `file` exist with mode 600 in a directory of mode 700, before SQLite opens it: the
 * shares are personal data, readable by this process's user only. SQLite's `-wal` and `-shm`
 * files take the mode of the database file.
 */
export function preparePrivateFile(file: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}
