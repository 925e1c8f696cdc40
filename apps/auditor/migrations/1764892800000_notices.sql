-- Up Migration
-- Version 4: subject notices and their acknowledgements (issue 14, DESIGN §7). A notice is the
-- notice.sent audit event the ingest already stores (found by its noticeId); acknowledgements
-- are the records of the recipients' <prefix>notice-acks.<recipientId> topics, one row per
-- record, kept with the fault of a malformed or wrongly keyed one. Whether an acknowledgement
-- answers a notice sent to its recipient is decided when it is read (the views below), since
-- the audit and acknowledgement topics are not ordered. Forward-only: there is no Down migration.

CREATE INDEX audit_records_notice ON audit_records ((doc -> 'notice' ->> 'noticeId'))
  WHERE decision = 'notice';
CREATE INDEX audit_records_notice_subject ON audit_records (subject_id, decided_ms)
  WHERE decision = 'notice';

CREATE TABLE notice_acks (
  topic text NOT NULL,
  partition integer NOT NULL,
  record_offset bigint NOT NULL,
  recipient_id text NOT NULL,
  timestamp_ms bigint NOT NULL,
  notice_id text,
  status text,
  note text,
  acked_at text,
  fault text,
  detail text,
  PRIMARY KEY (topic, partition, record_offset)
);
CREATE INDEX notice_acks_notice ON notice_acks (notice_id, recipient_id);

CREATE TABLE notice_ack_partitions (
  topic text NOT NULL,
  partition integer NOT NULL,
  next_offset bigint NOT NULL,
  PRIMARY KEY (topic, partition)
);

-- Every notice sent, with its recipient's latest accepted answer (null: none yet).
CREATE VIEW subject_notices AS
SELECT
  n.subject_id,
  n.doc -> 'notice' ->> 'noticeId' AS notice_id,
  n.recipient_id,
  n.doc -> 'notice' ->> 'kind' AS kind,
  n.doc -> 'notice' ->> 'cause' AS cause,
  ARRAY(SELECT jsonb_array_elements_text(n.doc -> 'notice' -> 'purposes')) AS purposes,
  ARRAY(SELECT jsonb_array_elements_text(n.doc -> 'categoriesShared')) AS categories,
  to_timestamp(n.decided_ms / 1000.0) AS noticed_at,
  n.decided_ms,
  a.status AS answer,
  a.acked_at AS answered_at,
  n.partition,
  n.record_offset,
  n.seq
FROM audit_records n
LEFT JOIN LATERAL (
  SELECT x.status, x.acked_at FROM notice_acks x
  WHERE x.notice_id = n.doc -> 'notice' ->> 'noticeId' AND x.recipient_id = n.recipient_id
    AND x.fault IS NULL
  ORDER BY x.timestamp_ms DESC, x.partition DESC, x.record_offset DESC
  LIMIT 1
) a ON true
WHERE n.decision = 'notice';

-- The recipients report counted every decision but allow and deny as a rejection; a notice is
-- neither a request nor a rejection: counted apart.
CREATE OR REPLACE VIEW recipient_decisions_daily AS
SELECT
  (e.decided_at AT TIME ZONE 'UTC')::date AS day,
  e.recipient_id,
  e.purpose,
  count(*) FILTER (WHERE e.decision = 'allow')::integer AS shares,
  count(*) FILTER (WHERE e.decision = 'deny')::integer AS denials,
  count(*) FILTER (WHERE e.decision = 'reject')::integer AS rejections,
  count(*) FILTER (WHERE e.decision = 'notice')::integer AS notices
FROM audit_events e
GROUP BY day, e.recipient_id, e.purpose;
