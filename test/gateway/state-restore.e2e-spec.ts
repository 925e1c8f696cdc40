// The on-disk state across restarts (issue 10): a restart resumes from its checkpoints and
// honours what was written while it was down; a store of another cluster, a damaged store and
// a re-created topic are each rebuilt; a kill -9 in the middle of a restore leaves a store the
// next start completes correctly. Every case against the broker's real log.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'lmdb';
import type { AuditEvent } from '@app/contracts';
import type { AppProcess } from '../support/app-process';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { GatewayHarness, type GatewayHealth } from '../support/gateway-harness';
import { waitFor } from '../support/wait-for';

const PARTITIONS = 3;
const harness = new GatewayHarness(PARTITIONS);
const partner = recipient('business_partner', { recipientId: 'sr-partner' });
const stateDir = join(mkdtempSync(join(tmpdir(), 'onward-restore-')), 'state');
const BULK = 30;
let gateway: AppProcess;
let seq = 0;

interface StateHealth {
  state: { subjects: number; recipients: number; partitions: { partition: number }[] };
}

const start = () => harness.startGateway({ GATEWAY_STATE_DIR: stateDir });

beforeAll(async () => {
  gateway = await start();
  await harness.connect();
  await harness.putRecipients([partner]);
  await harness.putSubjects(
    Array.from({ length: BULK }, (_, i) => subject(`sr-bulk-${i}`)).concat([
      subject('sr-stays'),
      subject('sr-erase'),
      subject('sr-optout'),
    ]),
  );
  await harness.startReading([partner.recipientId]);
  expect(await decide('sr-stays')).toBe('share.allowed');
}, 120_000);

afterAll(() => harness.close());

/** Decides a marketing request for `subjectId`; the audit event's type and primary reason. */
async function decide(subjectId: string): Promise<string> {
  const id = `sr-${++seq}`;
  await harness.request([shareRequest(id, subjectId, partner.recipientId, 'marketing')]);
  const event: AuditEvent = await harness.auditOf(id, 60_000);
  return event.type === 'share.allowed' ? event.type : `${event.type} ${event.reasons[0]?.code}`;
}

