-- Up Migration
-- Version 2: the compliance questions as SQL views, for psql and BI tools. The auditor's API
-- reads audit_events, recipient_registrations and partition_integrity itself; the other views
-- answer the report questions the same way the API does (see apps/auditor/README.md).
-- Times are UTC. Forward-only: there is no Down migration.

-- Every audit event read, with the alerts that name its record.
CREATE VIEW audit_events AS
SELECT
  r.partition,
  r.record_offset,
  r.seq,
  r.event_id,
  to_timestamp(r.decided_ms / 1000.0) AS decided_at,
  r.decided_ms,
  r.decision,
  r.subject_id,
  r.recipient_id,
  r.purpose,
  r.direct_marketing,
  r.reason_codes,
  ARRAY(SELECT jsonb_array_elements_text(r.doc -> 'categoriesShared')) AS categories_shared,
  ARRAY(SELECT jsonb_array_elements_text(r.doc -> 'fieldsShared')) AS fields_shared,
  r.doc -> 'transferMechanism' AS transfer_mechanism,
  r.doc ->> 'shareId' AS share_id,
  r.doc -> 'policy' ->> 'id' AS policy_id,
  r.doc -> 'policy' ->> 'version' AS policy_version,
  ARRAY(
    SELECT DISTINCT a.kind FROM integrity_alerts a
    WHERE a.partition = r.partition AND a.record_offset = r.record_offset
    ORDER BY a.kind
  ) AS alert_kinds,
  r.doc
FROM audit_records r
WHERE r.parsed;

-- Every registration version read from the recipients topic (a tombstone: registered false),
-- in force from valid_from until the next version of the same recipient (valid_to, or null).
CREATE VIEW recipient_registrations AS
SELECT
  v.recipient_id,
  v.partition,
  v.record_offset,
  to_timestamp(v.valid_from_ms / 1000.0) AS valid_from,
  v.valid_from_ms,
  to_timestamp(
    lead(v.valid_from_ms) OVER (
      PARTITION BY v.recipient_id ORDER BY v.valid_from_ms, v.partition, v.record_offset
    ) / 1000.0
  ) AS valid_to,
  v.doc IS NOT NULL AS registered,
  v.doc ->> 'name' AS name,
  v.doc ->> 'address' AS address,
  v.doc ->> 'country' AS country,
  v.doc ->> 'kind' AS kind,
  v.doc
FROM recipient_versions v;

-- Safe Harbor "Access": every allowed share of a subject's data, with the recipient's name and
-- address as registered when it was shared (null when the auditor knows no registration in
-- force then: the recipients topic is compacted).
CREATE VIEW disclosures AS
SELECT
  e.subject_id,
  e.decided_at,
  e.event_id,
  e.share_id,
  e.recipient_id,
  reg.name AS recipient_name,
  reg.address AS recipient_address,
  reg.valid_from AS registered_from,
  e.purpose,
  e.direct_marketing,
  e.categories_shared,
  e.fields_shared,
  e.transfer_mechanism,
  e.policy_id,
  e.policy_version,
  e.partition,
  e.seq,
  e.alert_kinds
FROM audit_events e
LEFT JOIN LATERAL (
  SELECT g.name, g.address, g.valid_from FROM recipient_registrations g
  WHERE g.recipient_id = e.recipient_id AND g.valid_from_ms <= e.decided_ms AND g.registered
    AND (g.valid_to IS NULL OR g.valid_to > e.decided_at)
  ORDER BY g.valid_from_ms DESC, g.partition DESC, g.record_offset DESC
  LIMIT 1
) reg ON true
WHERE e.decision = 'allow';

-- California "Shine the Light" (Civil Code §1798.83): per subject and calendar year (UTC), each
-- business that received the subject's information for its own direct marketing, by name and
-- address as registered then, with the categories shared.
CREATE VIEW shine_the_light AS
SELECT
  d.subject_id,
  extract(year FROM d.decided_at AT TIME ZONE 'UTC')::integer AS year,
  d.recipient_id,
  d.recipient_name,
  d.recipient_address,
  array_remove(array_agg(DISTINCT c.category ORDER BY c.category), NULL) AS categories,
  count(DISTINCT d.event_id)::integer AS shares
FROM disclosures d
LEFT JOIN LATERAL unnest(d.categories_shared) AS c(category) ON true
WHERE d.direct_marketing
GROUP BY d.subject_id, year, d.recipient_id, d.recipient_name, d.recipient_address;

-- Recipients report: allowed (shares), denied and rejected requests per UTC day, recipient and
-- purpose (a rejected request may name no recipient or purpose).
CREATE VIEW recipient_decisions_daily AS
SELECT
  (e.decided_at AT TIME ZONE 'UTC')::date AS day,
  e.recipient_id,
  e.purpose,
  count(*) FILTER (WHERE e.decision = 'allow')::integer AS shares,
  count(*) FILTER (WHERE e.decision = 'deny')::integer AS denials,
  count(*) FILTER (WHERE e.decision NOT IN ('allow', 'deny'))::integer AS rejections
FROM audit_events e
GROUP BY day, e.recipient_id, e.purpose;

-- Integrity per audit partition: red while an alert is open (not acknowledged).
CREATE VIEW partition_integrity AS
SELECT
  p.partition,
  CASE WHEN o.open_alerts > 0 THEN 'red' ELSE 'green' END AS status,
  (SELECT count(*) FROM audit_records r WHERE r.partition = p.partition)::bigint AS records_read,
  (SELECT count(*) FROM audit_records r WHERE r.partition = p.partition AND r.parsed)::bigint
    AS events_verified,
  p.tip_seq AS last_verified_seq,
  p.tip_hash AS last_verified_hash,
  p.tip_offset AS last_verified_offset,
  p.next_offset,
  o.open_alerts
FROM audit_partitions p
CROSS JOIN LATERAL (
  SELECT count(*)::integer AS open_alerts FROM integrity_alerts a
  WHERE a.partition = p.partition AND a.acknowledged_at IS NULL
) o;
