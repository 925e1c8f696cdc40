// Killing the auditor (SIGKILL) in the middle of its ingest and starting it again on the same
// data directory: every record is stored exactly once, and an alert is raised exactly once.
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
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
  STORES,
  startAuditor,
  waitForRecords,
} from '../support/auditor/auditor-process';
import { testKafka, uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait-for';

const PARTITIONS = 3;
const PER_PARTITION = 10_000;
const SWAPPED = 5_000;

/** How many records the auditor's store holds (also after the process died). */
async function storedRecords(auditor: RunningAuditor): Promise<number> {
  if (auditor.databaseUrl === undefined) return sqliteRecords(auditor.dataDir);
  const pool = new Pool({ connectionString: auditor.databaseUrl });
  try {
    const { rows } = await pool.query<{ n: number }>(
      'SELECT count(*)::integer AS n FROM audit_records',
    );
    return rows[0].n;
  } finally {
    await pool.end();
  }
}

/** Records in a SQLite store file (opening it recovers its WAL). */
function sqliteRecords(dataDir: string): number {
  const cluster = readdirSync(dataDir)[0];
  const file = readdirSync(join(dataDir, cluster)).find((f) => f.endsWith('.sqlite'))!;
  const db = new Database(join(dataDir, cluster, file));
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM audit_records').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe.each(STORES)('auditor restart in the middle of the ingest (%s store)', (store) => {
  const kafka = testKafka('auditor-restart');
  const prefix = `${uniqueName('restart')}.`;
  let first: RunningAuditor | undefined;
  let auditor: RunningAuditor | undefined;

  afterAll(async () => {
    await auditor?.app.stop('SIGKILL');
    await first?.close('SIGKILL');
  });

  it('stores every record once and raises the one alert once', async () => {
    const topics = await createAuditorTopics(kafka, prefix, PARTITIONS);
    const records: RawRecord[] = [];
    for (let p = 0; p < PARTITIONS; p++) {
      const values = genuineChain(p, PER_PARTITION).map(wire);
      if (p === 2) [values[SWAPPED], values[SWAPPED + 1]] = [values[SWAPPED + 1], values[SWAPPED]];
      records.push(...values.map((value) => ({ partition: p, value })));
    }
    await produceRecords(kafka, topics.audit, records);

    // PostgreSQL: the restarted auditor joins the dead one's group, which hands the partitions
    // over once the dead member's session times out.
    const env = { AUDITOR_SESSION_TIMEOUT_MS: '6000' };
    first = await startAuditor({ prefix, store, env });
    auditor = first;
    await waitFor(
      async () => {
        const r = await auditor!.get<IntegrityBody>('/api/integrity');
        return r.partitions.some((p) => p.recordsRead > 0);
      },
      { intervalMs: 10, what: 'the first batch to be stored' },
    );
    await auditor.app.stop('SIGKILL');
    const atCrash = await storedRecords(first);
    expect(atCrash).toBeGreaterThan(0);
    expect(atCrash).toBeLessThan(PARTITIONS * PER_PARTITION);

    auditor = await startAuditor({
      prefix,
      store,
      dataDir: first.dataDir,
      databaseUrl: first.databaseUrl,
      token: first.token,
      env,
    });
    const report = await waitForRecords(auditor, Array(PARTITIONS).fill(PER_PARTITION));
    expect(report.partitions.map((p) => [p.eventsVerified, p.lastVerifiedSeq])).toEqual(
      Array(PARTITIONS).fill([PER_PARTITION, PER_PARTITION - 1]),
    );
    const alerts = report.partitions.flatMap((p) => p.openAlerts);
    expect(alerts).toEqual([
      expect.objectContaining({
        partition: 2,
        seq: SWAPPED,
        offset: SWAPPED + 1,
        kind: 'reordered',
      }),
    ]);
    expect(report.partitions.map((p) => p.status)).toEqual(['green', 'green', 'red']);
    expect(await storedRecords(auditor)).toBe(PARTITIONS * PER_PARTITION);
  }, 300_000);
});
