/** SubjectProfile and its parts (DESIGN §3, §7), defined once: type, JSON Schema, validator. */
import { type Static, Type } from '@sinclair/typebox';
import { BOUNDS } from './bounds';
import {
  bool,
  calendarDate,
  described,
  nullable,
  nullableObject,
  residence,
  stringList,
  text,
  utcTimestamp,
  utcTimestampAfter,
} from './fragments';

/**
 * A consent. `recipientId` may be `"*"` (any recipient). `withdrawnAt` absent or null means
 * still live; when present it may not precede `givenAt`. `categories` may be empty (a consent
 * to a purpose that involves no sensitive category).
 */
export const ConsentSchema = Type.Object(
  {
    recipientId: described(text(1, BOUNDS.id), '"*" means any recipient.'),
    purpose: text(1, BOUNDS.purpose),
    categories: stringList({ itemLength: [1, BOUNDS.category], unique: true }),
    givenAt: utcTimestamp(),
    withdrawnAt: Type.Optional(
      described(nullable(utcTimestampAfter('givenAt', true)), 'Absent or null: still live.'),
    ),
  },
  { title: 'Consent', description: 'A consent given by the subject.', additionalProperties: false },
);
/** An explicit consent of a subject to one recipient (or "*"), purpose and categories. */
export type Consent = Static<typeof ConsentSchema>;

/**
 * A refusal of material from one partner (v2). `recipientId` may be `"*"` (every recipient);
 * `purposes` absent means every purpose whose opt-out the policy honours.
 */
export const PartnerOptOutSchema = Type.Object(
  {
    recipientId: described(text(1, BOUNDS.id), '"*" means every recipient.'),
    purposes: Type.Optional(
      described(
        stringList({ itemLength: [1, BOUNDS.purpose], unique: true }),
        'Absent: every purpose whose opt-out the policy honours.',
      ),
    ),
  },
  {
    title: 'PartnerOptOut',
    description: 'The subject refuses material from one partner.',
    additionalProperties: false,
  },
);
/** The subject's refusal of material from one partner (DESIGN §7). */
export type PartnerOptOut = Static<typeof PartnerOptOutSchema>;

/**
 * A verified parental consent (v2). `withdrawnAt` absent or null means still live; when present
 * it may not precede `verifiedAt`. Which of `purposes` count is the policy's call.
 */
export const ParentalConsentSchema = Type.Object(
  {
    verifiedAt: utcTimestamp(),
    method: described(text(1, BOUNDS.method), 'How it was verified, e.g. signed-form.'),
    purposes: described(
      stringList({ itemLength: [1, BOUNDS.purpose], unique: true }),
      'Only the purposes the policy allows for children count.',
    ),
    withdrawnAt: Type.Optional(
      described(nullable(utcTimestampAfter('verifiedAt', true)), 'Absent or null: still live.'),
    ),
  },
  {
    title: 'ParentalConsent',
    description: 'A verified parental consent for a subject under 13.',
    additionalProperties: false,
  },
);
/** A verified parental consent for a subject under 13 (DESIGN §7). */
export type ParentalConsent = Static<typeof ParentalConsentSchema>;

/**
 * A subject profile. `birthDate` is optional (absent = attested 13+ at sign-up) but, when
 * present, a real date. `erased`, `optOuts` and `consents` are required, the lists possibly
 * empty: a profile that forgot its opt-outs must not read as "no opt-outs". `partnerOptOuts`
 * and `parentalConsent` (v2) are optional, so a v1 profile stays valid.
 */
export const SubjectProfileSchema = Type.Object(
  {
    subjectId: text(1, BOUNDS.id),
    residence: described(residence(), 'ISO 3166-1 alpha-2, or US-XX for a US state.'),
    birthDate: Type.Optional(described(calendarDate(), 'Absent: attested 13+ at sign-up.')),
    erased: described(bool(), 'Account deleted: a suppression marker, kept.'),
    optOuts: stringList({ itemLength: [1, BOUNDS.purpose], unique: true }),
    consents: Type.Array(ConsentSchema),
    partnerOptOuts: Type.Optional(described(Type.Array(PartnerOptOutSchema), 'Optional (v2).')),
    parentalConsent: Type.Optional(
      described(nullableObject(ParentalConsentSchema), 'Optional (v2); absent or null: none.'),
    ),
  },
  {
    title: 'SubjectProfile',
    description: 'What the gateway knows of a learner (value of privacy.subjects).',
    additionalProperties: false,
  },
);
/** A learner whose data may be shared (compacted topic `subjects`). */
export type SubjectProfile = Static<typeof SubjectProfileSchema>;
