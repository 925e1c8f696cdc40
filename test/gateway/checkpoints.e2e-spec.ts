// Signed checkpoints of the audit partitions (DESIGN §7, issue 13): the gateway signs, per
// audit partition, C2SP checkpoints over the RFC 9162 tree of its events, in the same
// transaction as the events they cover. After a kill -9 and a restart the tree continues from
// the committed offset metadata, so every later checkpoint is consistent with every earlier one.
import {
  auditLeafHash,
  consistencyProof,
  ED25519_NOTE_TYPE,
  generateNoteKey,
  openCheckpoint,
  parseVerifierKey,
  subtreeRoot,
  verifyConsistency,
  type AuditEvent,
  type OpenedCheckpoint,
} from '@app/contracts';
import type { Consumer } from 'kafkajs';
import type { AppProcess } from '../support/app-process';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway-harness';
import { uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait-for';

const harness = new GatewayHarness(3);
const key = generateNoteKey('onward.test/gateway', ED25519_NOTE_TYPE);
const logKey = parseVerifierKey(key.verifier);
const env = {
  GATEWAY_CHECKPOINT_KEY: key.signer,
  GATEWAY_CHECKPOINT_EVERY_EVENTS: '7',
  GATEWAY_CHECKPOINT_INTERVAL_MS: '500',
  ONWARD_CLUSTER_ID: 'test-cluster',
};
const instructor = recipient('instructor');
const checkpoints: { partition: number; note: string }[] = [];
let reader: Consumer | undefined;
let first: AppProcess;

async function publish(from: number, count: number): Promise<void> {
  const requests = Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return shareRequest(
      `cp-${i}`,
      `cp-s-${i % 12}`,
      instructor.recipientId,
      'course_administration',
    );
  });
  await harness.request(requests);
}

/** Audit events of one partition in seq order, as the reader has them. */
function eventsOf(partition: number): AuditEvent[] {
  return harness.auditEvents().filter((e) => e.partition === partition);
}

function opened(partition: number): OpenedCheckpoint[] {
  return checkpoints
    .filter((c) => c.partition === partition)
    .map((c) =>
      openCheckpoint(
        c.note,
        [logKey],
        [],
        `onward/test-cluster/${harness.topics.audit}/${partition}`,
      ),
    );
}

beforeAll(async () => {
  first = await harness.startGateway(env);
  await harness.connect();
  await harness.putRecipients([instructor]);
  await harness.putSubjects(Array.from({ length: 12 }, (_, i) => subject(`cp-s-${i}`)));
  await harness.startReading([instructor.recipientId]);
  reader = harness.kafka.consumer({ groupId: uniqueName('cp-reader'), readUncommitted: false });
  await reader.connect();
  await reader.subscribe({ topics: [harness.topics.checkpoints], fromBeginning: true });
  await reader.run({
    eachMessage: async ({ message }) => {
      checkpoints.push({
        partition: Number(message.key?.toString()),
        note: message.value?.toString() ?? '',
      });
    },
  });
});

afterAll(async () => {
  await reader?.disconnect();
  await harness.close();
});

it('signs checkpoints that cover every committed event, across a kill -9 and a restart', async () => {
  await publish(0, 60);
  const before = await harness.awaitAllDecided(120_000);
  // The timer signs a quiet partition's last events: each partition's full size gets signed.
  await waitFor(
    () => [...before].every(([p, n]) => n === 0 || opened(p).some((c) => c.size === n)),
    { timeoutMs: 60_000, what: 'a checkpoint of every partition at its full size' },
  );

  await first.stop('SIGKILL');
  await harness.startGateway(env);
  await publish(60, 60);
  const after = await harness.awaitAllDecided(120_000);
  await waitFor(
    () => [...after].every(([p, n]) => n === 0 || opened(p).some((c) => c.size === n)),
    { timeoutMs: 60_000, what: 'checkpoints after the restart' },
  );

  for (const [partition, length] of after) {
    const events = eventsOf(partition);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length }, (_, i) => i));
    const leaves = events.map(auditLeafHash);
    const heads = opened(partition);
    expect(heads.length).toBeGreaterThan(1);
    for (const head of heads) {
      // Never a checkpoint beyond the committed events, and always the root of that prefix.
      expect(head.size).toBeLessThanOrEqual(length);
      expect(head.rootHash).toEqual(subtreeRoot(leaves, 0, head.size));
    }
    // Every checkpoint is consistent with the last one: the log only grew.
    const last = heads.reduce((a, b) => (b.size > a.size ? b : a));
    for (const head of heads) {
      const proof = consistencyProof(leaves.slice(0, last.size), head.size);
      expect(verifyConsistency(head.size, last.size, head.rootHash, last.rootHash, proof)).toBe(
        true,
      );
    }
  }
});
