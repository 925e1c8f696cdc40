import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
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

/** Opens (creating and migrating as needed) the SQLite store at `file`; ':memory:' for tests. */
export function openSqliteStore(file: string): AuditStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // WAL: readers (the API) never block the ingest writer. synchronous=NORMAL may lose the
    // last transactions on power loss, never corrupt; they are read again from their offsets.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    ingest: new SqliteIngestRepository(db),
    query: new SqliteQueryRepository(db),
    location: file,
    close: async () => {
      db.close();
    },
  };
}
