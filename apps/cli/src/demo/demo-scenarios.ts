import type { ShareRequest } from '@app/contracts';

/** A kind of request the demo's producers make, and how often relative to the others. */
export interface Scenario {
  weight: number;
  subjectId: string;
  recipientId: string;
  purpose: string;
  /** Top-level fields of `data`, space-separated; values come from the subject's record. */
  fields: string;
  extra?: Partial<ShareRequest>;
}

const [EU, CA, OPTED_OUT, CHILD, ERASED, SOCIAL] = [
  'demo-eu-resident',
  'demo-californian',
  'demo-opted-out',
  'demo-child',
  'demo-erased',
  'demo-social',
];
const ADMIN = 'course_administration';
const IMPROVE = 'course_improvement';
const ML = { courseId: 'ml-101' };
const SUBPOENA = { legalBasis: { kind: 'subpoena', reference: 'SDNY-2026-118' } };
const EMERGENCY = { legalBasis: { kind: 'emergency', reference: 'NCMEC-55102' } };
const DEAL = { legalBasis: { kind: 'corporate_transaction', reference: 'SPA-2026-01' } };

const scenario = (
  weight: number,
  subjectId: string,
  recipientId: string,
  purpose: string,
  fields: string,
  extra?: Partial<ShareRequest>,
): Scenario => ({ weight, subjectId, recipientId, purpose, fields, extra });

/**
 * What producers across the platform ask for, in proportions where most requests are ordinary
 * and every rule of the policy still shows up. Comments name the expected outcome.
 */
export const SCENARIOS: readonly Scenario[] = [
  scenario(3, EU, 'instr-ng', ADMIN, 'name email grades dateOfBirth', ML), // dateOfBirth withheld
  scenario(3, CA, 'instr-ng', ADMIN, 'name grades submissions', ML),
  scenario(1, CA, 'instr-ng', ADMIN, 'name grades', { courseId: 'db-201' }), // not their course
  scenario(2, CHILD, 'instr-ng', ADMIN, 'name grades', ML), // under 13
  scenario(1, EU, 'instr-ng', IMPROVE, 'name forumPosts favouriteColour', ML), // unclassified
  scenario(2, CA, 'univ-stanford', IMPROVE, 'name email forumPosts', { courseId: 'cs-229' }),
  scenario(2, EU, 'univ-penn', ADMIN, 'name grades', ML), // suspended
  scenario(3, EU, 'univ-tum', 'research', 'name grades activity surveyResponses'), // ps_ ref
  scenario(2, OPTED_OUT, 'univ-tum', 'research', 'grades activity'), // opted out
  scenario(1, CHILD, 'univ-tum', 'marketing', 'name email'), // under 13
  scenario(3, CA, 'acme-books', 'marketing', 'name email postalAddress'), // Shine the Light
  scenario(2, EU, 'acme-books', 'marketing', 'name email'), // DPF carries the transfer
  scenario(2, OPTED_OUT, 'acme-books', 'marketing', 'name email'), // opted out
  scenario(1, ERASED, 'acme-books', 'marketing', 'name email'), // erased
  scenario(2, EU, 'brightline-surveys', 'research', 'surveyResponses demographics'), // no mechanism
  scenario(2, CA, 'brightline-surveys', 'research', 'email surveyResponses demographics'),
  scenario(2, EU, 'postbox-mail', 'operations', 'name email paymentCard ipAddress'), // card never
  scenario(2, ERASED, 'postbox-mail', 'operations', 'name email'), // erased
  scenario(1, ERASED, 'us-sdny', 'legal_process', 'name email photoId', SUBPOENA), // exempt
  scenario(1, CA, 'us-sdny', 'legal_process', 'name email'), // no legal basis
  scenario(1, CHILD, 'us-sdny', 'protection', 'name email', EMERGENCY),
  scenario(1, CA, 'northwind-holdings', 'corporate_transaction', 'name email religion', DEAL),
  scenario(2, SOCIAL, 'facebook', 'social_integration', 'name email'), // consent on file
  scenario(1, CA, 'facebook', 'social_integration', 'name'), // no consent
];

/** Values of the fields that are not about who the learner is (same for everyone). */
export const COMMON_VALUES: Readonly<Record<string, unknown>> = Object.freeze({
  dateOfBirth: '1994-02-11',
  grades: [
    { item: 'quiz-3', score: 0.92 },
    { item: 'final', score: 0.85 },
  ],
  submissions: [{ item: 'assignment-2', submittedAt: '2026-02-27T18:04:00Z' }],
  forumPosts: [{ postId: 'post-311', thread: 'week-3' }],
  activity: { daysActive: 23, videosWatched: 41 },
  surveyResponses: [4, 5, 3],
  demographics: { ageBand: '25-34', education: 'masters' },
  postalAddress: '742 Evergreen Terrace, Springfield',
  paymentCard: '4111 1111 1111 1111',
  ipAddress: '203.0.113.7',
  photoId: 'passport-scan.jpg',
  religion: 'not stated',
  favouriteColour: 'teal',
});
