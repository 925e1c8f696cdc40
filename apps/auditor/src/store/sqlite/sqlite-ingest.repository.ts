import type Database from 'better-sqlite3';
import type { ChainAlert } from '@app/contracts';
import type { IngestRepository } from '../audit-store';
import type {
  AuditBatchWrite,
  AuditRecord,
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
}

/** The ingest side of the SQLite store: idempotent writes, one transaction per batch. */
export class SqliteIngestRepository implements IngestRepository {
  private readonly insertRecord;
  private readonly insertReason;
  private readonly insertAlert;
  private readonly upsertPartition;
  private readonly upsertCheckpoint;
  private readonly upsertTip;
  private readonly insertVersion;
  private readonly upsertRecipientOffset;
  private readonly auditBatch;
  private readonly recipientBatch;

  constructor(private readonly db: Database.Database) {
    // INSERT OR IGNORE everywhere: a batch read again after a restart changes nothing.
    this.insertRecord = db.prepare(`INSERT OR IGNORE INTO audit_records
      (partition, offset, timestamp_ms, parsed, seq, event_id, decision, subject_id,
       recipient_id, purpose, direct_marketing, decided_ms, doc)
      VALUES (@partition, @offset, @timestampMs, @parsed, @seq, @eventId, @decision, @subjectId,
       @recipientId, @purpose, @directMarketing, @decidedMs, @doc)`);
    this.insertReason = db.prepare(
      'INSERT OR IGNORE INTO audit_reasons (partition, offset, code) VALUES (?, ?, ?)',
    );
    this.insertAlert = db.prepare(`INSERT OR IGNORE INTO integrity_alerts
      (partition, seq, offset, offset_key, kind, detail, detected_at)
      VALUES (@partition, @seq, @offset, @offsetKey, @kind, @detail, @detectedAt)`);
    this.upsertPartition = db.prepare(
      'INSERT OR IGNORE INTO audit_partitions (partition, next_offset) VALUES (?, 0)',
    );
    this.upsertCheckpoint = db.prepare(`UPDATE audit_partitions SET next_offset = @nextOffset,
      checkpoint_seq = @seq, checkpoint_hash = @hash, checkpoint_offset = @offset
      WHERE partition = @partition`);
    this.upsertTip = db.prepare(`UPDATE audit_partitions
      SET tip_seq = @seq, tip_hash = @hash, tip_offset = @offset WHERE partition = @partition`);
    this.insertVersion = db.prepare(`INSERT OR IGNORE INTO recipient_versions
      (partition, offset, recipient_id, valid_from_ms, doc)
      VALUES (@partition, @offset, @recipientId, @validFromMs, @doc)`);
    this.upsertRecipientOffset =
      db.prepare(`INSERT INTO recipient_partitions (partition, next_offset)
      VALUES (?, ?) ON CONFLICT (partition)
      DO UPDATE SET next_offset = max(next_offset, excluded.next_offset)`);
    this.auditBatch = db.transaction((batch: AuditBatchWrite) => this.applyAuditBatch(batch));
    this.recipientBatch = db.transaction((batch: RecipientBatchWrite) =>
      this.applyRecipientBatch(batch),
    );
  }

  async registerAuditPartitions(partitions: readonly number[]): Promise<void> {
    this.db.transaction(() => partitions.forEach((p) => this.upsertPartition.run(p)))();
  }

  async auditCheckpoints(): Promise<Map<number, ChainCheckpoint>> {
    const rows = this.db
      .prepare('SELECT * FROM audit_partitions ORDER BY partition')
      .all() as CheckpointRow[];
    return new Map(rows.map((row) => [row.partition, checkpointOf(row)]));
  }

  /** One auditor per SQLite file (the file is locked), so there is nobody to fence: epoch 0. */
  async claimAuditPartition(partition: number): Promise<PartitionClaim> {
    this.upsertPartition.run(partition);
    const row = this.db
      .prepare('SELECT * FROM audit_partitions WHERE partition = ?')
      .get(partition) as CheckpointRow;
    return { checkpoint: checkpointOf(row), epoch: 0 };
  }

  async writeAuditBatch(batch: AuditBatchWrite): Promise<void> {
    this.auditBatch(batch);
  }

  async recipientOffsets(): Promise<Map<number, number>> {
    const rows = this.db.prepare('SELECT * FROM recipient_partitions').all() as {
      partition: number;
      next_offset: number;
    }[];
    return new Map(rows.map((row) => [row.partition, row.next_offset]));
  }

  async writeRecipientBatch(batch: RecipientBatchWrite): Promise<void> {
    this.recipientBatch(batch);
  }

  private applyAuditBatch(batch: AuditBatchWrite): void {
    this.upsertPartition.run(batch.partition);
    for (const record of batch.records) this.storeRecord(record);
    for (const alert of batch.alerts) this.storeAlert(alert, batch.detectedAt);
    if (batch.tip) this.upsertTip.run({ partition: batch.partition, ...batch.tip });
    if (batch.checkpoint) {
      const { tip, nextOffset } = batch.checkpoint;
      this.upsertCheckpoint.run({
        partition: batch.partition,
        nextOffset,
        seq: tip?.seq ?? null,
        hash: tip?.hash ?? null,
        offset: tip?.offset ?? null,
      });
    }
  }

  private storeRecord({ partition, offset, timestampMs, event }: AuditRecord): void {
    const inserted = this.insertRecord.run({
      partition,
      offset,
      timestampMs,
      parsed: event ? 1 : 0,
      seq: event?.seq ?? null,
      eventId: event?.eventId ?? null,
      decision: event?.decision ?? null,
      subjectId: event?.subjectId ?? null,
      recipientId: event?.recipientId ?? null,
      purpose: event?.purpose ?? null,
      directMarketing: event ? (event.directMarketing ? 1 : 0) : null,
      decidedMs: event ? Date.parse(event.decidedAt) : null,
      doc: event ? JSON.stringify(event) : null,
    });
    if (inserted.changes === 0 || !event) return;
    for (const code of new Set(event.reasons.map((r) => r.code))) {
      this.insertReason.run(partition, offset, code);
    }
  }

  private storeAlert(alert: ChainAlert, detectedAt: string): void {
    const offset = alert.offset === null ? null : Number(alert.offset);
    this.insertAlert.run({
      partition: alert.partition,
      seq: alert.seq,
      offset,
      offsetKey: alert.offset ?? '',
      kind: alert.kind,
      detail: alert.detail,
      detectedAt,
    });
  }

  private applyRecipientBatch(batch: RecipientBatchWrite): void {
    for (const version of batch.versions) {
      this.insertVersion.run({
        partition: version.partition,
        offset: version.offset,
        recipientId: version.recipientId,
        validFromMs: version.validFromMs,
        doc: version.recipient ? JSON.stringify(version.recipient) : null,
      });
    }
    this.upsertRecipientOffset.run(batch.partition, batch.nextOffset);
  }
}

function checkpointOf(row: CheckpointRow): ChainCheckpoint {
  const tip =
    row.checkpoint_seq === null || row.checkpoint_hash === null || row.checkpoint_offset === null
      ? null
      : { seq: row.checkpoint_seq, hash: row.checkpoint_hash, offset: row.checkpoint_offset };
  return { tip, nextOffset: row.next_offset };
}
