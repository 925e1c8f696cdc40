/**
 * The SQLite schema, versioned with `PRAGMA user_version`. Offsets and timestamps are
 * INTEGERs (Kafka offsets stay far below 2^53); event documents are the received JSON, which
 * holds names, categories and digests only, never data values (DESIGN §3).
 */
import type Database from 'better-sqlite3';

const V1 = `
CREATE TABLE audit_partitions (
  partition INTEGER PRIMARY KEY,
  next_offset INTEGER NOT NULL DEFAULT 0,
  checkpoint_seq INTEGER,
  checkpoint_hash TEXT,
  checkpoint_offset INTEGER,
  tip_seq INTEGER,
  tip_hash TEXT,
  tip_offset INTEGER
);
CREATE TABLE audit_records (
  partition INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  timestamp_ms INTEGER NOT NULL,
  parsed INTEGER NOT NULL,
  seq INTEGER,
  event_id TEXT,
  decision TEXT,
  subject_id TEXT,
  recipient_id TEXT,
  purpose TEXT,
  direct_marketing INTEGER,
  decided_ms INTEGER,
  doc TEXT,
  PRIMARY KEY (partition, offset)
) WITHOUT ROWID;
CREATE INDEX audit_records_time ON audit_records (decided_ms, partition, offset) WHERE parsed = 1;
CREATE INDEX audit_records_subject ON audit_records (subject_id, decided_ms);
CREATE INDEX audit_records_recipient ON audit_records (recipient_id, decided_ms);
CREATE TABLE audit_reasons (
  partition INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  code TEXT NOT NULL,
  PRIMARY KEY (partition, offset, code)
) WITHOUT ROWID;
CREATE INDEX audit_reasons_code ON audit_reasons (code);
CREATE TABLE integrity_alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  partition INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  offset INTEGER,
  offset_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledgement_note TEXT,
  UNIQUE (partition, kind, seq, offset_key)
);
CREATE INDEX integrity_alerts_record ON integrity_alerts (partition, offset);
CREATE TABLE recipient_partitions (
  partition INTEGER PRIMARY KEY,
  next_offset INTEGER NOT NULL
);
CREATE TABLE recipient_versions (
  partition INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  recipient_id TEXT NOT NULL,
  valid_from_ms INTEGER NOT NULL,
  doc TEXT,
  PRIMARY KEY (partition, offset)
) WITHOUT ROWID;
CREATE INDEX recipient_versions_id ON recipient_versions (recipient_id, valid_from_ms);
`;

// Subject notices (issue 14): notices are the notice.sent events above, found by noticeId;
// acknowledgements are read from the recipients' notice-acks topics, one row per record.
const V2_NOTICES = `
CREATE INDEX audit_records_notice ON audit_records (json_extract(doc, '$.notice.noticeId'))
  WHERE decision = 'notice';
CREATE INDEX audit_records_notice_subject ON audit_records (subject_id, decided_ms)
  WHERE decision = 'notice';
CREATE TABLE notice_acks (
  topic TEXT NOT NULL,
  partition INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  recipient_id TEXT NOT NULL,
  timestamp_ms INTEGER NOT NULL,
  notice_id TEXT,
  status TEXT,
  note TEXT,
  acked_at TEXT,
  fault TEXT,
  detail TEXT,
  PRIMARY KEY (topic, partition, offset)
) WITHOUT ROWID;
CREATE INDEX notice_acks_notice ON notice_acks (notice_id, recipient_id);
CREATE TABLE notice_ack_partitions (
  topic TEXT NOT NULL,
  partition INTEGER NOT NULL,
  next_offset INTEGER NOT NULL,
  PRIMARY KEY (topic, partition)
) WITHOUT ROWID;
`;

/** The reports count a period's allowed shares or denials apart (GROUP BY in the store). */
const V3_REPORT_INDEX = `
CREATE INDEX audit_records_decision_time ON audit_records (decision, decided_ms) WHERE parsed = 1;
`;

const MIGRATIONS: readonly string[] = [V1, V2_NOTICES, V3_REPORT_INDEX];

/** Brings the database to the latest schema version, one transaction per step. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    // A newer auditor wrote this file; reading it with an older schema could misreport.
    throw new Error(`store schema version ${current} is newer than this auditor knows`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
