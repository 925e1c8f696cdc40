import type { Recipient } from '@app/contracts/recipient';
import type { ShareRequest } from '@app/contracts/share-request';
import type { SubjectProfile } from '@app/contracts/subject';
import type { DecideInput } from '@app/policy';

type Kind = Recipient['kind'];

/** Share of each (kind, purpose) in the mix, as a producer fleet might send them. */
const MIX: Array<[number, Kind, string]> = [
  [35, 'instructor', 'course_administration'],
  [10, 'institution', 'course_improvement'],
  [15, 'university_partner', 'research'],
  [10, 'business_partner', 'marketing'],
  [10, 'contractor', 'operations'],
  [5, 'authority', 'legal_process'],
  [5, 'acquirer', 'corporate_transaction'],
  [10, 'third_party_site', 'social_integration'],
];
const RESIDENCES = ['DE', 'FR', 'US-CA', 'US-NY', 'IN', 'BR', 'GB', 'NL', 'ES', 'US-TX'];
const COUNTRIES = ['US', 'US', 'US', 'DE', 'GB', 'IN', 'CH'];

/** A deterministic pseudo-random generator (the mix is the same on every run). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function payload(kind: Kind, rnd: () => number): Record<string, unknown> {
  const grades = Array.from({ length: 1 + Math.floor(rnd() * 6) }, (_, i) => ({
    item: `quiz-${i}`,
    score: rnd(),
  }));
  const base: Record<string, unknown> = { name: 'Ada Lovelace', email: 'ada@example.org', grades };
  if (kind === 'university_partner') {
    return {
      grades,
      activity: { days: 12, minutes: 340 },
      surveyResponses: [3, 4, 5],
      name: 'Ada',
    };
  }
  if (rnd() < 0.3) base.dateOfBirth = '1995-04-12';
  if (rnd() < 0.2) base.forumPosts = [{ id: 'p1', text: 'A question about week 3' }];
  if (rnd() < 0.1) base.paymentCard = '4111-1111-1111-1111';
  if (rnd() < 0.1) base.health = 'n/a';
  if (kind === 'contractor') base.device = 'ios-17';
  return base;
}

/** `n` inputs of the realistic mix: mostly allowed, with withheld fields and some denials. */
export function benchMix(n: number): DecideInput[] {
  const rnd = lcg(20260301);
  const total = MIX.reduce((s, [w]) => s + w, 0);
  return Array.from({ length: n }, (_, i) => {
    let pick = rnd() * total;
    const [, kind, purpose] = MIX.find(([w]) => (pick -= w) < 0) ?? MIX[0];
    const recipientId = `${kind}-${i % 50}`;
    const subjectId = `learner-${i}`;
    const request: ShareRequest = {
      requestId: `req-${i}`,
      requestedAt: '2026-03-01T10:00:00Z',
      producer: 'course-service',
      subjectId,
      recipientId,
      purpose,
      courseId: 'ml-101',
      ...(kind === 'authority' ? { legalBasis: { kind: 'subpoena', reference: 'SDNY-1' } } : {}),
      ...(kind === 'acquirer'
        ? { legalBasis: { kind: 'corporate_transaction', reference: 'SPA-1' } }
        : {}),
      data: payload(kind, rnd),
    };
    const recipient: Recipient = {
      recipientId,
      name: `Recipient ${i % 50}`,
      kind,
      country: COUNTRIES[i % COUNTRIES.length],
      address: '1 Main St',
      status: rnd() < 0.03 ? 'suspended' : 'active',
      purposes: [purpose],
      ...(kind === 'contractor' ? { fields: ['name', 'email', 'device'] } : {}),
      ...(kind === 'instructor' ? { courses: ['ml-101', 'db-201'] } : {}),
      transferMechanisms: [
        { type: 'dpf', reference: 'DPF-1', validFrom: '2023-08-01T00:00:00Z', validUntil: null },
        {
          type: 'contract',
          reference: 'DPA-1',
          validFrom: '2025-01-01T00:00:00Z',
          validUntil: '2027-01-01T00:00:00Z',
        },
      ],
    };
    const subject: SubjectProfile = {
      subjectId,
      residence: RESIDENCES[i % RESIDENCES.length],
      ...(rnd() < 0.7 ? { birthDate: rnd() < 0.02 ? '2015-01-01' : '1995-04-12' } : {}),
      erased: rnd() < 0.02,
      optOuts: rnd() < 0.1 ? ['marketing', 'research'] : [],
      consents:
        rnd() < 0.8
          ? [
              {
                recipientId: kind === 'third_party_site' ? recipientId : '*',
                purpose: 'social_integration',
                categories: ['identity.name', 'contact.email'],
                givenAt: '2025-06-01T00:00:00Z',
                withdrawnAt: null,
              },
            ]
          : [],
    };
    return { request, recipient, subject };
  });
}
