// Audit events for the auditor's tests: genuine chains built with the contract's
// appendToChain, and the tampered records an attacker with write access could produce.
import {
  appendToChain,
  type AuditEvent,
  type AuditEventBody,
  type ChainTip,
  eventIdFor,
  hashEvent,
  type Recipient,
  shareIdFor,
  sha256OfText,
  tipOf,
} from '@app/contracts';

/** The policy reference every test event carries. */
export const TEST_POLICY = {
  id: 'coursera-privacy',
  version: '2015-11-04',
  digest: sha256OfText('test policy'),
} as const;

/** What a test says about an event; everything else gets a plausible default. */
export interface EventSpec {
  requestId?: string;
  subjectId?: string;
  recipientId?: string;
  purpose?: string;
  decision?: 'allow' | 'deny' | 'reject';
  decidedAt?: string;
  fieldsShared?: string[];
  categoriesShared?: string[];
  fieldsWithheld?: string[];
  directMarketing?: boolean;
  reasons?: AuditEvent['reasons'];
  transferMechanism?: AuditEvent['transferMechanism'];
}

let counter = 0;

/** The body of an audit event as the gateway would write it. */
export function eventBody(spec: EventSpec = {}): AuditEventBody {
  const requestId = spec.requestId ?? `req-${++counter}`;
  const recipientId = spec.recipientId ?? 'univ-stanford';
  const decision = spec.decision ?? 'allow';
  const common = {
    eventId: eventIdFor({ requestId, recipientId }),
    requestId,
    subjectId: spec.subjectId ?? 'learner-1',
    recipientId,
    purpose: spec.purpose ?? 'course_administration',
    producer: 'course-service',
    fieldsWithheld: spec.fieldsWithheld ?? [],
    directMarketing: spec.directMarketing ?? false,
    policy: { ...TEST_POLICY },
    decidedAt: spec.decidedAt ?? '2026-03-01T10:00:00.000Z',
  };
  if (decision === 'allow') {
    return {
      ...common,
      type: 'share.allowed',
      decision,
      reasons: spec.reasons ?? [],
      fieldsShared: spec.fieldsShared ?? ['grades', 'name'],
      categoriesShared: spec.categoriesShared ?? ['course.performance', 'identity.name'],
      transferMechanism: spec.transferMechanism ?? { basis: 'not_required' },
      shareId: shareIdFor(requestId, recipientId),
      payloadDigest: sha256OfText(`payload-${requestId}`),
    };
  }
  const reasons = spec.reasons ?? [
    { code: 'RECIPIENT_SUSPENDED', rule: 'recipient.status', clause: 'Sharing' },
  ];
  return {
    ...common,
    type: decision === 'deny' ? 'share.denied' : 'request.rejected',
    decision,
    reasons,
    fieldsShared: [],
    categoriesShared: [],
    transferMechanism: null,
    shareId: null,
    payloadDigest: null,
  };
}

/** A genuine chain for `partition` made of the given bodies, in order. */
export function chainOf(partition: number, bodies: AuditEventBody[]): AuditEvent[] {
  let tip: ChainTip | null = null;
  return bodies.map((body) => {
    const event = appendToChain(tip, partition, body);
    tip = tipOf(event);
    return event;
  });
}

/** A genuine chain of `n` default events for `partition`. */
export function genuineChain(partition: number, n: number): AuditEvent[] {
  return chainOf(
    partition,
    Array.from({ length: n }, (_, i) =>
      eventBody({ subjectId: `learner-${i % 4}`, decision: i % 3 === 1 ? 'deny' : 'allow' }),
    ),
  );
}

/** The wire bytes of an event. */
export const wire = (event: unknown): Buffer => Buffer.from(JSON.stringify(event), 'utf8');

/** A field changed after the fact, hash left as it was. */
export function changedCopy(event: AuditEvent, change: (e: AuditEvent) => void): AuditEvent {
  const copy = structuredClone(event);
  change(copy);
  return copy;
}

/** A forgery: self-consistent (hash recomputed) but linked to a hash outside the chain. */
export function forgedOffChain(event: AuditEvent, change: (e: AuditEvent) => void): AuditEvent {
  const copy = changedCopy(event, change);
  copy.prevHash = sha256OfText('not the previous event');
  return { ...copy, hash: hashEvent(copy) };
}

/** A recipient registration for tests. */
export function recipientRecord(overrides: Partial<Recipient> = {}): Recipient {
  return {
    recipientId: 'univ-stanford',
    name: 'Stanford University',
    kind: 'institution',
    country: 'US',
    address: '450 Serra Mall, Stanford, CA 94305, US',
    status: 'active',
    purposes: ['course_administration'],
    transferMechanisms: [],
    ...overrides,
  };
}
