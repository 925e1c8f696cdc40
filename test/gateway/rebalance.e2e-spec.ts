// Two gateway instances in one group share the input partitions; when one stops (SIGTERM),
// the other takes over its partitions and continues their audit chains where they ended.
import type { ShareRequest } from '@app/contracts';
import type { AppProcess } from '../support/app-process';
import { chainAlerts } from '../support/chain';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { GatewayHarness, type GatewayHealth } from '../support/gateway-harness';
import { waitFor } from '../support/wait-for';

const PARTITIONS = 4;
const SUBJECTS = 40;
const harness = new GatewayHarness(PARTITIONS);
const instructor = recipient('instructor');
const all = Array.from({ length: PARTITIONS }, (_, p) => p);
let a: AppProcess;
let b: AppProcess;

const requests = (from: number, count: number): ShareRequest[] =>
  Array.from({ length: count }, (_, k) => {
    const i = from + k;
    // Every third request is denied (unknown recipient), so both kinds cross the hand-over.
    const to = i % 3 === 2 ? 'nobody' : instructor.recipientId;
    return shareRequest(`rb-${i}`, `rb-s-${i % SUBJECTS}`, to, 'course_administration');
  });

/** Waits until `apps` report owned partitions that are disjoint and cover every partition. */
async function partitionsOf(apps: AppProcess[], timeoutMs = 60_000): Promise<number[][]> {
  return waitFor(
    async () => {
      const owned = (await Promise.all(apps.map((app) => harness.health(app)))).map(
        (h: GatewayHealth) => h.pipeline.partitions,
      );
      const flat = owned.flat().sort((x, y) => x - y);
      return owned.every((o) => o.length > 0) && JSON.stringify(flat) === JSON.stringify(all)
        ? owned
        : null;
    },
    { timeoutMs, intervalMs: 200, what: 'the partitions split between the instances' },
  );
}

beforeAll(async () => {
  a = await harness.startGateway();
  await harness.connect();
  await harness.putRecipients([instructor]);
  await harness.putSubjects(Array.from({ length: SUBJECTS }, (_, i) => subject(`rb-s-${i}`)));
  await harness.startReading([instructor.recipientId]);
}, 120_000);

afterAll(() => harness.close());

describe('two gateway instances', () => {
  it('share the partitions, hand them over on stop, and keep the chains unbroken', async () => {
    // Requests keep coming while B joins: A's partitions move in the middle of its batches.
    let sent = 0;
    await harness.request(requests(sent, 200));
    sent += 200;
    b = harness.spawnGateway();
    const split = await waitFor(
      async () => {
        if (sent < 380) {
          await harness.request(requests(sent, 10));
          sent += 10;
        }
        if (!b.output().includes('gateway listening')) return null;
        return partitionsOf([a, b], 0).catch(() => null);
      },
      { timeoutMs: 60_000, what: 'B to join while requests flow' },
    );
    const [ownedByA, ownedByB] = split;
    expect(ownedByA.filter((p) => ownedByB.includes(p))).toEqual([]);
    expect([...ownedByA, ...ownedByB].sort((x, y) => x - y)).toEqual(all);
    await harness.request(requests(sent, 400 - sent));
    const before = await harness.awaitAllDecided();
    const [healthA, healthB] = await Promise.all([harness.health(a), harness.health(b)]);
    expect(healthA.pipeline.decided).toBeGreaterThan(0);
    expect(healthB.pipeline.decided).toBeGreaterThan(0);
    // Each request was committed by exactly one of them.
    expect(healthA.pipeline.decided + healthB.pipeline.decided).toBe(400);

    // Requests keep coming while B drains and leaves the group.
    await harness.request(requests(400, 200));
    const stopping = b.stop('SIGTERM');
    await harness.request(requests(600, 200));
    expect(await stopping).toBe(0);
    expect((await partitionsOf([a]))[0]).toEqual(all);
    await harness.request(requests(800, 200));
    const after = await harness.awaitAllDecided();

    const events = harness.auditEvents();
    const ids = events.map((e) => e.requestId);
    expect(events).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    expect(chainAlerts(harness.on(harness.topics.audit))).toEqual([]);
    for (const p of all) {
      const seqs = events.filter((e) => e.partition === p).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: after.get(p) ?? -1 }, (_, i) => i));
      // B's partitions: the chain grew past the point where B left it.
      if (ownedByB.includes(p)) expect(after.get(p)).toBeGreaterThan(before.get(p) ?? 0);
    }
    const allowed = events.filter((e) => e.decision === 'allow').length;
    const topic = `${harness.prefix}shares.${instructor.recipientId}`;
    const shares = await waitFor(
      () => (harness.count(topic) >= allowed ? harness.on(topic) : null),
      {
        what: 'every share',
      },
    );
    expect(shares).toHaveLength(allowed);
  });
});
