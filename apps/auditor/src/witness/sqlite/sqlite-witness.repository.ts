import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { nodeKey, type CheckpointAlert, type CompactRange, type NodeAddress } from '@app/contracts';
import Database from 'better-sqlite3';
import { packPeaks, unpackRange } from '../range-codec';
import type {
  CosignedHead,
  StoredCheckpointAlert,
  TreeGrowth,
  WitnessLeaf,
  WitnessRepository,
} from '../witness.repository';
import { migrateWitness } from './sqlite-witness-schema';

interface LeafRow {
  partition: number;
  seq: number;
  event_id: string;
  canonical: Buffer;
  leaf_hash: Buffer;
}

/** The witness repository on SQLite: one file beside the auditor's store, mode 600. */
export class SqliteWitnessRepository implements WitnessRepository {
  private constructor(private readonly db: Database.Database) {}

  /** Opens (creating as needed) the witness database at `file`; ':memory:' for tests. */
  static open(file: string): SqliteWitnessRepository {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const db = new Database(file);
    if (file !== ':memory:') chmodSync(file, 0o600);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrateWitness(db);
    return new SqliteWitnessRepository(db);
  }

  async ranges(): Promise<Map<number, CompactRange>> {
    const rows = this.db
      .prepare('SELECT partition, size, peaks FROM witness_ranges ORDER BY partition')
      .all() as { partition: number; size: number; peaks: Buffer }[];
    return new Map(rows.map((r) => [r.partition, unpackRange(r.size, r.peaks)]));
  }

  async grow(growth: TreeGrowth): Promise<void> {
    const { partition, leaves, nodes, range } = growth;
    const leaf = this.db.prepare(
      'INSERT OR IGNORE INTO witness_leaves (partition, seq, event_id, canonical, leaf_hash) VALUES (?, ?, ?, ?, ?)',
    );
    const node = this.db.prepare(
      'INSERT OR IGNORE INTO witness_nodes (partition, level, node_index, hash) VALUES (?, ?, ?, ?)',
    );
    const moveRange = this.db.prepare(
      `INSERT INTO witness_ranges (partition, size, peaks) VALUES (?, ?, ?)
       ON CONFLICT (partition) DO UPDATE SET size = excluded.size, peaks = excluded.peaks
       WHERE witness_ranges.size < excluded.size`,
    );
    this.db.transaction(() => {
      for (const l of leaves) leaf.run(partition, l.seq, l.eventId, l.canonical, l.leafHash);
      for (const n of nodes) node.run(partition, n.level, n.index, n.hash);
      moveRange.run(partition, range.size, packPeaks(range));
    })();
  }

  async leafHashes(partition: number, from: number, limit: number): Promise<Buffer[]> {
    const rows = this.db
      .prepare(
        'SELECT leaf_hash FROM witness_leaves WHERE partition = ? AND seq >= ? ORDER BY seq LIMIT ?',
      )
      .all(partition, from, limit) as { leaf_hash: Buffer }[];
    return rows.map((r) => r.leaf_hash);
  }

  async nodes(partition: number, addresses: readonly NodeAddress[]): Promise<Map<string, Buffer>> {
    const get = this.db.prepare(
      'SELECT hash FROM witness_nodes WHERE partition = ? AND level = ? AND node_index = ?',
    );
    const found = new Map<string, Buffer>();
    for (const a of addresses) {
      const row = get.get(partition, a.level, a.index) as { hash: Buffer } | undefined;
      if (row) found.set(nodeKey(a), row.hash);
    }
    return found;
  }

  async leafOfEvent(eventId: string): Promise<WitnessLeaf | null> {
    const row = this.db
      .prepare('SELECT * FROM witness_leaves WHERE event_id = ? ORDER BY partition, seq LIMIT 1')
      .get(eventId) as LeafRow | undefined;
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
    const rows = this.db.prepare('SELECT * FROM witness_heads ORDER BY partition').all() as {
      partition: number;
      size: number;
      root_hash: Buffer;
      note: string;
      cosigned_at: string;
    }[];
    return rows.map((r) => ({
      partition: r.partition,
      size: r.size,
      rootHash: r.root_hash,
      note: r.note,
      cosignedAt: r.cosigned_at,
    }));
  }

  async saveCosigned(head: CosignedHead): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO witness_heads (partition, size, root_hash, note, cosigned_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (partition) DO UPDATE SET size = excluded.size, root_hash = excluded.root_hash,
           note = excluded.note, cosigned_at = excluded.cosigned_at
         WHERE witness_heads.size < excluded.size`,
      )
      .run(head.partition, head.size, head.rootHash, head.note, head.cosignedAt);
  }

  async saveAlert(alert: CheckpointAlert, detectedAt: string): Promise<void> {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO witness_alerts (partition, size, kind, detail, detected_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(alert.partition, alert.size, alert.kind, alert.detail, detectedAt);
  }

  async alerts(): Promise<StoredCheckpointAlert[]> {
    const rows = this.db.prepare('SELECT * FROM witness_alerts ORDER BY id').all() as {
      id: number;
      partition: number;
      size: number;
      kind: StoredCheckpointAlert['kind'];
      detail: string;
      detected_at: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      partition: r.partition,
      size: r.size,
      kind: r.kind,
      detail: r.detail,
      detectedAt: r.detected_at,
    }));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
