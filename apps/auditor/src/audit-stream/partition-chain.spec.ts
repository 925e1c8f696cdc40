import type { AuditEvent, ChainAlert } from '@app/contracts';
import {
  changedCopy,
  forgedOffChain,
  genuineChain,
  wire,
} from '../../../../test/support/auditor/audit-events';
import { PartitionChain } from './partition-chain';

const P = 1;
type Rec = Buffer;
const key = (a: ChainAlert) => `${a.kind}:${a.seq}:${a.offset}`;

/** Every alert of reading `records` in one go, flushed at the end. */
function uninterrupted(records: Rec[]): string[] {
  const chain = new PartitionChain(P);
  const alerts = records.flatMap((r, offset) => chain.accept(r, offset).alerts);
  return [...alerts, ...chain.flush()].map(key);
}

/** The same, with a crash after `k` records and a restart from the stored checkpoint. */
function restartedAfter(records: Rec[], k: number): string[] {
  const first = new PartitionChain(P);
  const stored = new Set(records.slice(0, k).flatMap((r, o) => first.accept(r, o).alerts.map(key)));
  const checkpoint = first.checkpoint();
  const second = new PartitionChain(P, checkpoint);
  for (let offset = checkpoint.nextOffset; offset < records.length; offset++) {
    second.accept(records[offset], offset).alerts.forEach((a) => stored.add(key(a)));
  }
  second.flush().forEach((a) => stored.add(key(a)));
  return [...stored];
}

function tampered(kind: string, chain: AuditEvent[]): Rec[] {
  const records = chain.map(wire);
  switch (kind) {
    case 'changed':
      records[5] = wire(changedCopy(chain[5], (e) => (e.fieldsShared = ['email'])));
      break;
    case 'missing':
      records.splice(5, 1);
      break;
    case 'reordered':
      [records[5], records[6]] = [records[6], records[5]];
      break;
    case 'inserted':
      records.splice(5, 0, wire(forgedOffChain(chain[5], (e) => (e.directMarketing = true))));
      break;
    case 'unparseable':
      records.splice(5, 0, Buffer.from('garbage'));
      break;
  }
  return records;
}

describe('PartitionChain', () => {
  const chain = genuineChain(P, 12);

  it('is quiet after every record of a genuine chain', () => {
    const pc = new PartitionChain(P);
    chain.forEach((event, offset) => {
      expect(pc.accept(wire(event), offset).alerts).toEqual([]);
      expect(pc.checkpoint()).toEqual({
        tip: { seq: event.seq, hash: event.hash, offset },
        nextOffset: offset + 1,
      });
      expect(pc.isHolding()).toBe(false);
    });
  });

  it('keeps the checkpoint before a held record until it is settled', () => {
    const pc = new PartitionChain(P);
    const records = tampered('reordered', chain);
    records.slice(0, 5).forEach((r, o) => pc.accept(r, o));
    pc.accept(records[5], 5);
    expect(pc.isHolding()).toBe(true);
    expect(pc.checkpoint().nextOffset).toBe(5);
    expect(pc.accept(records[6], 6).alerts.map(key)).toEqual(['reordered:5:6']);
    expect(pc.isHolding()).toBe(false);
  });

  it('settles a held last record on flush and checkpoints after it', () => {
    const pc = new PartitionChain(P);
    const records = chain.map(wire).filter((_, i) => i !== 10);
    records.forEach((r, o) => pc.accept(r, o));
    expect(pc.isHolding()).toBe(true);
    expect(pc.flush().map(key)).toEqual(['missing:10:10']);
    expect(pc.checkpoint()).toEqual({
      tip: { seq: 11, hash: chain[11].hash, offset: 10 },
      nextOffset: 11,
    });
  });

  it.each(['changed', 'missing', 'reordered', 'inserted', 'unparseable'])(
    '%s: a restart after any record yields the same alerts as no restart',
    (kind) => {
      const records = tampered(kind, chain);
      const expected = uninterrupted(records);
      expect(expected).toHaveLength(1);
      for (let k = 0; k <= records.length; k++) {
        expect([k, restartedAfter(records, k)]).toEqual([k, expected]);
      }
    },
  );
});
