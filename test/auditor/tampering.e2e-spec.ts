// Tampering produced straight to the audit topic with a plain kafkajs producer, each kind on
// a fresh topic: the running auditor and the `verify` command name the right partition, seq,
// offset and kind, and the untouched partitions stay green.
import { Writable } from 'node:stream';
import type { AuditEvent } from '@app/contracts';
import { runVerify } from '@app/verify';
import { changedCopy, forgedOffChain, genuineChain, wire } from '../support/auditor/audit-events';
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
import { testBrokers, testKafka, uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait-for';

const PARTITIONS = 3;
const LENGTH = 8;

interface Scenario {
  kind: string;
  partition: number;
  tamper: (chain: AuditEvent[]) => (Buffer | string)[];
  expected: { seq: number; offset: number };
}

const scenarios: Scenario[] = [
  {
    kind: 'changed',
    partition: 1,
    tamper: (chain) =>
      chain.map((e, i) => wire(i === 3 ? changedCopy(e, (x) => (x.fieldsShared = ['email'])) : e)),
    expected: { seq: 3, offset: 3 },
  },
  {
    kind: 'missing',
    partition: 2,
    tamper: (chain) => chain.filter((_, i) => i !== 3).map(wire),
    expected: { seq: 3, offset: 3 },
  },
  {
    kind: 'reordered',
    partition: 1,
    tamper: (chain) => {
      const records = chain.map(wire);
      [records[3], records[4]] = [records[4], records[3]];
      return records;
    },
    expected: { seq: 3, offset: 4 },
  },
  {
    kind: 'inserted',
    partition: 0,
    tamper: (chain) => {
      const forgery = forgedOffChain(chain[3], (x) => (x.directMarketing = true));
      return [...chain.slice(0, 3), forgery, ...chain.slice(3)].map(wire);
    },
    expected: { seq: 3, offset: 3 },
  },
  {
    kind: 'unparseable',
    partition: 1,
    tamper: (chain) => [
      ...chain.slice(0, 3).map(wire),
      '{"not": "an event"',
      ...chain.slice(3).map(wire),
    ],
    expected: { seq: 3, offset: 3 },
  },
];

/** A sink for the verify command's output. */
function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

const cases = STORES.flatMap((store) => scenarios.map((scenario) => ({ store, ...scenario })));

describe.each(cases)(
  'tampering: $kind ($store store)',
  ({ store, kind, partition, tamper, expected }) => {
    const kafka = testKafka('auditor-tampering');
    const prefix = `${uniqueName(`tamper-${kind}-${store}`)}.`;
    let auditor: RunningAuditor | undefined;
    const counts: number[] = [];

    beforeAll(async () => {
      const topics = await createAuditorTopics(kafka, prefix, PARTITIONS);
      const records: RawRecord[] = [];
      for (let p = 0; p < PARTITIONS; p++) {
        const chain = genuineChain(p, LENGTH);
        const values = p === partition ? tamper(chain) : chain.map(wire);
        counts[p] = values.length;
        records.push(...values.map((value) => ({ partition: p, key: 'learner-1', value })));
      }
      await produceRecords(kafka, topics.audit, records);
    });

    afterAll(async () => {
      await auditor?.close('SIGTERM');
    });

    it('the auditor raises one alert with the right partition, seq, offset and kind', async () => {
      auditor = await startAuditor({ prefix, store });
      await waitForRecords(auditor, counts);
      const report = await waitFor(
        async () => {
          const r = await auditor!.get<IntegrityBody>('/api/integrity');
          return r.partitions[partition].openAlerts.length > 0 ? r : null;
        },
        { what: `a ${kind} alert` },
      );
      expect(report.status).toBe('red');
      const alerts = report.partitions.flatMap((p) => p.openAlerts);
      expect(alerts).toEqual([
        expect.objectContaining({ partition, kind, seq: expected.seq, offset: expected.offset }),
      ]);
      for (const p of report.partitions) {
        expect([p.partition, p.status]).toEqual([
          p.partition,
          p.partition === partition ? 'red' : 'green',
        ]);
      }
      const untouched = report.partitions.filter((p) => p.partition !== partition);
      for (const p of untouched) {
        expect(p).toMatchObject({ eventsVerified: LENGTH, lastVerifiedSeq: LENGTH - 1 });
      }
    });

    it('keeps the alert until it is acknowledged, then turns the partition green', async () => {
      const [alert] = await auditor!.get<{ id: number }[]>('/api/integrity/alerts');
      const res = await auditor!.raw(`/api/integrity/alerts/${alert.id}/acknowledge`, {
        method: 'POST',
        headers: { authorization: `Bearer ${auditor!.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ note: 'reviewed' }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: alert.id, acknowledgementNote: 'reviewed' });
      const report = await auditor!.get<IntegrityBody>('/api/integrity');
      expect(report.status).toBe('green');
      expect(await auditor!.get('/api/integrity/alerts')).toEqual([]);
      expect(await auditor!.get('/api/integrity/alerts?state=all')).toHaveLength(1);
    });

    it('verify exits 1 naming the first break, with the other partitions intact', async () => {
      const out = sink();
      const code = await runVerify({ brokers: testBrokers(), prefix, out: out.stream });
      expect(code).toBe(1);
      const lines = out.text().trim().split('\n');
      expect(lines.at(-1)).toContain(
        `partition ${partition}, seq ${expected.seq}, offset ${expected.offset}: ${kind}`,
      );
      for (let p = 0; p < PARTITIONS; p++) {
        const line = lines.find((l) => l.startsWith(`partition ${p}:`));
        expect(line).toMatch(p === partition ? /BROKEN/ : /intact$/);
      }
    });
  },
);

describe('verify on an intact topic', () => {
  it('exits 0 and prints every partition intact', async () => {
    const kafka = testKafka('auditor-verify');
    const prefix = `${uniqueName('verify-ok')}.`;
    const topics = await createAuditorTopics(kafka, prefix, 2);
    const records = [0, 1].flatMap((p) =>
      genuineChain(p, 5).map((e) => ({ partition: p, value: wire(e) })),
    );
    await produceRecords(kafka, topics.audit, records);
    const out = sink();
    expect(await runVerify({ brokers: testBrokers(), prefix, out: out.stream })).toBe(0);
    expect(out.text()).toMatch(/partition 0: 5 records, last seq 4 .*: intact/);
    expect(out.text()).toMatch(/^OK: .*10 events/m);
  });

  it('exits 2 when the topic does not exist', async () => {
    const out = sink();
    const code = await runVerify({
      brokers: testBrokers(),
      prefix: `${uniqueName('none')}.`,
      out: out.stream,
    });
    expect(code).toBe(2);
    expect(out.text()).toContain('cannot read');
  });
});
