import type { Pool, PoolClient } from 'pg';
import type { IngestRepository } from '../audit-store';
import { PartitionFencedError } from '../partition-fenced.error';
import type {
  AuditBatchWrite,
  ChainCheckpoint,
  PartitionClaim,
  RecipientBatchWrite,
} from '../store.types';

interface CheckpointRow {
  partition: number;
  next_offset: number;
  checkpoint_seq: number | null;
  checkpoint_hash: string | null;
  checkpoint_offset: number | null;
  owner_epoch: number;
}

// One multi-row insert per batch whatever its size: the rows travel as one JSON array, which
// the server parses once (arrays of text per column cost more to escape on the client, and a
// `doc ->> …` per column of a cast parameter parses the document again for each). ON CONFLICT
// DO NOTHING everywhere: a batch read again after a restart or a handover changes nothing.
const INSERT_RECORDS = `
INSERT INTO audit_records (partition, record_offset, timestamp_ms, parsed, seq, event_id,
  decision, subject_id, recipient_id, purpose, direct_marketing, decided_ms, reason_codes, doc)
SELECT r.p, r.o, r.t, r.doc IS NOT NULL, r.seq, r.doc ->> 'eventId', r.doc ->> 'decision',
  r.doc ->> 'subjectId', r.doc ->> 'recipientId', r.doc ->> 'purpose',
  (r.doc ->> 'directMarketing')::boolean, r.d, r.codes, r.doc
FROM jsonb_to_recordset($1::jsonb)
  AS r(p integer, o bigint, t bigint, seq bigint, d bigint, codes text[], doc jsonb)
ON CONFLICT DO NOTHING`;

const INSERT_ALERTS = `
INSERT INTO integrity_alerts (partition, seq, record_offset, kind, detail, detected_at)
SELECT u.*, $6::timestamptz
FROM unnest($1::integer[], $2::bigint[], $3::bigint[], $4::text[], $5::text[])
  AS u(partition, seq, record_offset, kind, detail)
ON CONFLICT DO NOTHING`;

// Locks the partition's row for the transaction and checks the claim: a newer claim (the row
// lock makes it wait for this batch, or this batch wait for it) fences this one out.
const ADVANCE_PARTITION = `
UPDATE audit_partitions SET
  next_offset = CASE WHEN $3 THEN $4 ELSE next_offset END,
  checkpoint_seq = CASE WHEN $3 THEN $5 ELSE checkpoint_seq END,
  checkpoint_hash = CASE WHEN $3 THEN $6 ELSE checkpoint_hash END,
  checkpoint_offset = CASE WHEN $3 THEN $7 ELSE checkpoint_offset END,
  tip_seq = CASE WHEN $8 THEN $9 ELSE tip_seq END,
  tip_hash = CASE WHEN $8 THEN $10 ELSE tip_hash END,
  tip_offset = CASE WHEN $8 THEN $11 ELSE tip_offset END
WHERE partition = $1 AND owner_epoch = $2`;

/** The ingest side of the PostgreSQL store: idempotent, fenced writes, one transaction each. */
export class PostgresIngestRepository implements IngestRepository {
  constructor(private readonly pool: Pool) {}

  async registerAuditPartitions(partitions: readonly number[]): Promise<void> {
    await this.pool.query(
      `INSERT INTO audit_partitions (partition) SELECT unnest($1::integer[])
      ON CONFLICT DO NOTHING`,
      [partitions],
    );
  }

  async auditCheckpoints(): Promise<Map<number, ChainCheckpoint>> {
    const { rows } = await this.pool.query<CheckpointRow>(
      'SELECT * FROM audit_partitions ORDER BY partition',
    );
    return new Map(rows.map((row) => [row.partition, checkpointOf(row)]));
  }

  async claimAuditPartition(partition: number, owner: string): Promise<PartitionClaim> {
    await this.registerAuditPartitions([partition]);
    const { rows } = await this.pool.query<CheckpointRow>(
      `UPDATE audit_partitions SET owner = $2, owner_epoch = owner_epoch + 1
      WHERE partition = $1 RETURNING *`,
      [partition, owner],
    );
    return { checkpoint: checkpointOf(rows[0]), epoch: rows[0].owner_epoch };
  }

