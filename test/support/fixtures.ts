// Messages of the wire contract for tests, built the way producers would write them.
import type { Recipient, ShareRequest, SubjectProfile } from '@app/contracts';

const LONG_AGO = '2020-01-01T00:00:00Z';
const FAR_AHEAD = '2099-01-01T00:00:00Z';

/** A contract valid for any test date. */
export const liveContract = (reference = 'DPA-TEST-1') =>
  ({ type: 'contract', reference, validFrom: LONG_AGO, validUntil: FAR_AHEAD }) as const;

/** A recipient of `kind`, active, with the purposes it may be given and a contract. */
export function recipient(kind: Recipient['kind'], overrides: Partial<Recipient> = {}): Recipient {
  const purposes: Record<Recipient['kind'], string[]> = {
    instructor: ['course_administration', 'course_improvement'],
    institution: ['course_administration', 'course_improvement'],
    university_partner: ['marketing', 'research'],
    business_partner: ['marketing', 'research'],
    contractor: ['operations'],
    authority: ['legal_process', 'protection'],
    acquirer: ['corporate_transaction'],
    third_party_site: ['social_integration'],
    legal_counsel: ['legal_claims'],
  };
  return {
    recipientId: `${kind.replace(/_/g, '-')}-1`,
    name: `Test ${kind}`,
    kind,
    country: 'US',
    address: '1 Test Way, Springfield, US',
    status: 'active',
    purposes: purposes[kind],
    transferMechanisms: [liveContract()],
    ...(kind === 'contractor' ? { fields: ['name', 'email', 'activity'] } : {}),
    ...overrides,
  };
}

/** An adult US learner with no opt-outs and no consents. */
export function subject(
  subjectId: string,
  overrides: Partial<SubjectProfile> = {},
): SubjectProfile {
  return {
    subjectId,
    residence: 'US-NY',
    birthDate: '1990-04-01',
    erased: false,
    optOuts: [],
    consents: [],
    ...overrides,
  };
}

/** A share request carrying a typical mix of fields. */
export function shareRequest(
  requestId: string,
  subjectId: string,
  recipientId: string,
  purpose: string,
  overrides: Partial<ShareRequest> = {},
): ShareRequest {
  return {
    requestId,
    requestedAt: '2026-03-01T10:00:00Z',
    producer: 'test-producer',
    subjectId,
    recipientId,
    purpose,
    data: {
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      grades: [{ item: 'quiz-1', score: 0.9 }],
    },
    ...overrides,
  };
}
