// Builds genuine audit chains and tampered copies of them for the chain tests.
import {
  appendToChain,
  type AuditEvent,
  type AuditEventBody,
  type ChainTip,
  eventIdFor,
  hashEvent,
  shareIdFor,
  sha256OfText,
  tipOf,
} from '@app/contracts';
import { POLICY_DIGEST } from './fixtures';

const POLICY = { id: 'coursera-privacy', version: '2015-11-04', digest: POLICY_DIGEST };

/** The body of the i-th event: allowed, denied and rejected events in turn. */
export function bodyFor(i: number): AuditEventBody {
  const requestId = `req-${i}`;
  const common = {
    eventId: eventIdFor({ requestId, recipientId: 'univ-stanford' }),
    requestId,
    subjectId: `learner-${i % 3}`,
    recipientId: 'univ-stanford',
    purpose: 'course_administration',
    producer: 'course-service',
    fieldsWithheld: [],
    categoriesShared: [] as string[],
    directMarketing: false,
    policy: POLICY,
    decidedAt: `2026-03-01T10:00:${String(i % 60).padStart(2, '0')}.118Z`,
  };
  if (i % 3 === 0) {
    return {
      ...common,
      type: 'share.allowed',
      decision: 'allow',
      reasons: [],
      fieldsShared: ['grades', 'name'],
      categoriesShared: ['course.performance', 'identity.name'],
      transferMechanism: { basis: 'not_required' },
      shareId: shareIdFor(requestId, 'univ-stanford'),
      payloadDigest: sha256OfText(`payload-${i}`),
    };
  }
  const rule = { rule: 'recipient.status', clause: 'Sharing with Instructors and Institutions' };
  if (i % 3 === 1) {
    return {
      ...common,
      type: 'share.denied',
      decision: 'deny',
      reasons: [{ code: 'RECIPIENT_SUSPENDED', ...rule }],
      fieldsShared: [],
      transferMechanism: null,
      shareId: null,
      payloadDigest: null,
    };
  }
  return {
    ...common,
    eventId: eventIdFor({ topic: 'privacy.share-requests', partition: 2, offset: i }),
    type: 'request.rejected',
    decision: 'reject',
    requestId: null,
    recipientId: null,
    purpose: null,
    producer: null,
    reasons: [{ code: 'INVALID_JSON', rule: 'contract.json', clause: '' }],
    fieldsShared: [],
    transferMechanism: null,
    shareId: null,
    payloadDigest: null,
  };
}

/** A genuine chain of `n` events in `partition`. */
export function buildChain(n: number, partition = 2): AuditEvent[] {
  const events: AuditEvent[] = [];
  let tip: ChainTip | null = null;
  for (let i = 0; i < n; i++) {
    const event = appendToChain(tip, partition, bodyFor(i));
    events.push(event);
    tip = tipOf(event);
  }
  return events;
}

/** The wire bytes of an event. */
export const bytes = (event: unknown): Buffer => Buffer.from(JSON.stringify(event), 'utf8');

/** A copy of `event` with `change` applied and its hash left as it was. */
export function changed(event: AuditEvent, change: (e: AuditEvent) => void): AuditEvent {
  const copy = structuredClone(event);
  change(copy);
  return copy;
}

/** A copy of `event` with `change` applied and its hash recomputed (a careful forger). */
export function forged(event: AuditEvent, change: (e: AuditEvent) => void): AuditEvent {
  const copy = changed(event, change);
  return { ...copy, hash: hashEvent(copy) };
}

/** A hash that belongs to no event. */
export const STRAY_HASH = sha256OfText('not an event');
