// A gateway that starts signing checkpoints over an audit topic written without them has no
// tree beside its committed offsets: it rebuilds the tree from the audit partition, so its
// first checkpoints already cover the events written before checkpoints were turned on.
import {
  auditLeafHash,
  ED25519_NOTE_TYPE,
  generateNoteKey,
  openCheckpoint,
  parseVerifierKey,
  subtreeRoot,
} from '@app/contracts';
import type { Consumer } from 'kafkajs';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway-harness';
import { uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait-for';

const harness = new GatewayHarness(2);
const key = generateNoteKey('onward.test/gateway', ED25519_NOTE_TYPE);
const instructor = recipient('instructor');
const notes: { partition: number; note: string }[] = [];
let reader: Consumer | undefined;

const requests = (from: number, count: number) =>
  Array.from({ length: count }, (_, k) =>
    shareRequest(
      `rb-${from + k}`,
      `rb-s-${(from + k) % 8}`,
      instructor.recipientId,
      'course_administration',
    ),
  );

afterAll(async () => {
  await reader?.disconnect();
  await harness.close();
});

it('rebuilds the tree from the audit partition when checkpoints are turned on later', async () => {
  const plain = await harness.startGateway();
  await harness.connect();
  await harness.putRecipients([instructor]);
  await harness.putSubjects(Array.from({ length: 8 }, (_, i) => subject(`rb-s-${i}`)));
  await harness.startReading([instructor.recipientId]);
  await harness.request(requests(0, 30));
  await harness.awaitAllDecided(120_000);
  await plain.stop('SIGKILL');

  await harness.startGateway({
    GATEWAY_CHECKPOINT_KEY: key.signer,
    GATEWAY_CHECKPOINT_INTERVAL_MS: '300',
    ONWARD_CLUSTER_ID: 'rebuild',
  });
  reader = harness.kafka.consumer({ groupId: uniqueName('rb-reader'), readUncommitted: false });
  await reader.connect();
  await reader.subscribe({ topics: [harness.topics.checkpoints], fromBeginning: true });
  await reader.run({
    eachMessage: async ({ message }) => {
      notes.push({ partition: Number(message.key?.toString()), note: String(message.value) });
    },
  });
  await harness.request(requests(30, 20));
  const lengths = await harness.awaitAllDecided(120_000);
  const logKey = parseVerifierKey(key.verifier);
  for (const [partition, length] of lengths) {
    if (length === 0) continue;
    const head = await waitFor(
      () =>
        notes
          .filter((n) => n.partition === partition)
          .map((n) => openCheckpoint(n.note, [logKey]))
          .find((c) => c.size === length),
      { timeoutMs: 60_000, what: `checkpoint of partition ${partition} at size ${length}` },
    );
    const leaves = harness
      .auditEvents()
      .filter((e) => e.partition === partition)
      .map(auditLeafHash);
    expect(leaves).toHaveLength(length);
    expect(head.rootHash).toEqual(subtreeRoot(leaves));
  }
});
