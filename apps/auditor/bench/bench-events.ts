// Audit events for the ingest benchmark: genuine chains, as the gateway would write them.
import {
  appendToChain,
  type AuditEvent,
  type ChainTip,
  eventIdFor,
  sha256OfText,
  shareIdFor,
  tipOf,
} from '@app/contracts';

const POLICY = { id: 'coursera-privacy', version: '2015-11-04', digest: sha256OfText('bench') };

/** A genuine chain of `n` allowed and denied events for `partition`. */
export function benchChain(partition: number, n: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  let tip: ChainTip | null = null;
  for (let i = 0; i < n; i++) {
    const requestId = `bench-${partition}-${i}`;
    const recipientId = `recipient-${i % 20}`;
    const allowed = i % 4 !== 0;
    const event = appendToChain(tip, partition, {
      eventId: eventIdFor({ requestId, recipientId }),
      type: allowed ? 'share.allowed' : 'share.denied',
      requestId,
      subjectId: `learner-${i % 5000}`,
      recipientId,
      purpose: allowed ? 'course_administration' : 'marketing',
      producer: 'bench',
      decision: allowed ? 'allow' : 'deny',
      reasons: allowed
        ? []
        : [{ code: 'SUBJECT_OPTED_OUT', rule: 'choice.opt_out', clause: 'Choice' }],
      fieldsShared: allowed ? ['grades', 'name'] : [],
      fieldsWithheld: allowed ? ['dateOfBirth'] : [],
      categoriesShared: allowed ? ['course.performance', 'identity.name'] : [],
      transferMechanism: allowed ? { basis: 'not_required' } : null,
      directMarketing: false,
      shareId: allowed ? shareIdFor(requestId, recipientId) : null,
      payloadDigest: allowed ? sha256OfText(requestId) : null,
      policy: POLICY,
      decidedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    });
    events.push(event);
    tip = tipOf(event);
  }
  return events;
}
