import type { Recipient, ShareRequest, SubjectProfile } from '@app/contracts';

/** What the benchmark feeds both pipelines: the state, and requests as Kafka records. */
export interface Workload {
  recipients: Recipient[];
  subjects: SubjectProfile[];
}

/** A request as a record of the requests topic, keyed by subjectId. */
export interface RequestRecord {
  requestId: string;
  key: string;
  value: string;
}

type Kind = Recipient['kind'];

/** Share of each (kind, purpose) in the request mix, as a producer fleet might send them. */
const MIX: [number, Kind, string][] = [
  [35, 'instructor', 'course_administration'],
  [10, 'institution', 'course_improvement'],
  [15, 'university_partner', 'research'],
  [10, 'business_partner', 'marketing'],
  [10, 'contractor', 'operations'],
  [5, 'authority', 'legal_process'],
  [5, 'acquirer', 'corporate_transaction'],
  [10, 'third_party_site', 'social_integration'],
];
const TOTAL_WEIGHT = MIX.reduce((s, [w]) => s + w, 0);
const RESIDENCES = ['DE', 'FR', 'US-CA', 'US-NY', 'IN', 'BR', 'GB', 'NL', 'ES', 'US-TX'];
const SUBJECTS = 2000;
/** Two recipients per kind: a realistic handful of share topics, not hundreds. */
const PER_KIND = 2;

/** A deterministic pseudo-random generator: the same workload on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function recipientOf(kind: Kind, purpose: string, j: number): Recipient {
  return {
    recipientId: `${kind.replace(/_/g, '-')}-${j}`,
    name: `Bench ${kind} ${j}`,
    kind,
    country: j === 0 ? 'US' : 'DE',
    address: '1 Main St, Springfield',
    // One suspended partner: a steady share of denials at check 3.
    status: kind === 'business_partner' && j === 1 ? 'suspended' : 'active',
    purposes: [purpose],
    ...(kind === 'contractor' ? { fields: ['name', 'email', 'device'] } : {}),
    ...(kind === 'instructor' ? { courses: ['ml-101', 'db-201'] } : {}),
    transferMechanisms: [
      { type: 'dpf', reference: 'DPF-1', validFrom: '2023-08-01T00:00:00Z', validUntil: null },
      { type: 'contract', reference: 'DPA-1', validFrom: '2025-01-01T00:00:00Z' },
    ],
  };
}

function subjectOf(i: number, rnd: () => number): SubjectProfile {
  return {
    subjectId: `learner-${i}`,
    residence: RESIDENCES[i % RESIDENCES.length],
    ...(rnd() < 0.7 ? { birthDate: rnd() < 0.02 ? '2015-01-01' : '1995-04-12' } : {}),
    erased: rnd() < 0.02,
    optOuts: rnd() < 0.1 ? ['marketing', 'research'] : [],
    consents: [
      {
        recipientId: '*',
        purpose: 'social_integration',
        categories: ['identity.name', 'contact.email'],
        givenAt: '2025-06-01T00:00:00Z',
        withdrawnAt: rnd() < 0.2 ? '2025-09-01T00:00:00Z' : null,
      },
    ],
  };
}

/** The recipients and subjects every request of {@link requestAt} refers to. */
export function benchState(): Workload {
  const rnd = lcg(7);
  return {
    recipients: MIX.flatMap(([, kind, purpose]) =>
      Array.from({ length: PER_KIND }, (_, j) => recipientOf(kind, purpose, j)),
    ),
    subjects: Array.from({ length: SUBJECTS }, (_, i) => subjectOf(i, rnd)),
  };
}

function payload(kind: Kind, rnd: () => number): Record<string, unknown> {
  const grades = Array.from({ length: 1 + Math.floor(rnd() * 6) }, (_, i) => ({
    item: `quiz-${i}`,
    score: Math.round(rnd() * 100) / 100,
  }));
  if (kind === 'university_partner') {
    return {
      grades,
      activity: { days: 12, minutes: 340 },
      surveyResponses: [3, 4, 5],
      name: 'Ada',
    };
  }
  const data: Record<string, unknown> = { name: 'Ada Lovelace', email: 'ada@example.org', grades };
  if (rnd() < 0.3) data.dateOfBirth = '1995-04-12';
  if (rnd() < 0.2) data.forumPosts = [{ id: 'p1', text: 'A question about week 3' }];
  if (rnd() < 0.1) data.paymentCard = '4111-1111-1111-1111';
  if (kind === 'contractor') data.device = 'ios-17';
  return data;
}

/** Request `i` of the mix (deterministic), with `tag` in its requestId. */
export function requestAt(i: number, tag: string): RequestRecord {
  const rnd = lcg(i * 7919 + 17);
  let pick = rnd() * TOTAL_WEIGHT;
  const [, kind, purpose] = MIX.find(([w]) => (pick -= w) < 0) ?? MIX[0];
  const subjectId = `learner-${Math.floor(rnd() * SUBJECTS)}`;
  const request: ShareRequest = {
    requestId: `${tag}-${i}`,
    requestedAt: '2026-03-01T10:00:00Z',
    producer: 'course-service',
    subjectId,
    recipientId: `${kind.replace(/_/g, '-')}-${Math.floor(rnd() * PER_KIND)}`,
    purpose,
    courseId: 'ml-101',
    ...(kind === 'authority' ? { legalBasis: { kind: 'subpoena', reference: 'SDNY-1' } } : {}),
    ...(kind === 'acquirer'
      ? { legalBasis: { kind: 'corporate_transaction', reference: 'SPA-1' } }
      : {}),
    data: payload(kind, rnd),
  };
  return { requestId: request.requestId, key: subjectId, value: JSON.stringify(request) };
}
