// Owned partitions only (issue 10): two instances each hold the subjects of exactly the request
// partitions they own; when one is killed, the other restores its partitions and decides them,
// honouring an erasure written after the kill (the consent barrier on a taken-over partition).
import { Partitioners } from 'kafkajs';
import type { AppProcess } from '../support/app-process';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { GatewayHarness, type GatewayHealth } from '../support/gateway-harness';
import { waitFor } from '../support/wait-for';

const PARTITIONS = 4;
const SUBJECTS = 80;
const harness = new GatewayHarness(PARTITIONS);
const partner = recipient('business_partner', { recipientId: 'so-partner' });
const ids = Array.from({ length: SUBJECTS }, (_, i) => `so-s-${i}`);
let a: AppProcess;
let b: AppProcess;
let seq = 0;

/** The partition the producers' default partitioner gives `key` (requests and subjects alike). */
const partitionOf = (() => {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: PARTITIONS }, (_, p) => ({
    partitionErrorCode: 0,
    partitionId: p,
    leader: 0,
    replicas: [0],
    isr: [0],
  }));
  return (key: string) =>
    partitioner({
      topic: harness.topics.subjects,
      partitionMetadata,
      message: { key, value: null },
    });
})();

interface Held {
  owned: number[];
  held: Map<number, number>;
}

/** What an instance owns (requests) and holds (subjects per partition). */
async function heldBy(app: AppProcess): Promise<Held> {
  const h = (await harness.health(app)) as GatewayHealth & {
    state: { partitions: { partition: number; subjects: number }[] };
  };
  return {
    owned: h.pipeline.partitions,
    held: new Map(h.state.partitions.map((p) => [p.partition, p.subjects])),
  };
}

const expected = (partitions: number[]) =>
  new Map(partitions.map((p) => [p, ids.filter((id) => partitionOf(id) === p).length]));

async function decide(subjectId: string): Promise<string> {
  const id = `so-${++seq}`;
  await harness.request([shareRequest(id, subjectId, partner.recipientId, 'marketing')]);
  const event = await harness.auditOf(id, 90_000);
  return event.type === 'share.allowed' ? event.type : `${event.type} ${event.reasons[0]?.code}`;
}

beforeAll(async () => {
  const env = { GATEWAY_SESSION_TIMEOUT_MS: '6000' };
  a = await harness.startGateway(env);
  await harness.connect();
  await harness.putRecipients([partner]);
  await harness.putSubjects(ids.map((id) => subject(id)));
  await harness.startReading([partner.recipientId]);
  b = await harness.startGateway(env);
}, 120_000);

afterAll(() => harness.close());

describe('owned partitions only', () => {
  it('each instance holds exactly the subjects of the partitions it owns', async () => {
    const [heldA, heldB] = await waitFor(
      async () => {
        const both = await Promise.all([heldBy(a), heldBy(b)]);
        const owned = both.flatMap((h) => h.owned).sort();
        const settled = both.every(
          (h) =>
            h.owned.length > 0 &&
            JSON.stringify([...h.held]) === JSON.stringify([...expected(h.owned)]),
        );
        return owned.length === PARTITIONS && settled ? both : null;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: 'partitions split and subjects held per owner' },
    );
    // Neither instance holds all the learners: each holds its share, no more.
    const total = (h: Held) => [...h.held.values()].reduce((n, k) => n + k, 0);
    expect(total(heldA) + total(heldB)).toBe(SUBJECTS);
    expect(total(heldA)).toBeLessThan(SUBJECTS);
    expect(total(heldB)).toBeLessThan(SUBJECTS);
  });

  it('after one instance is killed, the other takes its partitions over and decides them', async () => {
    const { owned } = await heldBy(b);
    const victim = ids.find((id) => owned.includes(partitionOf(id)));
    const bystander = ids.find((id) => owned.includes(partitionOf(id)) && id !== victim);
    if (!victim || !bystander) throw new Error('no subject on the killed instance');
    await b.stop('SIGKILL');
    await harness.putSubjects([subject(victim, { erased: true })]);

    expect(await decide(victim)).toBe('share.denied SUBJECT_ERASED');
    expect(await decide(bystander)).toBe('share.allowed');
    const all = Array.from({ length: PARTITIONS }, (_, p) => p);
    await waitFor(
      async () => {
        const h = await heldBy(a);
        return JSON.stringify([...h.held]) === JSON.stringify([...expected(all)]) ? h : null;
      },
      { timeoutMs: 60_000, what: 'the survivor holding every partition' },
    );
  });
});
