import { createHash } from 'node:crypto';
import {
  appendToChain,
  canonicalJson,
  genesisHash,
  hashEvent,
  parseAuditEvent,
  tipOf,
} from '@app/contracts';
import { bodyFor, buildChain, bytes } from './chain-fixtures';

const hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('genesisHash', () => {
  it('is sha256 of "onward:<partition>", prefixed', () => {
    expect(genesisHash(3)).toBe(`sha256:${hex('onward:3')}`);
    expect(genesisHash(0)).toBe(`sha256:${hex('onward:0')}`);
  });

  it('differs per partition, so chains cannot be spliced across partitions', () => {
    expect(genesisHash(1)).not.toBe(genesisHash(2));
  });

  it.each([-1, 1.5, Number.NaN])('refuses partition %p', (partition) => {
    expect(() => genesisHash(partition)).toThrow(RangeError);
  });
});

describe('hashEvent', () => {
  const [event] = buildChain(1);

  it('is sha256 of prevHash (as written) + canonical JSON of the event without hash', () => {
    const { hash: _hash, ...content } = event;
    expect(hashEvent(event)).toBe(`sha256:${hex(event.prevHash + canonicalJson(content))}`);
    expect(event.prevHash.startsWith('sha256:')).toBe(true);
  });

  it('ignores the order of properties', () => {
    const reversed = Object.fromEntries(Object.entries(event).reverse()) as typeof event;
    expect(hashEvent(reversed)).toBe(hashEvent(event));
  });

  it('changes when any field changes', () => {
    expect(hashEvent({ ...event, directMarketing: true })).not.toBe(event.hash);
    expect(hashEvent({ ...event, seq: 1 })).not.toBe(event.hash);
    expect(hashEvent({ ...event, prevHash: genesisHash(9) })).not.toBe(event.hash);
  });
});

describe('appendToChain', () => {
  it('starts a chain at seq 0 linked to the genesis hash', () => {
    const event = appendToChain(null, 5, bodyFor(0));
    expect(event).toMatchObject({ partition: 5, seq: 0, prevHash: genesisHash(5) });
    expect(event.hash).toBe(hashEvent(event));
  });

  it('links each event to the previous one', () => {
    const chain = buildChain(4);
    chain.slice(1).forEach((event, i) => {
      expect(event.seq).toBe(i + 1);
      expect(event.prevHash).toBe(chain[i].hash);
      expect(event.hash).toBe(hashEvent(event));
    });
  });

  it('overwrites chain fields smuggled into the body', () => {
    const body = { ...bodyFor(0), seq: 99, prevHash: 'x', hash: 'y', partition: 8 };
    const event = appendToChain({ seq: 6, hash: genesisHash(1) }, 1, body);
    expect(event).toMatchObject({ partition: 1, seq: 7, prevHash: genesisHash(1) });
    expect(event.hash).toBe(hashEvent(event));
  });

  it('produces events that satisfy the AuditEvent contract and survive the wire', () => {
    for (const event of buildChain(6)) {
      const parsed = parseAuditEvent(bytes(event));
      expect(parsed).toEqual({ ok: true, value: event });
      if (parsed.ok) expect(hashEvent(parsed.value)).toBe(event.hash);
    }
  });

  it('tipOf gives what the next append needs', () => {
    const [first] = buildChain(1);
    expect(tipOf(first)).toEqual({ seq: 0, hash: first.hash });
  });
});
