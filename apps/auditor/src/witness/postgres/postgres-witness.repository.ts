import type { CheckpointAlert } from '@app/contracts';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createPostgresPool } from '../../store/postgres/open-postgres-store';
import { migratePostgres } from '../../store/postgres/postgres-migrations';
import type {
  CosignedHead,
  StoredCheckpointAlert,
  WitnessLeaf,
  WitnessRepository,
} from '../witness.repository';

interface LeafRow {
  partition: number;
  seq: number;
  event_id: string;
  canonical: Buffer;
  leaf_hash: Buffer;
}

/**
 * The witness repository on the auditors' PostgreSQL store (migration 1764720000000_witness),
 * shared by every auditor of the database. Each auditor runs its own witness over the whole
 * topic, so every write may race another auditor's: a leaf or alert already stored is left as
 * it is, and a cosigned head only ever grows (a smaller or equal size never replaces it).
 */
export class PostgresWitnessRepository implements WitnessRepository {
  private constructor(private readonly pool: Pool) {}

  /** Opens the witness on the database at `url`, migrating it first (as the store does). */
  static async open(url: string, logger: Logger): Promise<PostgresWitnessRepository> {
    // Two connections: the witness's writes are one statement each, from one consumer.
    const pool = createPostgresPool(url, logger, 2);
    try {
      const client = await pool.connect();
      try {
        await migratePostgres(client, logger);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresWitnessRepository(pool);
  }

  async leafCounts(): Promise<Map<number, number>> {
    const { rows } = await this.pool.query<{ partition: number; n: number }>(
      'SELECT partition, count(*) AS n FROM witness_leaves GROUP BY partition',
    );
    return new Map(rows.map((r) => [r.partition, r.n]));
  }

  async appendLeaves(leaves: readonly WitnessLeaf[]): Promise<void> {
    if (leaves.length === 0) return;
    // One statement (atomic) whatever the batch size: arrays, not one parameter per value.
    await this.pool.query(
      `INSERT INTO witness_leaves (partition, seq, event_id, canonical, leaf_hash)
      SELECT * FROM unnest($1::integer[], $2::bigint[], $3::text[], $4::bytea[], $5::bytea[])
      ON CONFLICT (partition, seq) DO NOTHING`,
      [
        leaves.map((l) => l.partition),
        leaves.map((l) => l.seq),
        leaves.map((l) => l.eventId),
        leaves.map((l) => l.canonical),
        leaves.map((l) => l.leafHash),
      ],
    );
  }

  async leafHashes(partition: number, size: number): Promise<Buffer[]> {
    const { rows } = await this.pool.query<{ leaf_hash: Buffer }>(
      'SELECT leaf_hash FROM witness_leaves WHERE partition = $1 AND seq < $2 ORDER BY seq',
      [partition, size],
    );
    return rows.map((r) => r.leaf_hash);
  }

  async leafOfEvent(eventId: string): Promise<WitnessLeaf | null> {
    const { rows } = await this.pool.query<LeafRow>(
      `SELECT partition, seq, event_id, canonical, leaf_hash FROM witness_leaves
      WHERE event_id = $1 ORDER BY partition, seq LIMIT 1`,
      [eventId],
    );
    const row = rows[0];
    return row
      ? {
          partition: row.partition,
          seq: row.seq,
          eventId: row.event_id,
          canonical: row.canonical,
          leafHash: row.leaf_hash,
        }
      : null;
  }

  async cosignedHeads(): Promise<CosignedHead[]> {
    const { rows } = await this.pool.query<{
      partition: number;
      size: number;
      root_hash: Buffer;
      note: string;
      cosigned_at: Date;
    }>(
      'SELECT partition, size, root_hash, note, cosigned_at FROM witness_heads ORDER BY partition',
    );
    return rows.map((r) => ({
      partition: r.partition,
      size: r.size,
      rootHash: r.root_hash,
      note: r.note,
      cosignedAt: r.cosigned_at.toISOString(),
    }));
  }

  async saveCosigned(head: CosignedHead): Promise<void> {
    // Another auditor may have cosigned a larger checkpoint meanwhile: never move back.
    await this.pool.query(
      `INSERT INTO witness_heads (partition, size, root_hash, note, cosigned_at)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (partition) DO UPDATE SET size = excluded.size, root_hash = excluded.root_hash,
        note = excluded.note, cosigned_at = excluded.cosigned_at
      WHERE witness_heads.size < excluded.size`,
      [head.partition, head.size, head.rootHash, head.note, head.cosignedAt],
    );
  }

  async saveAlert(alert: CheckpointAlert, detectedAt: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO witness_alerts (partition, size, kind, detail, detected_at)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (partition, size, kind) DO NOTHING`,
      [alert.partition, alert.size, alert.kind, alert.detail, detectedAt],
    );
  }

  async alerts(): Promise<StoredCheckpointAlert[]> {
    const { rows } = await this.pool.query<{
      id: number;
      partition: number;
      size: number;
      kind: StoredCheckpointAlert['kind'];
      detail: string;
      detected_at: Date;
    }>('SELECT id, partition, size, kind, detail, detected_at FROM witness_alerts ORDER BY id');
    return rows.map((r) => ({
      id: r.id,
      partition: r.partition,
      size: r.size,
      kind: r.kind,
      detail: r.detail,
      detectedAt: r.detected_at.toISOString(),
    }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
