-- Up Migration
-- The auditor's PostgreSQL store, version 1: what SQLite keeps, plus the ownership epoch that
-- fences a stale auditor out of a partition another one has claimed. Offsets and times in ms
-- are bigint; event documents are the received JSON, which holds names, categories and digests
-- only, never data values (DESIGN §3). Forward-only: there is no Down migration.

-- Offsets mean nothing on another Kafka cluster or audit topic: the store says whose it is.
CREATE TABLE store_identity (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  cluster_id text NOT NULL,
  audit_topic text NOT NULL
);

CREATE TABLE audit_partitions (
  partition integer PRIMARY KEY,
  next_offset bigint NOT NULL DEFAULT 0,
  checkpoint_seq bigint,
  checkpoint_hash text,
  checkpoint_offset bigint,
  tip_seq bigint,
  tip_hash text,
  tip_offset bigint,
  owner text,
  owner_epoch bigint NOT NULL DEFAULT 0
);

CREATE TABLE audit_records (
  partition integer NOT NULL,
  record_offset bigint NOT NULL,
  timestamp_ms bigint NOT NULL,
  parsed boolean NOT NULL,
  seq bigint,
  event_id text,
  decision text,
  subject_id text,
  recipient_id text,
  purpose text,
  direct_marketing boolean,
  decided_ms bigint,
  reason_codes text[],
  doc jsonb,
  PRIMARY KEY (partition, record_offset)
);
CREATE INDEX audit_records_time ON audit_records (decided_ms, partition, record_offset)
  WHERE parsed;
CREATE INDEX audit_records_subject ON audit_records (subject_id, decided_ms);
CREATE INDEX audit_records_recipient ON audit_records (recipient_id, decided_ms);
CREATE INDEX audit_records_reasons ON audit_records USING gin (reason_codes);

CREATE TABLE integrity_alerts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  partition integer NOT NULL,
  seq bigint NOT NULL,
  record_offset bigint,
  kind text NOT NULL,
  detail text NOT NULL,
  detected_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  acknowledgement_note text,
  UNIQUE NULLS NOT DISTINCT (partition, kind, seq, record_offset)
);
CREATE INDEX integrity_alerts_record ON integrity_alerts (partition, record_offset);

CREATE TABLE recipient_partitions (
  partition integer PRIMARY KEY,
  next_offset bigint NOT NULL
);

CREATE TABLE recipient_versions (
  partition integer NOT NULL,
  record_offset bigint NOT NULL,
  recipient_id text NOT NULL,
  valid_from_ms bigint NOT NULL,
  doc jsonb,
  PRIMARY KEY (partition, record_offset)
);
CREATE INDEX recipient_versions_id ON recipient_versions (recipient_id, valid_from_ms);
