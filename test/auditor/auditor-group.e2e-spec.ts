// Several auditors on one PostgreSQL store share the audit partitions through one consumer
// group. One of two is killed with SIGKILL in the middle of the ingest of 30,000 events: the
// other takes its partitions over from the stored checkpoints, and every event is stored once,
// every chain verified, the one alert raised once. SQLite mode refuses a second auditor.
import { Pool } from 'pg';
import { genuineChain, wire } from '../support/auditor/audit-events';
import {
  createAuditorTopics,
  produceRecords,
  type RawRecord,
} from '../support/auditor/audit-topics';
import {
  type IntegrityBody,
  type RunningAuditor,
  startAuditor,
} from '../support/auditor/auditor-process';
import { startApp } from '../support/app-process';
import { testBrokers, testKafka, uniqueName } from '../support/kafka';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { waitFor } from '../support/wait-for';

const PARTITIONS = 6;
const PER_PARTITION = 5_000;
const TOTAL = PARTITIONS * PER_PARTITION;
const TAMPERED = 2;
const SWAPPED = 2_500;

/** The audit partitions the auditor was last assigned, from its log. */
function assignedAudit(auditor: RunningAuditor, auditTopic: string): number[] {
  const lines = auditor.app
    .output()
    .split('\n')
    .filter((line) => line.includes('audit stream partitions assigned'));
  const last = lines.at(-1);
  if (last === undefined) return [];
  const { assignment } = JSON.parse(last) as { assignment: Record<string, number[]> };
  return assignment[auditTopic] ?? [];
}

describe('two auditors on one PostgreSQL store', () => {
  const kafka = testKafka('auditor-group');
  const prefix = `${uniqueName('group')}.`;
  let database: TestDatabase;
  let pool: Pool;
  let survivor: RunningAuditor | undefined;
  let victim: RunningAuditor | undefined;

  const count = async (sql: string, values: unknown[] = []): Promise<number> =>
    (await pool.query<{ n: number }>(sql, values)).rows[0].n;

  beforeAll(async () => {
    database = await createTestDatabase('group');
    pool = new Pool({ connectionString: database.url });
  });

  afterAll(async () => {
    await victim?.app.stop('SIGKILL');
    await survivor?.app.stop('SIGTERM');
    await pool?.end();
    await database?.drop();
  });

  it('stores 30,000 events exactly once across a SIGKILL, chains verified, one alert', async () => {
    const topics = await createAuditorTopics(kafka, prefix, PARTITIONS);
    const env = { AUDITOR_SESSION_TIMEOUT_MS: '6000' };
    const start = () => startAuditor({ prefix, databaseUrl: database.url, env });
    [survivor, victim] = await Promise.all([start(), start()]);
    const assignments = await waitFor(
      () => {
        const a = assignedAudit(survivor!, topics.audit);
        const b = assignedAudit(victim!, topics.audit);
        const all = new Set([...a, ...b]);
        return a.length > 0 && b.length > 0 && all.size === PARTITIONS ? { a, b } : null;
      },
      { timeoutMs: 90_000, what: 'both auditors to share the audit partitions' },
    );
    expect(new Set(assignments.b).size + new Set(assignments.a).size).toBe(PARTITIONS);

    const records: RawRecord[] = [];
    for (let p = 0; p < PARTITIONS; p++) {
      const values = genuineChain(p, PER_PARTITION).map(wire);
      if (p === TAMPERED) {
        [values[SWAPPED], values[SWAPPED + 1]] = [values[SWAPPED + 1], values[SWAPPED]];
      }
      records.push(...values.map((value) => ({ partition: p, value })));
    }
    await produceRecords(kafka, topics.audit, records);

    // Kill the victim once it has stored part of its own partitions.
    await waitFor(
      () =>
        count('SELECT count(*)::integer AS n FROM audit_records WHERE partition = ANY($1)', [
          assignments.b,
        ]).then((n) => n > 0),
      { intervalMs: 20, timeoutMs: 90_000, what: 'the victim to store its first batch' },
    );
    // Every instance answers from the shared store, including partitions it does not read.
    const seen = await victim.get<IntegrityBody>('/api/integrity');
    expect(seen.partitions.map((p) => p.partition)).toEqual([0, 1, 2, 3, 4, 5]);
    await victim.app.stop('SIGKILL');
    const atKill = await count('SELECT count(*)::integer AS n FROM audit_records');
    expect(atKill).toBeLessThan(TOTAL);

    const report = await waitFor(
      async () => {
        const r = await survivor!.get<IntegrityBody>('/api/integrity');
        return r.partitions.every((p) => p.recordsRead === PER_PARTITION) ? r : null;
      },
      { timeoutMs: 180_000, what: 'the survivor to store every event' },
    );
    expect(await count('SELECT count(*)::integer AS n FROM audit_records')).toBe(TOTAL);
    expect(report.partitions.map((p) => [p.eventsVerified, p.lastVerifiedSeq])).toEqual(
      Array(PARTITIONS).fill([PER_PARTITION, PER_PARTITION - 1]),
    );
    const alerts = await survivor.get<{ partition: number; seq: number; kind: string }[]>(
      '/api/integrity/alerts?state=all',
    );
    expect(alerts).toEqual([
      expect.objectContaining({
        partition: TAMPERED,
        seq: SWAPPED,
        offset: SWAPPED + 1,
        kind: 'reordered',
      }),
    ]);
    // The survivor takes the victim's partitions (after the session timeout; the victim may
    // have stored all of its events before it was killed, so the report can be complete first).
    const taken = await waitFor(
      () => {
        const a = assignedAudit(survivor!, topics.audit);
        return a.length === PARTITIONS ? a : null;
      },
      { timeoutMs: 60_000, what: "the survivor to take the victim's partitions" },
    );
    expect(taken.sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('SQLite mode', () => {
  it('refuses a second auditor on the same store and says why', async () => {
    const kafka = testKafka('auditor-sqlite-single');
    const prefix = `${uniqueName('single')}.`;
    await createAuditorTopics(kafka, prefix, 1);
    const first = await startAuditor({ prefix });
    try {
      const second = startApp('auditor', {
        KAFKA_BROKERS: testBrokers().join(','),
        ONWARD_TOPIC_PREFIX: prefix,
        AUDITOR_HTTP_PORT: '0',
        AUDITOR_DATA_DIR: first.dataDir,
      });
      const code = await waitFor(() => second.child.exitCode, {
        timeoutMs: 60_000,
        what: 'the second auditor to exit',
      });
      expect(code).toBe(1);
      expect(second.output()).toMatch(/in use by another auditor: SQLite mode runs one auditor/);
    } finally {
      await first.close('SIGTERM');
    }
  });
});
