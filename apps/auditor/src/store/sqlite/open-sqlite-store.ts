import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigurationError } from '@app/runtime';
import type { AuditStore } from '../audit-store';
import { migrate } from './schema';
import { SqliteIngestRepository } from './sqlite-ingest.repository';
import { SqliteQueryRepository } from './sqlite-query.repository';
import { SqliteNoticeRepository } from '../../notices/sqlite/sqlite-notice.repository';

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
 * SQLite mode is one auditor: a second one started on the same store is refused by name.
 */
export function openSqliteStore(file: string): AuditStore {
  const lock = file === ':memory:' ? null : lockStore(file);
  const db = new Database(file);
  try {
    // WAL: readers (the API, an analyst's sqlite3) never block the ingest writer.
    // synchronous=NORMAL may lose the last transactions on power loss, never corrupt; they are
    // read again from their offsets.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    lock?.close();
    throw error;
  }
  return {
    ingest: new SqliteIngestRepository(db),
    query: new SqliteQueryRepository(db),
    notices: new SqliteNoticeRepository(db),
    shared: false,
    location: file,
    close: async () => {
      db.close();
      lock?.close();
    },
  };
}

/**
 * Holds `<file>.lock` exclusively while the store is open: a second auditor's attempt fails at
 * once, and the kernel lets go of the lock when the process dies (also on kill -9). A lock
 * file of its own, so that the store itself stays readable by other tools meanwhile.
 */
function lockStore(file: string): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const lock = new Database(`${file}.lock`, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    // A write takes the exclusive lock; EXCLUSIVE mode keeps it until the connection closes.
    lock.exec('CREATE TABLE IF NOT EXISTS held (at TEXT); DELETE FROM held');
    return lock;
  } catch (error) {
    lock.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') throw inUse(file);
    throw error;
  }
}

function inUse(file: string): ConfigurationError {
  return new ConfigurationError(
    `the SQLite store ${file} is in use by another auditor: SQLite mode runs one auditor. ` +
      'To run several, give them one PostgreSQL store with AUDITOR_DATABASE_URL=postgres://…',
  );
}
