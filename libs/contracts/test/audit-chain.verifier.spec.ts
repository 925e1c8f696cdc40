import fc from 'fast-check';
import {
  appendToChain,
  type AuditEvent,
  type ChainAlert,
  type ChainAlertKind,
  ChainVerifier,
  tipOf,
  verifyChain,
} from '@app/contracts';
import { bodyFor, buildChain, bytes, changed, forged, STRAY_HASH } from './chain-fixtures';

type ChainRecord = AuditEvent | Buffer | string | null;

const PARTITION = 2;

/** Every alert for `records` read at offsets 0, 1, 2…, through both entry points. */
function alertsFor(records: ChainRecord[]): Omit<ChainAlert, 'detail'>[] {
  const verifier = new ChainVerifier(PARTITION);
  const incremental = records.flatMap((r, offset) => verifier.accept(r, offset).alerts);
  const all = [...incremental, ...verifier.flush()];
  expect(verifyChain(records, { partition: PARTITION })).toEqual(all);
  for (const alert of all) expect(alert.detail).toEqual(expect.any(String));
  return all.map(({ detail: _detail, ...rest }) => rest);
}

const alert = (kind: ChainAlertKind, seq: number, offset: number | null) => ({
  partition: PARTITION,
  kind,
  seq,
  offset: offset === null ? null : String(offset),
});

describe('ChainVerifier on a genuine chain', () => {
  const chain = buildChain(12, PARTITION);

  it('accepts every event, as objects and as bytes, with no alert', () => {
    expect(alertsFor(chain)).toEqual([]);
    expect(alertsFor(chain.map(bytes))).toEqual([]);
  });

  it('returns each parsed event and tracks the tip', () => {
    const verifier = new ChainVerifier(PARTITION);
    expect(verifier.currentTip()).toBeNull();
    chain.forEach((event, offset) => {
      expect(verifier.accept(bytes(event), offset)).toEqual({
        ok: true,
        held: false,
        event,
        alerts: [],
      });
    });
    expect(verifier.currentTip()).toEqual(tipOf(chain[11]));
  });

  it('resumes from a checkpointed tip', () => {
    const verifier = new ChainVerifier(PARTITION, { tip: { ...tipOf(chain[4]), offset: '4' } });
    const alerts = chain.slice(5).flatMap((e, i) => verifier.accept(e, 5 + i).alerts);
    expect([...alerts, ...verifier.flush()]).toEqual([]);
  });

  it('infers the partition in verifyChain when not told', () => {
    expect(verifyChain(chain)).toEqual([]);
    expect(verifyChain(buildChain(3, 7))).toEqual([]);
  });
});

