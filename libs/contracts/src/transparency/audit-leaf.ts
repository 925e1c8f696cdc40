/**
 * The leaf of an audit partition's Merkle tree (DESIGN §7): the event's canonical JSON
 * (RFC 8785) bytes, `hash` included. Leaf i is the event with seq i.
 */
import type { AuditEvent } from '../audit-event';
import { canonicalJson } from '../canonical-json';
import { leafHash } from './merkle-hash';

/** The leaf bytes of `event`. */
export function auditLeaf(event: AuditEvent): Buffer {
  return Buffer.from(canonicalJson(event), 'utf8');
}

/** The RFC 9162 leaf hash of `event`. */
export function auditLeafHash(event: AuditEvent): Buffer {
  return leafHash(auditLeaf(event));
}
