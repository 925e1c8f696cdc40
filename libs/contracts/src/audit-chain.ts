/**
 * The audit hash chain (DESIGN §3, §6), pure: the gateway extends a partition's chain with
 * `appendToChain`, the auditor checks it with `ChainVerifier` (audit-chain.verifier.ts). Both
 * sides hash contract-valid events through `canonicalEventParts` (canonical by construction);
 * `hashEvent` is the same hash through the general canonicaliser, for any object.
 *
 *   genesis(p) = sha256("onward:<p>")
 *   hash(e)    = sha256(e.prevHash + canonicalJson(e without "hash"))
 *
 * Hashes are written `sha256:<hex>`, and `prevHash` enters the hash as written, prefix included.
 */
import type { AuditEvent } from './audit-event';
import { canonicalEventParts } from './canonical-event';
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

/**
 * `hashEvent` of an event that passed the AuditEvent contract (so it holds exactly the
 * contract's members): the canonical form by construction, without the general sort.
 */
export function hashOfValidEvent(event: AuditEvent): Sha256Digest {
  const { head, tail } = canonicalEventParts(event);
  return sha256OfText(`${event.prevHash}${head},${tail}`);
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

/**
 * Places `body` after `tip` in `partition`'s chain, like {@link appendToChain}, and returns
 * the event with its canonical JSON, from one serialisation: the canonical text without
 * `hash` is what the hash covers, and the full text is the same with `"hash":…` spliced in at
 * its sorted place. The event is built member by member (a fixed shape; spreading a body of
 * twenty members costs more than hashing it), so members outside the contract are dropped.
 */
export function appendToChainCanonical(
  tip: ChainTip | null,
  partition: number,
  body: AuditEventBody,
): ChainedEvent {
  assertPartition(partition);
  const b = body;
  const event: AuditEvent = {
    eventId: b.eventId,
    type: b.type,
    partition,
    seq: tip === null ? 0 : tip.seq + 1,
    requestId: b.requestId,
    subjectId: b.subjectId,
    recipientId: b.recipientId,
    purpose: b.purpose,
    producer: b.producer,
    decision: b.decision,
    reasons: b.reasons,
    fieldsShared: b.fieldsShared,
    fieldsWithheld: b.fieldsWithheld,
    categoriesShared: b.categoriesShared,
    transferMechanism: b.transferMechanism,
    directMarketing: b.directMarketing,
    shareId: b.shareId,
    payloadDigest: b.payloadDigest,
    policy: b.policy,
    decidedAt: b.decidedAt,
    prevHash: tip === null ? genesisHash(partition) : tip.hash,
    hash: '',
  };
  // Only notice.sent events carry a notice record; the others keep the v1 members exactly.
  if (b.notice !== undefined) event.notice = b.notice;
  const { head, tail } = canonicalEventParts(event);
  event.hash = sha256OfText(`${event.prevHash}${head},${tail}`);
  return { event, canonical: `${head},"hash":${JSON.stringify(event.hash)},${tail}` };
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