describe('ChainVerifier on a tampered chain: one tampering, one alert of the right kind', () => {
  const chain = buildChain(10, PARTITION);
  const at = (i: number) => chain[i];

  it('changed: a field edited, hash left alone', () => {
    const records = [...chain];
    records[4] = changed(at(4), (e) => (e.fieldsWithheld = ['dateOfBirth']));
    expect(alertsFor(records)).toEqual([alert('changed', 4, 4)]);
  });

  it('changed: the first event, and the last', () => {
    const first = [...chain];
    first[0] = changed(at(0), (e) => (e.directMarketing = true));
    expect(alertsFor(first)).toEqual([alert('changed', 0, 0)]);
    const last = [...chain];
    last[9] = changed(at(9), (e) => (e.decidedAt = '2027-01-01T00:00:00Z'));
    expect(alertsFor(last)).toEqual([alert('changed', 9, 9)]);
  });

  it('changed: the seq field, or the hash field itself', () => {
    const seq = [...chain];
    seq[4] = changed(at(4), (e) => (e.seq = 40));
    expect(alertsFor(seq)).toEqual([alert('changed', 40, 4)]);
    const hash = [...chain];
    hash[4] = changed(at(4), (e) => (e.hash = STRAY_HASH));
    expect(alertsFor(hash)).toEqual([alert('changed', 4, 4)]);
  });

  it('missing: one event deleted, named by its seq at the offset of the next record', () => {
    const records = chain.filter((_, i) => i !== 4);
    expect(alertsFor(records)).toEqual([alert('missing', 4, 4)]);
  });

  it('missing: several consecutive events, the first, the last but one', () => {
    expect(alertsFor(chain.filter((_, i) => i !== 4 && i !== 5))).toEqual([alert('missing', 4, 4)]);
    expect(alertsFor(chain.slice(1))).toEqual([alert('missing', 0, 0)]);
    expect(alertsFor(chain.filter((_, i) => i !== 8))).toEqual([alert('missing', 8, 8)]);
  });

  it('reordered: two events swapped, named by the one that goes backwards', () => {
    const records = [...chain];
    [records[4], records[5]] = [records[5], records[4]];
    expect(alertsFor(records)).toEqual([alert('reordered', 4, 5)]);
  });

  it('reordered: swaps at the start and at the end', () => {
    const start = [...chain];
    [start[0], start[1]] = [start[1], start[0]];
    expect(alertsFor(start)).toEqual([alert('reordered', 0, 1)]);
    const end = [...chain];
    [end[8], end[9]] = [end[9], end[8]];
    expect(alertsFor(end)).toEqual([alert('reordered', 8, 9)]);
  });

  it('reordered: an event replayed later, or twice in a row', () => {
    expect(alertsFor([...chain, at(4)])).toEqual([alert('reordered', 4, 10)]);
    expect(alertsFor([...chain.slice(0, 5), at(4), ...chain.slice(5)])).toEqual([
      alert('reordered', 4, 5),
    ]);
  });

  it('inserted: a forged event whose prevHash does not link', () => {
    const forgery = appendToChain({ seq: 3, hash: STRAY_HASH }, PARTITION, bodyFor(4));
    const records = [...chain.slice(0, 4), forgery, ...chain.slice(4)];
    expect(alertsFor(records)).toEqual([alert('inserted', 4, 4)]);
  });

  it('inserted: a forged event that links to its predecessor, before or after the genuine one', () => {
    const forgery = forged(at(4), (e) => (e.fieldsShared = ['email']));
    expect(alertsFor([...chain.slice(0, 4), forgery, ...chain.slice(4)])).toEqual([
      alert('inserted', 4, 4),
    ]);
    expect(alertsFor([...chain.slice(0, 5), forgery, ...chain.slice(5)])).toEqual([
      alert('inserted', 4, 5),
    ]);
  });

  it('inserted: an event rewritten in place with a recomputed hash', () => {
    const records = [...chain];
    records[4] = forged(at(4), (e) => (e.fieldsWithheld = ['name']));
    expect(alertsFor(records)).toEqual([alert('inserted', 4, 4)]);
  });

  it('inserted: a replacement that breaks both of its links', () => {
    const records = [...chain];
    records[4] = forged(at(4), (e) => (e.prevHash = STRAY_HASH));
    expect(alertsFor(records)).toEqual([alert('inserted', 4, 4)]);
  });

  it('inserted: a forged event claiming an old seq, or a far future one', () => {
    const old = forged(at(2), (e) => (e.directMarketing = true));
    expect(alertsFor([...chain, old])).toEqual([alert('inserted', 2, 10)]);
    const future = forged(at(3), (e) => (e.seq = 500));
    expect(alertsFor([...chain.slice(0, 3), future, ...chain.slice(3)])).toEqual([
      alert('inserted', 500, 3),
    ]);
  });

  it("inserted: a genuine event of another partition's chain", () => {
    const foreign = buildChain(5, 7)[4];
    expect(alertsFor([...chain.slice(0, 5), foreign, ...chain.slice(5)])).toEqual([
      alert('inserted', 4, 5),
    ]);
  });

  it.each([
    ['invalid JSON', '{"eventId": "ev-'],
    ['JSON that is no AuditEvent', '{"hello":"world"}'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
    ['an empty record', Buffer.alloc(0)],
  ])('unparseable: %s inserted, or replacing an event', (_name, garbage) => {
    expect(alertsFor([...chain.slice(0, 4), garbage, ...chain.slice(4)])).toEqual([
      alert('unparseable', 4, 4),
    ]);
    expect(alertsFor([...chain.slice(0, 4), garbage, ...chain.slice(5)])).toEqual([
      alert('unparseable', 4, 4),
    ]);
  });

  it('a tombstone (null value) is unparseable', () => {
    expect(alertsFor([...chain.slice(0, 4), null, ...chain.slice(4)])).toEqual([
      alert('unparseable', 4, 4),
    ]);
  });

  it('holds a record back until the next one shows where it belongs', () => {
    const verifier = new ChainVerifier(PARTITION);
    chain.slice(0, 4).forEach((e, i) => verifier.accept(e, i));
    expect(verifier.isHolding()).toBe(false);
    const gap = verifier.accept(at(5), 4);
    expect(gap).toMatchObject({ ok: true, held: true, alerts: [] });
    expect(verifier.isHolding()).toBe(true);
    expect(verifier.currentTip()).toEqual(tipOf(at(3)));
    const next = verifier.accept(at(6), 5);
    expect(next.held || verifier.isHolding()).toBe(false);
    expect(next.alerts.map((a) => [a.kind, a.seq, a.offset])).toEqual([['missing', 4, '4']]);
    expect(verifier.currentTip()).toEqual(tipOf(at(6)));
  });

  it('reports two separate tamperings as two alerts', () => {
    const records = chain.filter((_, i) => i !== 2);
    records[6] = changed(records[6], (e) => (e.directMarketing = true));
    expect(alertsFor(records)).toEqual([alert('missing', 2, 2), alert('changed', 7, 6)]);
  });

  it('blames a resumed tip that its successor does not link to', () => {
    const verifier = new ChainVerifier(PARTITION, { tip: { seq: 4, hash: STRAY_HASH } });
    const alerts = chain.slice(5).flatMap((e, i) => verifier.accept(e, 5 + i).alerts);
    expect(alerts.map(({ detail: _d, ...a }) => a)).toEqual([alert('inserted', 4, null)]);
  });
});

describe('ChainVerifier, any single tampering at any position (property)', () => {
  type Tamper = 'change' | 'delete' | 'swap' | 'forge' | 'fork' | 'rewrite' | 'garbage' | 'replace';
  const EXPECTED: Readonly<Record<Tamper, (i: number) => ReturnType<typeof alert>>> = {
    change: (i) => alert('changed', i, i),
    delete: (i) => alert('missing', i, i),
    swap: (i) => alert('reordered', i, i + 1),
    forge: (i) => alert('inserted', i, i),
    fork: (i) => alert('inserted', i, i),
    rewrite: (i) => alert('inserted', i, i),
    garbage: (i) => alert('unparseable', i, i),
    replace: (i) => alert('unparseable', i, i),
  };

  function tamper(chain: AuditEvent[], kind: Tamper, i: number): ChainRecord[] {
    const records: ChainRecord[] = [...chain];
    const e = chain[i];
    switch (kind) {
      case 'change':
        records[i] = changed(e, (x) => (x.fieldsShared = ['ssn']));
        break;
      case 'delete':
        records.splice(i, 1);
        break;
      case 'swap':
        [records[i], records[i + 1]] = [records[i + 1], records[i]];
        break;
      case 'forge':
        records.splice(
          i,
          0,
          forged(e, (x) => (x.prevHash = STRAY_HASH)),
        );
        break;
      case 'fork':
        records.splice(
          i,
          0,
          forged(e, (x) => (x.directMarketing = true)),
        );
        break;
      case 'rewrite':
        records[i] = forged(e, (x) => (x.fieldsWithheld = ['name']));
        break;
      case 'garbage':
        records.splice(i, 0, Buffer.from('not json'));
        break;
      case 'replace':
        records[i] = '{}';
        break;
    }
    return records;
  }

  it('raises exactly the one expected alert', () => {
    const kinds = Object.keys(EXPECTED) as Tamper[];
    // Nothing links past the last event, so deleting, swapping or rewriting it cannot be seen;
    // a rewrite of the last but one is seen, but only its successor could say which was forged.
    const lastDetectable = (n: number, kind: Tamper): number =>
      kind === 'rewrite' ? n - 3 : n - 2;
    const scenario = fc
      .record({ n: fc.integer({ min: 3, max: 14 }), kind: fc.constantFrom(...kinds) })
      .chain(({ n, kind }) =>
        fc.record({
          n: fc.constant(n),
          kind: fc.constant(kind),
          i: fc.integer({ min: 0, max: lastDetectable(n, kind) }),
        }),
      );
    fc.assert(
      fc.property(scenario, ({ n, kind, i }) => {
        const chain = buildChain(n, PARTITION);
        expect(alertsFor(tamper(chain, kind, i))).toEqual([EXPECTED[kind](i)]);
      }),
      { numRuns: 300 },
    );
  });
});
