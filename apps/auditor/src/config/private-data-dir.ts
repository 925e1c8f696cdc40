import { chmodSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes an existing auditor data dir private: the dir and its subdirs 700, its files 600
 * (the audit store holds subject ids and the history of every disclosure). What the auditor
 * creates from now on is private by its umask (main.ts); this tightens what an older version
 * left world-readable. Two levels deep: `<dataDir>/<clusterId>/<topic>.sqlite[-wal|-shm]`.
 */
export function makeDataDirPrivate(dataDir: string, depth = 2): void {
  if (!existsSync(dataDir)) return;
  chmodSync(dataDir, 0o700);
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    const path = join(dataDir, entry.name);
    if (entry.isDirectory() && depth > 0) makeDataDirPrivate(path, depth - 1);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}
