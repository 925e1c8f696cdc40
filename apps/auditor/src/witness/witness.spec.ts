import {
  auditLeafHash,
  checkpointOrigin,
  ED25519_COSIGNATURE_TYPE,
  ED25519_NOTE_TYPE,
  generateNoteKey,
  openCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  signCheckpoint,
  subtreeRoot,
  type AuditEvent,
} from '@app/contracts';
import { bodyFor, buildChain } from '../../../../libs/contracts/test/chain-fixtures';
import { SqliteWitnessRepository } from './sqlite/sqlite-witness.repository';
import { Witness } from './witness';

const log = generateNoteKey('onward.test/gateway', ED25519_NOTE_TYPE);
const witnessKey = generateNoteKey('onward.test/auditor', ED25519_COSIGNATURE_TYPE);
const events = buildChain(12, 1);

function note(from: AuditEvent[], size: number): string {
  return signCheckpoint(
    {
      origin: checkpointOrigin('c1', 'privacy.audit', 1),
      size,
      rootHash: subtreeRoot(from.map(auditLeafHash), 0, size),
    },
    parseSignerKey(log.signer),
  );
}

function setup() {
  const repo = SqliteWitnessRepository.open(':memory:');
  const witness = new Witness(repo, {
    logKeys: [parseVerifierKey(log.verifier)],
    cosigner: parseSignerKey(witnessKey.signer),
    clusterId: 'c1',
    auditTopic: 'privacy.audit',
  });
  return { repo, witness };
}

describe('Witness', () => {
  it('cosigns a checkpoint its stored events confirm; the cosignature verifies', async () => {
    const { repo, witness } = setup();
    await witness.acceptEvents(1, events);
    const outcome = await witness.acceptCheckpoint(1, note(events, 12), true);
    expect(outcome.outcome).toBe('cosigned');
    const [head] = await repo.cosignedHeads();
    expect(head).toMatchObject({ partition: 1, size: 12 });
    const opened = openCheckpoint(
      head.note,
      [parseVerifierKey(log.verifier)],
      [parseVerifierKey(witnessKey.verifier)],
    );
    expect(opened.cosignedBy.map((k) => k.name)).toEqual(['onward.test/auditor']);
  });

  it('waits for events, then cosigns when they arrive', async () => {
    const { repo, witness } = setup();
    await witness.acceptEvents(1, events.slice(0, 5));
    expect((await witness.acceptCheckpoint(1, note(events, 12), false)).outcome).toBe('pending');
    await witness.acceptEvents(1, events.slice(5));
    expect((await witness.retryPending(1, false)).map((o) => o.outcome)).toEqual(['cosigned']);
    expect((await repo.cosignedHeads())[0].size).toBe(12);
  });

  it('names a truncation, a fork and an unverified checkpoint, and keeps the alerts', async () => {
    const { repo, witness } = setup();
    await witness.acceptEvents(1, events.slice(0, 9));
    expect(await witness.acceptCheckpoint(1, note(events, 12), true)).toMatchObject({
      outcome: 'alert',
      alert: { partition: 1, size: 12, kind: 'truncated' },
    });
    expect((await witness.acceptCheckpoint(1, note(events, 6), true)).outcome).toBe('cosigned');
    const forked = [
      ...events.slice(0, 3),
      ...buildChain(9, 1).map((e, i) => (i < 3 ? e : { ...e, producer: 'x' })),
    ].slice(0, 8);
    expect(await witness.acceptCheckpoint(1, note(forked, 8), true)).toMatchObject({
      outcome: 'alert',
      alert: { kind: 'fork', size: 8 },
    });
    const intruder = generateNoteKey('onward.test/gateway', ED25519_NOTE_TYPE);
    const foreign = signCheckpoint(
      {
        origin: checkpointOrigin('c1', 'privacy.audit', 1),
        size: 9,
        rootHash: subtreeRoot(events.slice(0, 9).map(auditLeafHash)),
      },
      parseSignerKey(intruder.signer),
    );
    expect(await witness.acceptCheckpoint(1, foreign, true)).toMatchObject({
      outcome: 'alert',
      alert: { kind: 'unverified' },
    });
    expect((await repo.alerts()).map((a) => a.kind)).toEqual(['truncated', 'fork', 'unverified']);
    expect((await repo.cosignedHeads())[0].size).toBe(6);
  });

  it('keeps each event once, by seq, and finds it by id', async () => {
    const { repo, witness } = setup();
    await witness.acceptEvents(1, [...events.slice(0, 4), ...events.slice(2, 6)]);
    expect((await repo.leafCounts()).get(1)).toBe(6);
    expect((await repo.leafOfEvent(events[3].eventId))?.seq).toBe(3);
    expect(bodyFor(0).eventId).toBe(events[0].eventId);
  });
});
