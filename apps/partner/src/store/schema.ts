import type Database from 'better-sqlite3';

/**
 * The partner's tables. `shares`: one row per shareId (a redelivered share replaces itself).
 * `skipped`: records that were not stored, by position and reason code only, never their bytes.
 * `notices`: notices applied, so a redelivered notice is acknowledged again, not re-applied.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS shares (
  share_id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL,
  subject_ref TEXT NOT NULL,
  purpose TEXT NOT NULL,
  data TEXT NOT NULL,
  policy_id TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  policy_digest TEXT NOT NULL,
  shared_at TEXT NOT NULL,
  kafka_partition INTEGER NOT NULL,
  kafka_offset TEXT NOT NULL,
  stored_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS shares_by_subject ON shares (subject_ref, purpose);
CREATE TABLE IF NOT EXISTS skipped (
  kafka_partition INTEGER NOT NULL,
  kafka_offset TEXT NOT NULL,
  reason TEXT NOT NULL,
  violations INTEGER NOT NULL,
  skipped_at TEXT NOT NULL,
  PRIMARY KEY (kafka_partition, kafka_offset)
);
CREATE TABLE IF NOT EXISTS notices (
  notice_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  subject_ref TEXT NOT NULL,
  deleted INTEGER NOT NULL,
  applied_at TEXT NOT NULL
);
`;

/** Creates the tables when missing. */
export function migrate(db: Database.Database): void {
  db.exec(SCHEMA);
}
