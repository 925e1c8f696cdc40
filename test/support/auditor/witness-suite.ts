// What the witness (issue 13) must do whatever holds its state: run against SQLite (unit
// project, apps/auditor/src/witness/witness.spec.ts) and PostgreSQL
// (test/auditor/postgres-witness.int-spec.ts). The Witness's judgements, the repository
// contract, and two witnesses (two auditors) sharing one store.
import {
  auditLeafHash,
  checkpointOrigin,
  ED25519_COSIGNATURE_TYPE,
  EMPTY_RANGE,
  extendRange,
  leafHash,
  nodeKey,
  rangeNodes,
  rangeRoot,
  type CompactRange,
  ED25519_NOTE_TYPE,
  generateNoteKey,
  openCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  signCheckpoint,
  subtreeRoot,
  verifyEventProof,
  type AuditEvent,
} from '@app/contracts';
import { bodyFor, buildChain } from '../../../libs/contracts/test/chain-fixtures';
import { Witness } from '../../../apps/auditor/src/witness/witness';
import { buildStoredNodes, storedEventProof } from '../../../apps/auditor/src/witness/stored-tree';
import type {
  CosignedHead,
  TreeGrowth,
  WitnessLeaf,
  WitnessRepository,
} from '../../../apps/auditor/src/witness/witness.repository';

/** Opens witness stores for the suite; every store it opens is closed by the suite. */
export interface WitnessStores {
  /** A fresh, empty store. */
  open(): Promise<WitnessRepository>;
  /** Another handle on the store `open` gave last, as a second auditor would open it. */
  reopen(): Promise<WitnessRepository>;
}

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

const witnessOn = (repo: WitnessRepository): Witness =>
  new Witness(repo, {
    logKeys: [parseVerifierKey(log.verifier)],
    cosigner: parseSignerKey(witnessKey.signer),
    clusterId: 'c1',
    auditTopic: 'privacy.audit',
  });

const leaf = (partition: number, seq: number, text = `leaf ${partition}/${seq}`): WitnessLeaf => ({
  partition,
  seq,
  eventId: `ev-${partition}-${seq}`,
  canonical: Buffer.from(text),
  leafHash: leafHash(Buffer.from(text)),
});

/** The growth that appends `leaves` (one partition, consecutive seqs) to `range`. */
function growth(leaves: WitnessLeaf[], range: CompactRange = EMPTY_RANGE): TreeGrowth {
  const grown = extendRange(
    range,
    leaves.map((l) => l.leafHash),
  );
  return { partition: leaves[0].partition, leaves, ...grown };
}

/** Stores `events` as a store written before tree nodes were kept: leaves only, range 0. */
async function storeLegacyLeaves(repo: WitnessRepository, from: AuditEvent[]): Promise<void> {
  const leaves = from.map((e) => ({
    partition: e.partition,
    seq: e.seq,
    eventId: e.eventId,
    canonical: Buffer.from('legacy'),
    leafHash: auditLeafHash(e),
  }));
  await repo.grow({ partition: 1, leaves, nodes: [], range: EMPTY_RANGE });
}

/** A repository that counts the leaf hashes and nodes read through it. */
function counting(repo: WitnessRepository) {
  const reads = { leaves: 0, nodes: 0 };
  const wrapped: WitnessRepository = Object.create(repo) as WitnessRepository;
  wrapped.leafHashes = async (p, from, limit) => {
    const hashes = await repo.leafHashes(p, from, limit);
    reads.leaves += hashes.length;
    return hashes;
  };
  wrapped.nodes = async (p, addresses) => {
    reads.nodes += addresses.length;
    return repo.nodes(p, addresses);
  };
  return { repo: wrapped, reads };
}

const head = (size: number, cosignedAt = '2026-01-01T00:00:00.000Z'): CosignedHead => ({
  partition: 1,
  size,
  rootHash: Buffer.alloc(32, size),
  note: `checkpoint of size ${size}\n`,
  cosignedAt,
});

