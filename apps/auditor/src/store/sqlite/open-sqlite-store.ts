import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigurationError } from '@app/runtime';
import type { AuditStore } from '../audit-store';
import { migrate } from './schema';
import { SqliteIngestRepository } from './sqlite-ingest.repository';
import { SqliteQueryRepository } from './sqlite-query.repository';

/**
 * The store file of one audit topic on one Kafka cluster. Offsets mean nothing on another
 * cluster or topic (a local broker is formatted afresh on every start), so each pair gets its
 * own file instead of a store that would silently skip the first records of a new topic.
 */
export function storeFileFor(dataDir: string, clusterId: string, auditTopic: string): string {
  const safe = (name: string): string => name.replace(/[^a-zA-Z0-9._-]/g, '_');
  return join(dataDir, safe(clusterId), `${safe(auditTopic)}.sqlite`);
}

/**
 * Opens (creating and migrating as needed) the SQLite store at `file`; ':memory:' for tests.
 * The file is locked for this process until it closes (the kernel lets go on kill -9): SQLite
 * mode is one auditor, and a second one started on the same store is refused by name.
 */
export function openSqliteStore(file: string): AuditStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 200 });
  try {
    // EXCLUSIVE before WAL: the lock is taken at the first access and held, and WAL then needs
    // no shared memory. One connection serves the ingest and the API, so nothing waits on it.
    db.pragma('locking_mode = EXCLUSIVE');
    // WAL: an interrupted write never corrupts. synchronous=NORMAL may lose the last
    // transactions on power loss, never corrupt; they are read again from their offsets.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    db.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') throw inUse(file);
    throw error;
  }
  return {
    ingest: new SqliteIngestRepository(db),
    query: new SqliteQueryRepository(db),
    shared: false,
    location: file,
    close: async () => {
      db.close();
    },
  };
}

function inUse(file: string): ConfigurationError {
  return new ConfigurationError(
    `the SQLite store ${file} is in use by another auditor: SQLite mode runs one auditor. ` +
      'To run several, give them one PostgreSQL store with AUDITOR_DATABASE_URL=postgres://…',
  );
}
