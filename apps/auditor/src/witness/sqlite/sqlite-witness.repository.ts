import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CheckpointAlert } from '@app/contracts';
import Database from 'better-sqlite3';
import type {
  CosignedHead,
  StoredCheckpointAlert,
  WitnessLeaf,
  WitnessRepository,
} from '../witness.repository';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS witness_leaves (
  partition INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  canonical BLOB NOT NULL,
  leaf_hash BLOB NOT NULL,
  PRIMARY KEY (partition, seq)
);
CREATE INDEX IF NOT EXISTS witness_leaves_event ON witness_leaves (event_id);
CREATE TABLE IF NOT EXISTS witness_heads (
  partition INTEGER PRIMARY KEY,
  size INTEGER NOT NULL,
  root_hash BLOB NOT NULL,
  note TEXT NOT NULL,
  cosigned_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS witness_alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  partition INTEGER NOT NULL,
  size INTEGER NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  UNIQUE (partition, size, kind)
);
`;

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
    db.exec(SCHEMA);
    return new SqliteWitnessRepository(db);
  }

  async leafCounts(): Promise<Map<number, number>> {
    const rows = this.db
      .prepare('SELECT partition, COUNT(*) AS n FROM witness_leaves GROUP BY partition')
      .all() as { partition: number; n: number }[];
    return new Map(rows.map((r) => [r.partition, r.n]));
  }

  async appendLeaves(leaves: readonly WitnessLeaf[]): Promise<void> {
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO witness_leaves (partition, seq, event_id, canonical, leaf_hash) VALUES (?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const l of leaves) insert.run(l.partition, l.seq, l.eventId, l.canonical, l.leafHash);
    })();
  }

  async leafHashes(partition: number, size: number): Promise<Buffer[]> {
    const rows = this.db
      .prepare('SELECT leaf_hash FROM witness_leaves WHERE partition = ? AND seq < ? ORDER BY seq')
      .all(partition, size) as { leaf_hash: Buffer }[];
    return rows.map((r) => r.leaf_hash);
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
