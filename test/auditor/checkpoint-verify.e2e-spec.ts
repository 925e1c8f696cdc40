// `onward verify` with checkpoint keys (issue 13): audit and checkpoints topics written by
// hand, as an operator with write access but without the log's signing key could write them.
// A tail cut after a checkpoint, a partition rewritten with a fresh valid chain, and a fork
// signed with the right key are each detected and named by partition, size and kind.
import { Writable } from 'node:stream';
import {
  appendToChain,
  auditLeafHash,
  checkpointOrigin,
  ED25519_NOTE_TYPE,
  generateNoteKey,
  parseSignerKey,
  parseVerifierKey,
  signCheckpoint,
  subtreeRoot,
  topicNames,
  type AuditEvent,
  type ChainTip,
} from '@app/contracts';
import { runVerify } from '@app/verify';
import { bodyFor, buildChain } from '../../libs/contracts/test/chain-fixtures';
import { produceRecords } from '../support/auditor/audit-topics';
import { createTopics, testBrokers, testKafka, uniqueName } from '../support/kafka';

const kafka = testKafka('checkpoint-verify');
const log = generateNoteKey('onward.test/gateway', ED25519_NOTE_TYPE);
const intruder = generateNoteKey('onward.test/gateway', ED25519_NOTE_TYPE);
const CLUSTER = 'verify-test';
const genuine = buildChain(20, 0);

/** The partition rewritten from scratch: every event changed, the chain valid. */
function rewritten(): AuditEvent[] {
  let tip: ChainTip | null = null;
  return Array.from({ length: 20 }, (_, i) => {
    const event = appendToChain(tip, 0, { ...bodyFor(i), producer: 'rewriter' });
    tip = { seq: event.seq, hash: event.hash };
    return event;
  });
}

type Sign = (events: AuditEvent[], size: number, signer?: string) => string;

/** Writes the scenario's topics under a fresh prefix and runs verify with the log key. */
async function verifyScenario(
  build: (sign: Sign) => { events: AuditEvent[]; notes: string[] },
): Promise<{ code: number; text: string }> {
  const prefix = `${uniqueName('cpv')}.`;
  const topics = topicNames(prefix);
  const sign: Sign = (events, size, signer = log.signer) =>
    signCheckpoint(
      {
        origin: checkpointOrigin(CLUSTER, topics.audit, 0),
        size,
        rootHash: subtreeRoot(events.map(auditLeafHash), 0, size),
      },
      parseSignerKey(signer),
    );
  const { events, notes } = build(sign);
  const admin = kafka.admin();
  await admin.connect();
  await createTopics(admin, [
    { topic: topics.audit, numPartitions: 1 },
    { topic: topics.checkpoints, numPartitions: 1 },
  ]).finally(() => admin.disconnect());
  await produceRecords(
    kafka,
    topics.audit,
    events.map((e) => ({ partition: 0, value: JSON.stringify(e) })),
  );
  await produceRecords(
    kafka,
    topics.checkpoints,
    notes.map((n) => ({ partition: 0, key: '0', value: n })),
  );
  let text = '';
  const out = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  const code = await runVerify({
    brokers: testBrokers(),
    prefix,
    out,
    checkpointKeys: [parseVerifierKey(log.verifier)],
    checkpointOrigin: CLUSTER,
  });
  return { code, text };
}

it('an intact partition with its checkpoints verifies', async () => {
  const { code, text } = await verifyScenario((sign) => ({
    events: genuine,
    notes: [sign(genuine, 10), sign(genuine, 20)],
  }));
  expect(text).toContain('partition 0: 2 signed checkpoint(s), events confirm size 20: consistent');
  expect(code).toBe(0);
});

it('names a truncation: the last 3 events cut after a checkpoint of 20', async () => {
  const { code, text } = await verifyScenario((sign) => ({
    events: genuine.slice(0, 17),
    notes: [sign(genuine, 10), sign(genuine, 20)],
  }));
  expect(text).toMatch(
    /FAILED: .*audit partition 0, signed size 20: truncated \(events end at 17 before the signed tree size 20\)/,
  );
  expect(code).toBe(1);
});

it('names a partition rewritten with a valid chain but without the signing key', async () => {
  const { code, text } = await verifyScenario((sign) => {
    const forged = rewritten();
    // The rewriter cannot sign for the log: its own checkpoints are refused as unverified.
    return {
      events: forged,
      notes: [sign(genuine, 20), sign(forged, 20, intruder.signer)],
    };
  });
  expect(text).toContain(
    'rewritten at size 20 (the first 20 events no longer give the signed root)',
  );
  expect(text).toContain('unverified at size 0');
  expect(text).toMatch(/FAILED: .*partition 0, signed size 20: rewritten/);
  expect(code).toBe(1);
});

it('names a fork: a checkpoint signed with the right key but inconsistent with the others', async () => {
  const { code, text } = await verifyScenario((sign) => {
    const other = [...genuine.slice(0, 6), ...rewritten().slice(6, 14)];
    return { events: genuine, notes: [sign(genuine, 10), sign(other, 14), sign(genuine, 20)] };
  });
  expect(text).toMatch(/FAILED: .*partition 0, signed size 14: fork/);
  expect(code).toBe(1);
});
