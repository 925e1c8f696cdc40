import { nodeKey, type CheckpointAlert, type CompactRange, type NodeAddress } from '@app/contracts';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createPostgresPool } from '../../store/postgres/open-postgres-store';
import { migratePostgres } from '../../store/postgres/postgres-migrations';
import { packPeaks, unpackRange } from '../range-codec';
import type {
  CosignedHead,
  StoredCheckpointAlert,
  TreeGrowth,
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
 * The witness repository on the auditors' PostgreSQL store (migrations 1764720000000_witness
 * and 1764806400000_witness-tree-nodes), shared by every auditor of the database. Each auditor runs its own witness over the whole
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

  async ranges(): Promise<Map<number, CompactRange>> {
    const { rows } = await this.pool.query<{ partition: number; size: string; peaks: Buffer }>(
      'SELECT partition, size, peaks FROM witness_ranges ORDER BY partition',
    );
    return new Map(rows.map((r) => [r.partition, unpackRange(Number(r.size), r.peaks)]));
  }

  async grow(growth: TreeGrowth): Promise<void> {
    const { partition, leaves, nodes, range } = growth;
    // One statement (atomic) whatever the batch size: arrays, not one parameter per value.
    await this.pool.query(
      `WITH new_leaves AS (
        INSERT INTO witness_leaves (partition, seq, event_id, canonical, leaf_hash)
        SELECT $1::integer, * FROM unnest($2::bigint[], $3::text[], $4::bytea[], $5::bytea[])
        ON CONFLICT (partition, seq) DO NOTHING
      ), new_nodes AS (
        INSERT INTO witness_nodes (partition, level, node_index, hash)
        SELECT $1::integer, * FROM unnest($6::smallint[], $7::bigint[], $8::bytea[])
        ON CONFLICT (partition, level, node_index) DO NOTHING
      )
      INSERT INTO witness_ranges (partition, size, peaks) VALUES ($1, $9, $10)
      ON CONFLICT (partition) DO UPDATE SET size = excluded.size, peaks = excluded.peaks
      WHERE witness_ranges.size < excluded.size`,
      [
        partition,
        leaves.map((l) => l.seq),
        leaves.map((l) => l.eventId),
        leaves.map((l) => l.canonical),
        leaves.map((l) => l.leafHash),
        nodes.map((n) => n.level),
        nodes.map((n) => n.index),
        nodes.map((n) => n.hash),
        range.size,
        packPeaks(range),
      ],
    );
  }

  async leafHashes(partition: number, from: number, limit: number): Promise<Buffer[]> {
    const { rows } = await this.pool.query<{ leaf_hash: Buffer }>(
      `SELECT leaf_hash FROM witness_leaves WHERE partition = $1 AND seq >= $2
      ORDER BY seq LIMIT $3`,
      [partition, from, limit],
    );
    return rows.map((r) => r.leaf_hash);
  }

  async nodes(partition: number, addresses: readonly NodeAddress[]): Promise<Map<string, Buffer>> {
    if (addresses.length === 0) return new Map();
    const { rows } = await this.pool.query<{ level: number; node_index: string; hash: Buffer }>(
      `SELECT n.level, n.node_index, n.hash
      FROM unnest($2::smallint[], $3::bigint[]) AS want(level, node_index)
      JOIN witness_nodes n
        ON n.partition = $1 AND n.level = want.level AND n.node_index = want.node_index`,
      [partition, addresses.map((a) => a.level), addresses.map((a) => a.index)],
    );
    return new Map(
      rows.map((r) => [nodeKey({ level: r.level, index: Number(r.node_index) }), r.hash]),
    );
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
