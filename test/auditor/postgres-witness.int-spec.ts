// The witness on the PostgreSQL store, each test in a database of its own: the same suite as on
// SQLite (apps/auditor/src/witness/witness.spec.ts), and a second handle on one database
// standing for a second auditor; and the upgrade of a store written before tree nodes.
import { auditLeaf, auditLeafHash, EMPTY_RANGE, rangeRoot, subtreeRoot } from '@app/contracts';
import { Pool } from 'pg';
import pino from 'pino';
import {
  knownMigrations,
  migratePostgres,
} from '../../apps/auditor/src/store/postgres/postgres-migrations';
import { PostgresWitnessRepository } from '../../apps/auditor/src/witness/postgres/postgres-witness.repository';
import { buildStoredNodes } from '../../apps/auditor/src/witness/stored-tree';
import { buildChain } from '../../libs/contracts/test/chain-fixtures';
import { describeWitness } from '../support/auditor/witness-suite';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

const logger = pino({ level: 'silent' });
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const db of databases) await db.drop();
});

describeWitness('PostgreSQL', {
  open: async () => {
    const db = await createTestDatabase('witness');
    databases.push(db);
    return PostgresWitnessRepository.open(db.url, logger);
  },
  reopen: async () => PostgresWitnessRepository.open(databases.at(-1)!.url, logger),
});

describe('PostgreSQL witness upgrade (1764806400000_witness-tree-nodes)', () => {
  it('brings a store with leaves but no nodes forward and builds them in batches', async () => {
    const db = await createTestDatabase('witness');
    databases.push(db);
    const known = knownMigrations();
    const pool = new Pool({ connectionString: db.url });
    const events = buildChain(10, 3);
    try {
      const client = await pool.connect();
      try {
        await migratePostgres(client, logger, known.indexOf('1764806400000_witness-tree-nodes'));
      } finally {
        client.release();
      }
      for (const e of events) {
        await pool.query(
          `INSERT INTO witness_leaves (partition, seq, event_id, canonical, leaf_hash)
          VALUES ($1, $2, $3, $4, $5)`,
          [3, e.seq, e.eventId, auditLeaf(e), auditLeafHash(e)],
        );
      }
    } finally {
      await pool.end();
    }
    const repo = await PostgresWitnessRepository.open(db.url, logger);
    try {
      expect([...(await repo.ranges())].map(([p, r]) => [p, r.size])).toEqual([[3, 0]]);
      const range = await buildStoredNodes(repo, 3, EMPTY_RANGE, 3);
      expect(range.size).toBe(10);
      expect(rangeRoot(range)).toEqual(subtreeRoot(events.map(auditLeafHash)));
      expect((await repo.ranges()).get(3)).toEqual(range);
    } finally {
      await repo.close();
    }
  });
});
