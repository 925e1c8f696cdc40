/**
 * The audit hash chain (DESIGN §3, §6), pure: the gateway extends a partition's chain with
 * `appendToChain`, the auditor checks it with `ChainVerifier` (audit-chain.verifier.ts). Both
 * sides hash through `hashEvent`, so there is exactly one definition of an event's hash.
 *
 *   genesis(p) = sha256("onward:<p>")
 *   hash(e)    = sha256(e.prevHash + canonicalJson(e without "hash"))
 *
 * Hashes are written `sha256:<hex>`, and `prevHash` enters the hash as written, prefix included.
 */
import type { AuditEvent } from './audit-event';
import { canonicalJson, type Sha256Digest, sha256OfText } from './canonical-json';

/** The last event of a partition's chain: what the next event links to. */
export interface ChainTip {
  seq: number;
  hash: string;
}

/** An audit event before it is placed in a chain: everything but the chain fields. */
export type AuditEventBody = Omit<AuditEvent, 'partition' | 'seq' | 'prevHash' | 'hash'>;

function assertPartition(partition: number): void {
  if (!Number.isSafeInteger(partition) || partition < 0) {
    throw new RangeError('partition must be a non-negative integer');
  }
}

/** The `prevHash` of event 0 of `partition`: `sha256:` + hex sha256 of `onward:<partition>`. */
export function genesisHash(partition: number): Sha256Digest {
  assertPartition(partition);
  return sha256OfText(`onward:${partition}`);
}

/**
 * The hash an event must carry: sha256 over its own `prevHash` string followed by the
 * canonical JSON of the event without `hash` (a `hash` present on the argument is ignored, so
 * a received event can be passed as is).
 */
export function hashEvent(event: Omit<AuditEvent, 'hash'> | AuditEvent): Sha256Digest {
  const { hash: _ignored, ...content } = event as AuditEvent;
  return sha256OfText(content.prevHash + canonicalJson(content));
}

/** An event placed in a chain, with its canonical JSON (hash included) computed once. */
export interface ChainedEvent {
  event: AuditEvent;
  /**
   * `canonicalJson(event)`: the bytes to write to Kafka and the event's Merkle leaf
   * (transparency/audit-leaf.ts), so that the event is serialised once, not three times.
   */
  canonical: string;
}

/** Keys of an AuditEvent that sort before `hash` in RFC 8785 order; the rest sort after. */
function sortsBeforeHash(key: string): boolean {
  return key < 'hash';
}

/**
 * Hash and canonical JSON of an unhashed event from one serialisation: the canonical text of
 * the event without `hash` is what the hash covers, and the full canonical text is the same
 * text with `"hash":…` spliced in at its sorted place.
 */
function sealEvent(unhashed: Omit<AuditEvent, 'hash'>): ChainedEvent {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const source = unhashed as Record<string, unknown>;
  // Inserted in sorted order, so canonicalJson takes both halves as they are.
  for (const key of Object.keys(source).sort()) {
    const value = source[key];
    if (value !== undefined && key !== 'hash') (sortsBeforeHash(key) ? before : after)[key] = value;
  }
  const head = canonicalJson(before).slice(0, -1);
  const tail = canonicalJson(after).slice(1);
  const join = head.length > 1 && tail.length > 1 ? ',' : '';
  const hash = sha256OfText(unhashed.prevHash + head + join + tail);
  const canonical = `${head}${head.length > 1 ? ',' : ''}"hash":${JSON.stringify(hash)}${tail.length > 1 ? ',' : ''}${tail}`;
  return { event: { ...unhashed, hash } as AuditEvent, canonical };
}

/**
 * Places `body` after `tip` in `partition`'s chain, like {@link appendToChain}, and returns
 * the event with its canonical JSON.
 */
export function appendToChainCanonical(
  tip: ChainTip | null,
  partition: number,
  body: AuditEventBody,
): ChainedEvent {
  assertPartition(partition);
  return sealEvent({
    ...body,
    partition,
    seq: tip === null ? 0 : tip.seq + 1,
    prevHash: tip === null ? genesisHash(partition) : tip.hash,
  });
}

/**
 * Places `body` after `tip` in `partition`'s chain (null tip: the chain is empty, so seq 0
 * linked to the genesis hash) and returns the complete event, hash included. Chain fields in
 * `body`, if any sneak in, are overwritten.
 */
export function appendToChain(
  tip: ChainTip | null,
  partition: number,
  body: AuditEventBody,
): AuditEvent {
  return appendToChainCanonical(tip, partition, body).event;
}

/** The tip after `event`, to pass to the next `appendToChain`. */
export function tipOf(event: Pick<AuditEvent, 'seq' | 'hash'>): ChainTip {
  return { seq: event.seq, hash: event.hash };
}
