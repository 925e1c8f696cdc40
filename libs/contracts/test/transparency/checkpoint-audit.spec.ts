import {
  appendToChain,
  auditLeafHash,
  auditTreeHeads,
  subtreeRoot,
  witnessTreeHead,
  type AuditEvent,
  type ChainTip,
  type TreeHead,
} from '@app/contracts';
import { bodyFor, buildChain } from '../chain-fixtures';

const PARTITION = 2;
const genuine = buildChain(20, PARTITION);
const leaves = genuine.map(auditLeafHash);
const head = (size: number, from = leaves): TreeHead => ({
  size,
  rootHash: subtreeRoot(from, 0, size),
});

/** A whole partition rewritten by someone without the key: a fresh, valid chain. */
function rewrittenChain(n: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  let tip: ChainTip | null = null;
  for (let i = 0; i < n; i += 1) {
    const body = { ...bodyFor(i), producer: i === 4 ? 'someone-else' : bodyFor(i).producer };
    const event = appendToChain(tip, PARTITION, body);
    tip = { seq: event.seq, hash: event.hash };
    events.push(event);
  }
  return events;
}

describe('auditing signed checkpoints against the events (onward verify)', () => {
  it('accepts heads the events confirm and names the largest', () => {
    const audit = auditTreeHeads(PARTITION, leaves, [head(5), head(12), head(20)], true);
    expect(audit.alerts).toEqual([]);
    expect(audit.latest?.size).toBe(20);
  });

  it('names a truncation: the last K events cut after a checkpoint', () => {
    const cut = leaves.slice(0, 17);
    const audit = auditTreeHeads(PARTITION, cut, [head(10), head(20)], true);
    expect(audit.alerts).toEqual([
      {
        partition: PARTITION,
        size: 20,
        kind: 'truncated',
        detail: 'events end at 17 before the signed tree size 20',
      },
    ]);
    // Not read to the end yet: the head waits instead of raising an alert.
    expect(auditTreeHeads(PARTITION, cut, [head(20)], false).pending).toHaveLength(1);
  });

  it('names a partition rewritten with a valid chain but without the signing key', () => {
    const forged = rewrittenChain(20).map(auditLeafHash);
    const audit = auditTreeHeads(PARTITION, forged, [head(8), head(20)], true);
    expect(audit.alerts.map((a) => [a.kind, a.size])).toEqual([
      ['rewritten', 8],
      ['rewritten', 20],
    ]);
    expect(audit.latest).toBeNull();
  });

  it('names a fork: a correctly signed head inconsistent with one the events confirm', () => {
    const other = [...leaves.slice(0, 6), ...rewrittenChain(14).map(auditLeafHash)];
    const audit = auditTreeHeads(PARTITION, leaves, [head(10), head(14, other), head(20)], true);
    expect(audit.alerts.map((a) => [a.kind, a.size])).toEqual([['fork', 14]]);
  });
});

describe('the witness step', () => {
  it('accepts a newer consistent head, and a re-sent or older one is stale', () => {
    expect(witnessTreeHead(PARTITION, leaves, head(5), head(12), true).outcome).toBe('accept');
    expect(witnessTreeHead(PARTITION, leaves, null, head(12), true).outcome).toBe('accept');
    expect(witnessTreeHead(PARTITION, leaves, head(12), head(12), true).outcome).toBe('stale');
    expect(witnessTreeHead(PARTITION, leaves, head(12), head(5), true).outcome).toBe('stale');
  });

  it('waits for events not stored yet, and names a truncation once read to the end', () => {
    const short = leaves.slice(0, 9);
    expect(witnessTreeHead(PARTITION, short, head(5), head(12), false).outcome).toBe('pending');
    expect(witnessTreeHead(PARTITION, short, head(5), head(12), true)).toMatchObject({
      outcome: 'alert',
      alert: { partition: PARTITION, size: 12, kind: 'truncated' },
    });
    // Events cut below a size the witness already cosigned.
    expect(witnessTreeHead(PARTITION, short, head(12), head(12), true)).toMatchObject({
      outcome: 'alert',
      alert: { kind: 'truncated' },
    });
  });

  it('names a fork when a signed head contradicts the cosigned history', () => {
    const other = [...leaves.slice(0, 6), ...rewrittenChain(14).map(auditLeafHash)];
    expect(witnessTreeHead(PARTITION, leaves, head(5), head(14, other), true)).toMatchObject({
      outcome: 'alert',
      alert: { kind: 'fork', size: 14 },
    });
  });

  it('names a rewrite when the stored events no longer give the cosigned root', () => {
    const forged = rewrittenChain(20).map(auditLeafHash);
    expect(witnessTreeHead(PARTITION, forged, head(12), head(20), true)).toMatchObject({
      outcome: 'alert',
      alert: { kind: 'rewritten' },
    });
  });
});

it('the fixtures chain is intact (so the alerts above come from the checkpoints)', () => {
  expect(genuine.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i));
});
