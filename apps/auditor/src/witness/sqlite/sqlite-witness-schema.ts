/**
 * The SQLite witness file's schema, versioned with `PRAGMA user_version` like the auditor's
 * store (store/sqlite/schema.ts) but in its own file, so the two number their steps apart.
 * Version 1 is the first witness schema (files written before versioning hold it at
 * user_version 0, hence IF NOT EXISTS); version 2 adds the stored tree nodes and compact
 * ranges (as the PostgreSQL migration 1764806400000_witness-tree-nodes does).
 */
import type Database from 'better-sqlite3';

const V1 = `
CREATE TABLE IF NOT EXISTS witness_leaves (
  partition INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  canonical BLOB NOT NULL,
  leaf_hash BLOB NOT NULL,
  PRIMARY KEY (partition, seq)
);
CREATE INDEX IF NOT EXISTS witness_leaves_event ON witness_leaves (event_id);
CREATE TABLE IF NOT EXISTS witness_heads (
  partition INTEGER PRIMARY KEY,
  size INTEGER NOT NULL,
  root_hash BLOB NOT NULL,
  note TEXT NOT NULL,
  cosigned_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS witness_alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  partition INTEGER NOT NULL,
  size INTEGER NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  UNIQUE (partition, size, kind)
);
`;

// Node (level, node_index): the root of leaves [node_index·2^level, (node_index+1)·2^level).
// Leaves stored before version 2 start at range size 0; the witness builds their nodes.
const V2 = `
CREATE TABLE witness_nodes (
  partition INTEGER NOT NULL,
  level INTEGER NOT NULL,
  node_index INTEGER NOT NULL,
  hash BLOB NOT NULL,
  PRIMARY KEY (partition, level, node_index)
) WITHOUT ROWID;
CREATE TABLE witness_ranges (
  partition INTEGER PRIMARY KEY,
  size INTEGER NOT NULL,
  peaks BLOB NOT NULL
);
INSERT INTO witness_ranges (partition, size, peaks)
SELECT DISTINCT partition, 0, x'' FROM witness_leaves;
`;

const MIGRATIONS: readonly string[] = [V1, V2];

/** Brings the witness file to the latest schema version, one transaction per step. */
export function migrateWitness(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`witness schema version ${current} is newer than this auditor knows`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** The schema steps (tests bring a file to an older version with them). */
export const WITNESS_SCHEMA_STEPS = MIGRATIONS;