function logLines(app: AppProcess, msg: string): Record<string, unknown>[] {
  return app
    .output()
    .split('\n')
    .filter((l) => l.includes(`"msg":"${msg}`))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function stateOf(app: AppProcess): Promise<StateHealth['state']> {
  return ((await harness.health(app)) as GatewayHealth & StateHealth).state;
}

describe('a restart with a checkpoint', () => {
  it('resumes, and honours an erasure, an opt-out and a new subject written while down', async () => {
    await gateway.stop('SIGTERM');
    await harness.putSubjects([
      subject('sr-erase', { erased: true }),
      subject('sr-optout', { optOuts: ['marketing'] }),
      subject('sr-new'),
    ]);
    gateway = await start();
    expect(logLines(gateway, 'state store rebuilt')).toEqual([]);
    expect(logLines(gateway, 'state caught up')[0]).toMatchObject({ resumed: true });
    // Resumed from the checkpoints: no partition was read from offset 0 again.
    const restoring = logLines(gateway, 'restoring subjects partition');
    expect(restoring.length).toBeGreaterThan(0);
    expect(restoring.filter((l) => l.from === '0')).toEqual([]);

    expect(await decide('sr-erase')).toBe('share.denied SUBJECT_ERASED');
    expect(await decide('sr-optout')).toBe('share.denied SUBJECT_OPTED_OUT');
    expect(await decide('sr-new')).toBe('share.allowed');
    expect(await decide('sr-stays')).toBe('share.allowed');
    expect((await stateOf(gateway)).subjects).toBe(BULK + 4);
  });
});

describe('a store that cannot be resumed is rebuilt', () => {
  it('when it belongs to another cluster', async () => {
    await gateway.stop('SIGTERM');
    const root = open({ path: stateDir, maxDbs: 4 });
    const meta = root.openDB<Record<string, unknown>, string>({ name: 'meta' });
    await meta.put('identity', { ...meta.get('identity'), clusterId: 'another-cluster' });
    await root.close();
    gateway = await start();
    expect(logLines(gateway, 'state store rebuilt')[0]).toMatchObject({ reason: 'other cluster' });
    expect(await decide('sr-erase')).toBe('share.denied SUBJECT_ERASED');
    expect(await decide('sr-stays')).toBe('share.allowed');
  });

  it('when its data file is damaged', async () => {
    await gateway.stop('SIGTERM');
    writeFileSync(join(stateDir, 'data.mdb'), Buffer.alloc(256 * 1024, 0x5a));
    gateway = await start();
    expect(logLines(gateway, 'state store rebuilt')[0]).toMatchObject({ reason: 'corrupt' });
    expect(await decide('sr-optout')).toBe('share.denied SUBJECT_OPTED_OUT');
    expect(await decide('sr-stays')).toBe('share.allowed');
  });

  it('when the subjects topic was re-created (checkpoint past its end)', async () => {
    await gateway.stop('SIGTERM');
    const admin = harness.kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [harness.topics.subjects] });
    await waitFor(async () => !(await admin.listTopics()).includes(harness.topics.subjects), {
      what: 'subjects topic deleted',
    });
    await admin.createTopics({
      topics: [
        {
          topic: harness.topics.subjects,
          numPartitions: PARTITIONS,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        },
      ],
      waitForLeaders: true,
    });
    await admin.disconnect();
    await harness.putSubjects([subject('sr-stays')]);
    gateway = await start();
    expect(logLines(gateway, 'state checkpoint outside the log range').length).toBeGreaterThan(0);
    expect(await decide('sr-stays')).toBe('share.allowed');
    // Gone with the old topic: unknown, so denied.
    expect(await decide('sr-new')).toBe('share.denied UNKNOWN_SUBJECT');
    expect((await stateOf(gateway)).subjects).toBe(1);
  });
});

describe('kill -9 during a restore', () => {
  it('leaves a store the next start completes, with every subject and the latest values', async () => {
    const LOAD = 90_000;
    for (let i = 0; i < LOAD; i += 2000) {
      const chunk = Array.from({ length: 2000 }, (_, k) => subject(`sr-load-${i + k}`));
      await harness.putSubjects(chunk);
    }
    await harness.putSubjects([subject('sr-load-7', { erased: true })]);
    await gateway.stop('SIGTERM');
    // A fresh store: every partition is restored from the log.
    const freshDir = join(mkdtempSync(join(tmpdir(), 'onward-restore-')), 'state');
    const first = harness.spawnGateway({ GATEWAY_STATE_DIR: freshDir });
    // Killed once some subjects partition is part-way: applied beyond 0, short of its target.
    const midway = await waitFor(
      async () => {
        if (!/"url":"http/.test(first.output())) return null;
        const { partitions } = (await stateOf(first)) as unknown as {
          partitions: { appliedOffset: string; targetOffset: string }[];
        };
        return partitions.find(
          (p) => Number(p.appliedOffset) > 0 && Number(p.appliedOffset) < Number(p.targetOffset),
        );
      },
      { timeoutMs: 60_000, intervalMs: 10, what: 'a subjects partition part-way restored' },
    );
    await first.stop('SIGKILL');
    expect(Number(midway.appliedOffset)).toBeLessThan(Number(midway.targetOffset));

    gateway = await harness.startGateway({ GATEWAY_STATE_DIR: freshDir });
    expect(await decide('sr-load-7')).toBe('share.denied SUBJECT_ERASED');
    expect(await decide(`sr-load-${LOAD - 1}`)).toBe('share.allowed');
    await waitFor(async () => (await stateOf(gateway)).subjects === LOAD + 1, {
      what: 'every subject held after the restore',
    });
  });
});