/** Registers the witness tests on the stores `stores` opens. */
export function describeWitness(name: string, stores: WitnessStores): void {
  let opened: WitnessRepository[] = [];
  const track = (repo: WitnessRepository): WitnessRepository => {
    opened.push(repo);
    return repo;
  };
  const open = async () => track(await stores.open());
  const reopen = async () => track(await stores.reopen());
  async function setup() {
    const repo = await open();
    return { repo, witness: witnessOn(repo) };
  }
  afterEach(async () => {
    for (const repo of opened) await repo.close();
    opened = [];
  });

  describe(`Witness on ${name}`, () => {
    it('cosigns a checkpoint its stored events confirm; the cosignature verifies', async () => {
      const { repo, witness } = await setup();
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
      const { repo, witness } = await setup();
      await witness.acceptEvents(1, events.slice(0, 5));
      expect((await witness.acceptCheckpoint(1, note(events, 12), false)).outcome).toBe('pending');
      await witness.acceptEvents(1, events.slice(5));
      expect((await witness.retryPending(1, false)).map((o) => o.outcome)).toEqual(['cosigned']);
      expect((await repo.cosignedHeads())[0].size).toBe(12);
    });

    it('names a truncation, a fork and an unverified checkpoint, and keeps the alerts', async () => {
      const { repo, witness } = await setup();
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
      const { repo, witness } = await setup();
      await witness.acceptEvents(1, [...events.slice(0, 4), ...events.slice(2, 6)]);
      expect((await repo.ranges()).get(1)?.size).toBe(6);
      expect((await repo.leafOfEvent(events[3].eventId))?.seq).toBe(3);
      expect(bodyFor(0).eventId).toBe(events[0].eventId);
    });
  });

  describe(`Witness tree nodes on ${name}`, () => {
    it('judges a checkpoint and serves a proof from O(log n) nodes, rereading no leaf', async () => {
      const { repo, reads } = counting(await open());
      const witness = witnessOn(repo);
      await witness.acceptEvents(1, events.slice(0, 7));
      expect((await witness.acceptCheckpoint(1, note(events, 7), true)).outcome).toBe('cosigned');
      await witness.acceptEvents(1, events.slice(7));
      const before = { ...reads };
      expect((await witness.acceptCheckpoint(1, note(events, 12), true)).outcome).toBe('cosigned');
      expect(reads.leaves).toBe(before.leaves);
      expect(reads.nodes - before.nodes).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(12)) + 2);
      const [cosigned] = await repo.cosignedHeads();
      const stored = await repo.leafOfEvent(events[5].eventId);
      const receipt = await storedEventProof(repo, stored!, cosigned);
      expect(reads.leaves).toBe(before.leaves);
      expect(receipt?.event).toEqual(events[5]);
      expect(verifyEventProof(receipt!, { logKeys: [parseVerifierKey(log.verifier)] }).ok).toBe(
        true,
      );
    });

    it('builds the nodes of leaves stored before it kept them, in batches, then cosigns', async () => {
      const repo = await open();
      await storeLegacyLeaves(repo, events);
      expect((await repo.ranges()).get(1)?.size).toBe(0);
      const range = await buildStoredNodes(repo, 1, EMPTY_RANGE, 5);
      expect(range.size).toBe(12);
      expect((await repo.ranges()).get(1)).toEqual(range);
      expect(rangeRoot(range)).toEqual(subtreeRoot(events.map(auditLeafHash)));
      const witness = witnessOn(await reopen());
      await witness.buildNodes();
      expect((await witness.acceptCheckpoint(1, note(events, 9), true)).outcome).toBe('cosigned');
    });

    it('builds them on first use too, without a separate start step', async () => {
      const repo = await open();
      await storeLegacyLeaves(repo, events.slice(0, 10));
      const witness = witnessOn(repo);
      await witness.acceptEvents(1, events);
      expect((await repo.ranges()).get(1)?.size).toBe(12);
      expect((await witness.acceptCheckpoint(1, note(events, 12), true)).outcome).toBe('cosigned');
    });
  });

  describe(`${name} witness repository contract`, () => {
    it('is empty at first', async () => {
      const repo = await open();
      expect(await repo.ranges()).toEqual(new Map());
      expect(await repo.leafHashes(0, 0, 10)).toEqual([]);
      expect(await repo.nodes(0, [{ level: 0, index: 0 }])).toEqual(new Map());
      expect(await repo.leafOfEvent('ev-0-0')).toBeNull();
      expect(await repo.cosignedHeads()).toEqual([]);
      expect(await repo.alerts()).toEqual([]);
    });

    it('keeps leaves per partition in seq order; a stored seq is left as it is', async () => {
      const repo = await open();
      const first = growth([leaf(0, 0)]);
      await repo.grow(growth([leaf(0, 0), leaf(0, 1)]));
      await repo.grow(growth([leaf(2, 0)]));
      await repo.grow(growth([leaf(0, 1, 'other bytes'), leaf(0, 2)], first.range));
      expect([...(await repo.ranges())].map(([p, r]) => [p, r.size])).toEqual([
        [0, 3],
        [2, 1],
      ]);
      expect(await repo.leafHashes(0, 0, 2)).toEqual([leaf(0, 0).leafHash, leaf(0, 1).leafHash]);
      expect(await repo.leafHashes(0, 1, 99)).toEqual([leaf(0, 1).leafHash, leaf(0, 2).leafHash]);
      expect(await repo.leafOfEvent('ev-0-1')).toEqual(leaf(0, 1));
      expect(await repo.leafOfEvent('ev-2-0')).toEqual(leaf(2, 0));
    });

    it('keeps each node once by partition, level and index; the range only moves forward', async () => {
      const repo = await open();
      const leaves = Array.from({ length: 7 }, (_, seq) => leaf(4, seq));
      const grown = growth(leaves);
      await repo.grow(grown);
      await repo.grow(growth(leaves.slice(0, 3)));
      const stored = await repo.ranges();
      expect(stored.get(4)).toEqual(grown.range);
      expect(rangeRoot(stored.get(4)!)).toEqual(rangeRoot(grown.range));
      const wanted = [...grown.nodes, { level: 3, index: 0 }, { level: 0, index: 99 }];
      const found = await repo.nodes(4, wanted);
      expect(found).toEqual(new Map(grown.nodes.map((n) => [nodeKey(n), n.hash])));
      expect(await repo.nodes(5, grown.nodes)).toEqual(new Map());
    });

    it('appends a batch larger than one statement’s parameters allow, all at once', async () => {
      const repo = await open();
      const many = growth(Array.from({ length: 20_000 }, (_, seq) => leaf(3, seq)));
      await repo.grow(many);
      expect((await repo.ranges()).get(3)?.size).toBe(20_000);
      expect(await repo.leafHashes(3, 19_999, 5)).toEqual([many.leaves[19_999].leafHash]);
      const root = await repo.nodes(3, rangeNodes(0, 20_000));
      expect(root.size).toBe(rangeNodes(0, 20_000).length);
      expect(many.nodes.length).toBeGreaterThan(39_990);
    });

    it('moves a cosigned head forward only, never back or sideways', async () => {
      const repo = await open();
      await repo.saveCosigned(head(5));
      await repo.saveCosigned(head(9, '2026-01-02T00:00:00.000Z'));
      await repo.saveCosigned(head(7, '2026-01-03T00:00:00.000Z'));
      await repo.saveCosigned({ ...head(9, '2026-01-04T00:00:00.000Z'), note: 'another note\n' });
      await repo.saveCosigned({ ...head(4), partition: 0 });
      expect(await repo.cosignedHeads()).toEqual([
        { ...head(4), partition: 0 },
        head(9, '2026-01-02T00:00:00.000Z'),
      ]);
    });

    it('keeps one alert per partition, size and kind, oldest first', async () => {
      const repo = await open();
      const at = '2026-01-05T10:00:00.000Z';
      await repo.saveAlert({ partition: 1, size: 8, kind: 'fork', detail: 'first' }, at);
      await repo.saveAlert({ partition: 1, size: 8, kind: 'truncated', detail: 'other' }, at);
      await repo.saveAlert({ partition: 1, size: 8, kind: 'fork', detail: 'again' }, at);
      await repo.saveAlert({ partition: 0, size: 8, kind: 'fork', detail: 'elsewhere' }, at);
      const alerts = await repo.alerts();
      expect(alerts.map((a) => [a.partition, a.size, a.kind, a.detail, a.detectedAt])).toEqual([
        [1, 8, 'fork', 'first', at],
        [1, 8, 'truncated', 'other', at],
        [0, 8, 'fork', 'elsewhere', at],
      ]);
      expect(alerts[0].id).toBeLessThan(alerts[1].id);
    });
  });

  describe(`two witnesses sharing one ${name} store`, () => {
    it('see each other’s leaves and heads; neither moves the head back', async () => {
      const a = witnessOn(await open());
      const shared = await reopen();
      await a.acceptEvents(1, events);
      // The second auditor starts later: it resumes from the stored leaves.
      const b = witnessOn(shared);
      await b.acceptEvents(1, events);
      expect((await shared.ranges()).get(1)?.size).toBe(12);
      expect((await a.acceptCheckpoint(1, note(events, 12), true)).outcome).toBe('cosigned');
      // A checkpoint the other auditor has not judged yet is now behind the shared head.
      expect((await b.acceptCheckpoint(1, note(events, 8), true)).outcome).toBe('stale');
      expect((await shared.cosignedHeads()).map((h) => h.size)).toEqual([12]);
    });

    it('store an alert both raise once', async () => {
      const first = await open();
      const second = await reopen();
      const [a, b] = [witnessOn(first), witnessOn(second)];
      await a.acceptEvents(1, events.slice(0, 9));
      await b.acceptEvents(1, events.slice(0, 9));
      const truncated = note(events, 12);
      await Promise.all([
        a.acceptCheckpoint(1, truncated, true),
        b.acceptCheckpoint(1, truncated, true),
      ]);
      expect((await second.alerts()).map((x) => [x.size, x.kind])).toEqual([[12, 'truncated']]);
    });
  });
}
