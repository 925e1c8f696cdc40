// The PostgreSQL store on the local PostgreSQL server, each test in a database of its own:
// the store contract, the at-a-glance reports, fencing of a stale owner, and the migrations (from an empty database,
// from the previous schema version, and a newer database refused).
import { genuineChain } from '../support/auditor/audit-events';
import { describeAtAGlance } from '../support/auditor/glance-suite';
import { describeStoreContract } from '../support/auditor/store-contract';
import { describeNoticeStoreContract } from '../support/auditor/notice-store-contract';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import pino from 'pino';
import { Pool } from 'pg';
import type { AuditStore } from '../../apps/auditor/src/store/audit-store';
import { PartitionFencedError } from '../../apps/auditor/src/store/partition-fenced.error';
import { openPostgresStore } from '../../apps/auditor/src/store/postgres/open-postgres-store';
import {
  knownMigrations,
  migratePostgres,
} from '../../apps/auditor/src/store/postgres/postgres-migrations';
import { PostgresWitnessRepository } from '../../apps/auditor/src/witness/postgres/postgres-witness.repository';

const logger = pino({ level: 'silent' });
const identity = { clusterId: 'cluster-a', auditTopic: 'it.audit' };

describe('PostgreSQL audit store', () => {
  const databases: TestDatabase[] = [];
  const fresh = async (): Promise<TestDatabase> => {
    const db = await createTestDatabase('store');
    databases.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  describeStoreContract('PostgreSQL', async () =>
    openPostgresStore((await fresh()).url, identity, logger),
  );

  describeAtAGlance('PostgreSQL', async () =>
    openPostgresStore((await fresh()).url, identity, logger),
  );

  describeNoticeStoreContract('PostgreSQL', async () =>
    openPostgresStore((await fresh()).url, identity, logger),
  );

  describe('a partition handed over', () => {
    let store: AuditStore;
    afterEach(() => store.close());

    it('refuses the previous owner’s writes once another auditor claimed it', async () => {
      store = await openPostgresStore((await fresh()).url, identity, logger);
      const [e0, e1] = genuineChain(0, 2);
      const old = await store.ingest.claimAuditPartition(0, 'auditor-a');
      const batch = (epoch: number, offset: number, event: typeof e0) => ({
        partition: 0,
        epoch,
        records: [{ partition: 0, offset, timestampMs: 1, event }],
        alerts: [],
        checkpoint: { tip: { seq: event.seq, hash: event.hash, offset }, nextOffset: offset + 1 },
        tip: { seq: event.seq, hash: event.hash, offset },
        detectedAt: '2026-01-01T00:00:00.000Z',
      });
      await store.ingest.writeAuditBatch(batch(old.epoch, 0, e0));
      const taken = await store.ingest.claimAuditPartition(0, 'auditor-b');
      expect(taken.epoch).toBeGreaterThan(old.epoch);
      expect(taken.checkpoint.nextOffset).toBe(1);
      await expect(store.ingest.writeAuditBatch(batch(old.epoch, 1, e1))).rejects.toBeInstanceOf(
        PartitionFencedError,
      );
      expect((await store.query.partitionStates())[0]).toMatchObject({ records: 1, nextOffset: 1 });
      await store.ingest.writeAuditBatch(batch(taken.epoch, 1, e1));
      expect((await store.query.partitionStates())[0]).toMatchObject({ records: 2, nextOffset: 2 });
    });

    it('refuses a database that holds another cluster’s audit', async () => {
      const db = await fresh();
      store = await openPostgresStore(db.url, identity, logger);
      await expect(
        openPostgresStore(db.url, { ...identity, clusterId: 'cluster-b' }, logger),
      ).rejects.toThrow(/audit of topic it\.audit on Kafka cluster cluster-a.*another database/);
    });
  });

  describe('migrations', () => {
    const applied = async (url: string): Promise<string[]> => {
      const pool = new Pool({ connectionString: url });
      try {
        const { rows } = await pool.query<{ name: string }>(
          'SELECT name FROM pgmigrations ORDER BY id',
        );
        return rows.map((r) => r.name);
      } finally {
        await pool.end();
      }
    };
    const migrateTo = async (url: string, count: number): Promise<void> => {
      const pool = new Pool({ connectionString: url });
      const client = await pool.connect();
      try {
        await migratePostgres(client, logger, count);
      } finally {
        client.release();
        await pool.end();
      }
    };

    it('brings an empty database to the latest version', async () => {
      const db = await fresh();
      const store = await openPostgresStore(db.url, identity, logger);
      await store.close();
      expect(await applied(db.url)).toEqual(knownMigrations());
      expect(knownMigrations().length).toBeGreaterThanOrEqual(3);
    });

    it('brings a database of the previous version forward, keeping its data', async () => {
      const db = await fresh();
      const known = knownMigrations();
      await migrateTo(db.url, known.length - 1);
      expect(await applied(db.url)).toEqual(known.slice(0, -1));
      const pool = new Pool({ connectionString: db.url });
      await pool.query(`INSERT INTO store_identity (cluster_id, audit_topic) VALUES ($1, $2)`, [
        identity.clusterId,
        identity.auditTopic,
      ]);
      const [event] = genuineChain(0, 1);
      await pool.query(
        `INSERT INTO audit_records (partition, record_offset, timestamp_ms, parsed, seq, event_id,
          decision, subject_id, decided_ms, reason_codes, doc)
        VALUES (0, 0, 1, true, 0, $1, $2, $3, $4, '{}', $5)`,
        [event.eventId, event.decision, event.subjectId, Date.parse(event.decidedAt), event],
      );
      await pool.query('INSERT INTO audit_partitions (partition, next_offset) VALUES (0, 1)');
      await pool.end();
      const store = await openPostgresStore(db.url, identity, logger);
      try {
        expect(await applied(db.url)).toEqual(known);
        const page = await store.query.findEvents({}, { limit: 10 });
        expect(page.items.map((i) => i.event)).toEqual([event]);
        expect((await store.ingest.auditCheckpoints()).get(0)?.nextOffset).toBe(1);
        // The witness tables are there, empty, on the upgraded store.
        const witness = await PostgresWitnessRepository.open(db.url, logger);
        expect(await witness.ranges()).toEqual(new Map());
        await witness.close();
      } finally {
        await store.close();
      }
    });

    it('refuses a database migrated by a newer auditor, saying so', async () => {
      const db = await fresh();
      await (await openPostgresStore(db.url, identity, logger)).close();
      const pool = new Pool({ connectionString: db.url });
      await pool.query(
        `INSERT INTO pgmigrations (name, run_on) VALUES ('9999999999999_from-the-future', now())`,
      );
      await pool.end();
      await expect(openPostgresStore(db.url, identity, logger)).rejects.toThrow(
        /schema migration 9999999999999_from-the-future, which this auditor does not know.*newer auditor/,
      );
    });
  });
});
