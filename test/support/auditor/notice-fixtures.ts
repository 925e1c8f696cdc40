// Subject notices and acknowledgements for the auditor's notice tests: notice.sent events as
// the gateway writes them (DESIGN §7), acknowledgement records as partners (and a hostile one)
// write them, and what the outstanding-notices report must say about them.
import {
  type AuditEvent,
  type AuditEventBody,
  eventIdFor,
  noticeIdFor,
  type NoticeCause,
  type NoticeKind,
  sha256OfText,
} from '@app/contracts';
import { chainOf, eventBody, TEST_POLICY } from './audit-events';

/** One notice the gateway sent. */
export interface NoticeSpec {
  subjectId: string;
  recipientId: string;
  /** The offset of the subject change on `privacy.subjects` (partition 0). */
  change: number;
  kind: NoticeKind;
  cause: NoticeCause;
  purposes: string[];
  categories: string[];
  noticedAt: string;
}

/** The noticeId of a spec. */
export const noticeIdOf = (s: Pick<NoticeSpec, 'change' | 'recipientId'>): string =>
  noticeIdFor({ topic: 'privacy.subjects', partition: 0, offset: String(s.change) }, s.recipientId);

/** The body of the `notice.sent` audit event of a notice. */
export function noticeEventBody(s: NoticeSpec): AuditEventBody {
  const noticeId = noticeIdOf(s);
  return {
    eventId: eventIdFor({ noticeId }),
    type: 'notice.sent',
    requestId: null,
    subjectId: s.subjectId,
    recipientId: s.recipientId,
    purpose: null,
    producer: null,
    decision: 'notice',
    reasons: [],
    fieldsShared: [],
    fieldsWithheld: [],
    categoriesShared: s.categories,
    transferMechanism: null,
    directMarketing: false,
    shareId: null,
    payloadDigest: null,
    policy: { ...TEST_POLICY },
    decidedAt: s.noticedAt,
    notice: {
      noticeId,
      kind: s.kind,
      cause: s.cause,
      purposes: s.purposes,
      digest: sha256OfText(`notice-${noticeId}`),
    },
  };
}

const erase = (recipientId: string, purposes: string[], categories: string[]): NoticeSpec => ({
  subjectId: 'learner-erased',
  recipientId,
  change: 7,
  kind: 'erase',
  cause: 'subject.erased',
  purposes,
  categories,
  noticedAt: '2026-01-10T08:00:00.000Z',
});

/** Three recipients told of an erasure, one of an opt-out, one of a recent withdrawal. */
export const NOTICES = {
  aErase: erase('acme-books', ['marketing'], ['contact.email', 'identity.name']),
  bErase: erase('univ-b', ['course_administration'], ['course.performance']),
  rErase: erase('research-lab', ['research'], ['course.progress']),
  aOptOut: {
    subjectId: 'learner-optout',
    recipientId: 'acme-books',
    change: 9,
    kind: 'stop_purpose',
    cause: 'subject.opted_out',
    purposes: ['marketing'],
    categories: ['contact.email'],
    noticedAt: '2026-03-01T12:00:00.000Z',
  },
  bRecent: {
    subjectId: 'learner-recent',
    recipientId: 'univ-b',
    change: 12,
    kind: 'consent_withdrawn',
    cause: 'subject.consent_withdrawn',
    purposes: ['course_administration'],
    categories: ['course.performance'],
    noticedAt: '2026-03-30T12:00:00.000Z',
  },
} satisfies Record<string, NoticeSpec>;

/** The audit chain of partition 0: a share, then the notices. */
export function noticeChain(): AuditEvent[] {
  return chainOf(0, [
    eventBody({ subjectId: 'learner-erased', recipientId: 'acme-books', purpose: 'marketing' }),
    ...Object.values(NOTICES).map(noticeEventBody),
  ]);
}

/** One acknowledgement record as a partner writes it. */
export interface AckSpec {
  recipientId: string;
  key: string | null;
  value: string | null;
}

const ack = (recipientId: string, noticeId: string, status: string, note?: string): AckSpec => ({
  recipientId,
  key: noticeId,
  value: JSON.stringify({
    noticeId,
    status,
    at: '2026-02-01T00:00:00Z',
    ...(note ? { note } : {}),
  }),
});

/** Acknowledgements in topic order: accepted, refused on their own, or naming another's notice. */
export const ACKS: AckSpec[] = [
  { recipientId: 'acme-books', key: 'x', value: '{"noticeId": "nt-' }, // not JSON
  ack('acme-books', noticeIdOf(NOTICES.aErase), 'done'),
  ack('univ-b', noticeIdOf(NOTICES.bErase), 'refused', 'legal hold until 2027'),
  // univ-b "acknowledges" acme's opt-out notice on its own topic: not its notice.
  ack('univ-b', noticeIdOf(NOTICES.aOptOut), 'done'),
  // Keyed with another id: refused, whatever it says.
  { ...ack('research-lab', noticeIdOf(NOTICES.rErase), 'done'), key: 'nt-wrong' },
  // A notice nobody sent (or not read yet).
  ack('research-lab', noticeIdOf({ change: 99, recipientId: 'research-lab' }), 'done'),
];

/** "Now" for the store-level report: 30 days before it is 2026-03-11T00:00:00Z. */
export const REPORT_NOW = Date.parse('2026-04-10T00:00:00.000Z');
