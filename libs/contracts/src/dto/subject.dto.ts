/** Validation schema of a SubjectProfile (DESIGN §3). */
import type { Consent, ParentalConsent, PartnerOptOut, SubjectProfile } from '../subject';
import {
  Bool,
  CalendarDate,
  Nested,
  NestedList,
  Residence,
  StringList,
  Text,
  UtcTimestamp,
  UtcTimestampAfter,
} from '../validation/rules';
import { BOUNDS } from './bounds';

/**
 * A consent. `recipientId` may be `"*"` (any recipient). `withdrawnAt` absent or null means
 * still live; when present it may not precede `givenAt`. `categories` may be empty (a consent
 * to a purpose that involves no sensitive category).
 */
export class ConsentDto implements Consent {
  @Text(1, BOUNDS.id)
  recipientId!: string;

  @Text(1, BOUNDS.purpose)
  purpose!: string;

  @StringList({ itemLength: [1, BOUNDS.category], unique: true })
  categories!: string[];

  @UtcTimestamp()
  givenAt!: string;

  @UtcTimestampAfter('givenAt', true, { optional: true, nullable: true })
  withdrawnAt?: string | null;
}

/**
 * A refusal of material from one partner (v2). `recipientId` may be `"*"` (every recipient);
 * `purposes` absent means every purpose whose opt-out the policy honours.
 */
export class PartnerOptOutDto implements PartnerOptOut {
  @Text(1, BOUNDS.id)
  recipientId!: string;

  @StringList({ itemLength: [1, BOUNDS.purpose], unique: true, optional: true })
  purposes?: string[];
}

/**
 * A verified parental consent (v2). `withdrawnAt` absent or null means still live; when present
 * it may not precede `verifiedAt`. Which of `purposes` count is the policy's call.
 */
export class ParentalConsentDto implements ParentalConsent {
  @UtcTimestamp()
  verifiedAt!: string;

  @Text(1, BOUNDS.method)
  method!: string;

  @StringList({ itemLength: [1, BOUNDS.purpose], unique: true })
  purposes!: string[];

  @UtcTimestampAfter('verifiedAt', true, { optional: true, nullable: true })
  withdrawnAt?: string | null;
}

/**
 * A subject profile. `birthDate` is optional (absent = attested 13+ at sign-up) but, when
 * present, a real date. `erased`, `optOuts` and `consents` are required, the lists possibly
 * empty: a profile that forgot its opt-outs must not read as "no opt-outs". `partnerOptOuts`
 * and `parentalConsent` (v2) are optional, so a v1 profile stays valid.
 */
export class SubjectProfileDto implements SubjectProfile {
  @Text(1, BOUNDS.id)
  subjectId!: string;

  @Residence()
  residence!: string;

  @CalendarDate({ optional: true })
  birthDate?: string;

  @Bool()
  erased!: boolean;

  @StringList({ itemLength: [1, BOUNDS.purpose], unique: true })
  optOuts!: string[];

  @NestedList(() => ConsentDto)
  consents!: ConsentDto[];

  @NestedList(() => PartnerOptOutDto, { optional: true })
  partnerOptOuts?: PartnerOptOutDto[];

  @Nested(() => ParentalConsentDto, { optional: true, nullable: true })
  parentalConsent?: ParentalConsentDto | null;
}
