/**
 * Length bounds of the wire contract. DESIGN §3 fixes requestId (1..128) and producer (1..64);
 * the rest are ours, chosen generous enough for any real id and tight enough that a message
 * cannot hide a payload in an id.
 */
export const BOUNDS = {
  /** requestId: DESIGN §3. */
  requestId: 128,
  /** producer: DESIGN §3. */
  producer: 64,
  /** subjectId, recipientId, courseId, consent recipientId, subjectRef, policy id. */
  id: 128,
  /** A purpose name; unknown purposes are denied by the policy, not refused here. */
  purpose: 64,
  /** legalBasis.kind. */
  legalBasisKind: 64,
  /** How a parental consent was verified (`signed-form`, …). */
  method: 64,
  /** Any free-text reference: legal basis, transfer mechanism, contract. */
  reference: 256,
  /** recipient.name. */
  name: 256,
  /** recipient.address. */
  address: 1024,
  /** A data field name in a recipient's allow-list. */
  fieldName: 128,
  /** A data category such as `identity.name`. */
  category: 128,
  /** The policy version string. */
  policyVersion: 64,
  /** A reason's rule id. */
  rule: 128,
  /** A reason's clause (a heading of the policy text). */
  clause: 512,
  /** Kafka partitions are 32-bit signed integers. */
  partition: 2 ** 31 - 1,
} as const;
