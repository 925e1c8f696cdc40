// A known set of recipients and audit events for the report tests, with the answers the
// privacy policy requires. One California subject, one other, three recipients of which one
// moved in the middle of 2025.
import type { AuditEvent, Recipient } from '@app/contracts';
import { chainOf, type EventSpec, eventBody, recipientRecord } from './audit-events';

/** When each recipient version was registered (the record timestamp). */
export const REGISTERED = {
  stanfordV1: Date.parse('2024-01-01T00:00:00Z'),
  stanfordV2: Date.parse('2025-06-01T00:00:00Z'),
  partners: Date.parse('2023-01-01T00:00:00Z'),
};

const STANFORD_OLD = '450 Serra Mall, Stanford, CA 94305, US';
const STANFORD_NEW = '450 Jane Stanford Way, Stanford, CA 94305, US';
const ACME = {
  name: 'Acme Learning Partners',
  address: '1 Market St, San Francisco, CA 94105, US',
};
const EDU = { name: 'Edu Partner College', address: '77 College Ave, Boston, MA 02115, US' };

/** Recipient registrations with their timestamps, oldest first. */
export const RECIPIENT_VERSIONS: { timestamp: number; recipient: Recipient }[] = [
  {
    timestamp: REGISTERED.partners,
    recipient: recipientRecord({
      recipientId: 'acme-partner',
      kind: 'business_partner',
      purposes: ['marketing'],
      ...ACME,
    }),
  },
  {
    timestamp: REGISTERED.partners,
    recipient: recipientRecord({
      recipientId: 'edu-partner',
      kind: 'university_partner',
      purposes: ['marketing', 'research'],
      ...EDU,
    }),
  },
  { timestamp: REGISTERED.stanfordV1, recipient: recipientRecord({ address: STANFORD_OLD }) },
  { timestamp: REGISTERED.stanfordV2, recipient: recipientRecord({ address: STANFORD_NEW }) },
];

const CA = 'learner-ca';
const marketing = (
  at: string,
  recipientId: string,
  categories: string[],
  subjectId = CA,
): EventSpec => ({
  subjectId,
  recipientId,
  purpose: 'marketing',
  decidedAt: at,
  directMarketing: true,
  fieldsShared: categories.map((c) => (c === 'identity.name' ? 'name' : 'email')),
  categoriesShared: categories,
});

/** The events, in the order the gateway wrote them, split over two partitions. */
export const REPORT_SPECS: { partition: number; spec: EventSpec }[] = [
  {
    partition: 0,
    spec: {
      subjectId: CA,
      decidedAt: '2024-03-01T09:00:00.000Z',
      transferMechanism: { basis: 'not_required' },
    },
  },
  {
    partition: 0,
    spec: marketing('2024-12-31T23:59:59.000Z', 'acme-partner', ['contact.email', 'identity.name']),
  },
  { partition: 1, spec: marketing('2025-02-01T12:00:00.000Z', 'acme-partner', ['identity.name']) },
  {
    partition: 1,
    spec: {
      ...marketing('2025-03-01T12:00:00.000Z', 'acme-partner', []),
      decision: 'deny',
      directMarketing: false,
      reasons: [{ code: 'SUBJECT_OPTED_OUT', rule: 'choice.opt_out', clause: 'Choice' }],
    },
  },
  {
    partition: 0,
    spec: marketing('2025-05-01T12:00:00.000Z', 'acme-partner', ['identity.name'], 'learner-x'),
  },
  {
    partition: 0,
    spec: {
      subjectId: CA,
      decidedAt: '2025-07-01T09:00:00.000Z',
      transferMechanism: { basis: 'contract', reference: 'DPA-2025-17' },
    },
  },
  {
    partition: 1,
    spec: {
      subjectId: CA,
      recipientId: 'edu-partner',
      purpose: 'research',
      decidedAt: '2025-08-01T09:00:00.000Z',
      fieldsShared: ['progress'],
      categoriesShared: ['course.progress'],
    },
  },
  { partition: 1, spec: marketing('2025-09-01T12:00:00.000Z', 'edu-partner', ['contact.email']) },
  { partition: 0, spec: marketing('2026-01-01T00:00:00.000Z', 'acme-partner', ['identity.name']) },
];

/** The chained events of each partition. */
export function reportEvents(): AuditEvent[][] {
  return [0, 1].map((p) =>
    chainOf(
      p,
      REPORT_SPECS.filter((s) => s.partition === p).map((s) => eventBody(s.spec)),
    ),
  );
}

/** What the reports must say about this data. */
export const EXPECTED = {
  subject: CA,
  stanfordOld: STANFORD_OLD,
  stanfordNew: STANFORD_NEW,
  acme: ACME,
  edu: EDU,
  /** learner-ca's allowed shares, by decidedAt. */
  disclosureDates: [
    '2024-03-01T09:00:00.000Z',
    '2024-12-31T23:59:59.000Z',
    '2025-02-01T12:00:00.000Z',
    '2025-07-01T09:00:00.000Z',
    '2025-08-01T09:00:00.000Z',
    '2025-09-01T12:00:00.000Z',
    '2026-01-01T00:00:00.000Z',
  ],
};