  async writeAuditBatch(batch: AuditBatchWrite): Promise<void> {
    await this.transaction(async (client) => {
      const { checkpoint: cp, tip } = batch;
      const advanced = await client.query(ADVANCE_PARTITION, [
        batch.partition,
        batch.epoch,
        cp !== null,
        cp?.nextOffset ?? null,
        cp?.tip?.seq ?? null,
        cp?.tip?.hash ?? null,
        cp?.tip?.offset ?? null,
        tip !== null,
        tip?.seq ?? null,
        tip?.hash ?? null,
        tip?.offset ?? null,
      ]);
      if (advanced.rowCount !== 1) throw new PartitionFencedError(batch.partition, batch.epoch);
      if (batch.records.length > 0) await client.query(INSERT_RECORDS, [recordRows(batch)]);
      if (batch.alerts.length > 0) {
        const a = batch.alerts;
        await client.query(INSERT_ALERTS, [
          a.map((x) => x.partition),
          a.map((x) => x.seq),
          a.map((x) => (x.offset === null ? null : Number(x.offset))),
          a.map((x) => x.kind),
          a.map((x) => x.detail),
          batch.detectedAt,
        ]);
      }
    });
  }

  async recipientOffsets(): Promise<Map<number, number>> {
    const { rows } = await this.pool.query<{ partition: number; next_offset: number }>(
      'SELECT partition, next_offset FROM recipient_partitions',
    );
    return new Map(rows.map((row) => [row.partition, row.next_offset]));
  }

  async writeRecipientBatch(batch: RecipientBatchWrite): Promise<void> {
    await this.transaction(async (client) => {
      const v = batch.versions;
      await client.query(
        `INSERT INTO recipient_versions (partition, record_offset, recipient_id, valid_from_ms, doc)
        SELECT u.partition, u.record_offset, u.recipient_id, u.valid_from_ms, u.doc::jsonb
        FROM unnest($1::integer[], $2::bigint[], $3::text[], $4::bigint[], $5::text[])
          AS u(partition, record_offset, recipient_id, valid_from_ms, doc)
        ON CONFLICT DO NOTHING`,
        [
          v.map((x) => x.partition),
          v.map((x) => x.offset),
          v.map((x) => x.recipientId),
          v.map((x) => x.validFromMs),
          v.map((x) => (x.recipient ? JSON.stringify(x.recipient) : null)),
        ],
      );
      // Never moved back: a stale reader of a partition handed over may still be writing.
      await client.query(
        `INSERT INTO recipient_partitions (partition, next_offset) VALUES ($1, $2)
        ON CONFLICT (partition)
        DO UPDATE SET next_offset = GREATEST(recipient_partitions.next_offset, excluded.next_offset)`,
        [batch.partition, batch.nextOffset],
      );
    });
  }

  private async transaction(work: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      // A connection that cannot even roll back is discarded, not handed to the next batch.
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/** The records of a batch as the JSON rows of INSERT_RECORDS. */
function recordRows({ records }: AuditBatchWrite): string {
  return JSON.stringify(
    records.map(({ partition, offset, timestampMs, event }) => ({
      p: partition,
      o: offset,
      t: timestampMs,
      seq: event?.seq ?? null,
      d: event ? Date.parse(event.decidedAt) : null,
      codes: event ? [...new Set(event.reasons.map((x) => x.code))].sort() : null,
      doc: event,
    })),
  );
}

function checkpointOf(row: CheckpointRow): ChainCheckpoint {
  const tip =
    row.checkpoint_seq === null || row.checkpoint_hash === null || row.checkpoint_offset === null
      ? null
      : { seq: row.checkpoint_seq, hash: row.checkpoint_hash, offset: row.checkpoint_offset };
  return { tip, nextOffset: row.next_offset };
}
