-- Up Migration
-- Version 3: the transparency witness (issue 13) in the shared store, so that the auditors of
-- one database share one witness state instead of a SQLite file each. The same tables as the
-- SQLite witness: the leaves it verified, its latest cosigned checkpoint per partition and its
-- alerts. Several auditors write them at once: leaves and alerts are inserted once, and the
-- head only moves forward (PostgresWitnessRepository). Forward-only: there is no Down migration.

-- Leaf `seq` of a partition's tree is the audit event with that seq: its canonical JSON bytes
-- (names, categories and digests only, never data values) and their RFC 9162 leaf hash.
CREATE TABLE witness_leaves (
  partition integer NOT NULL,
  seq bigint NOT NULL,
  event_id text NOT NULL,
  canonical bytea NOT NULL,
  leaf_hash bytea NOT NULL,
  PRIMARY KEY (partition, seq)
);
CREATE INDEX witness_leaves_event ON witness_leaves (event_id);

CREATE TABLE witness_heads (
  partition integer PRIMARY KEY,
  size bigint NOT NULL,
  root_hash bytea NOT NULL,
  note text NOT NULL,
  cosigned_at timestamptz NOT NULL
);

CREATE TABLE witness_alerts (
  id bigserial PRIMARY KEY,
  partition integer NOT NULL,
  size bigint NOT NULL,
  kind text NOT NULL,
  detail text NOT NULL,
  detected_at timestamptz NOT NULL,
  UNIQUE (partition, size, kind)
);
