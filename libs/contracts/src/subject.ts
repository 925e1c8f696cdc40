/** An explicit consent of a subject to one recipient (or "*"), purpose and categories. */
export interface Consent {
  recipientId: string;
  purpose: string;
  categories: string[];
  givenAt: string;
  /** Absent or null: the consent is live. */
  withdrawnAt?: string | null;
}

/** The subject's refusal of material from one partner (DESIGN §7). */
export interface PartnerOptOut {
  /** The partner; `"*"` = every recipient. */
  recipientId: string;
  /** Absent = every purpose whose opt-out is honoured. */
  purposes?: string[];
}

/** A verified parental consent for a subject under 13 (DESIGN §7). */
export interface ParentalConsent {
  verifiedAt: string;
  /** How it was verified (`signed-form`, …); recorded, not judged. */
  method: string;
  /** Purposes the parent consented to; only those the policy allows for children count. */
  purposes: string[];
  /** Absent or null: the consent is live. */
  withdrawnAt?: string | null;
}

/** A learner whose data may be shared (compacted topic `subjects`). */
export interface SubjectProfile {
  subjectId: string;
  residence: string;
  /** `YYYY-MM-DD`; absent = attested 13+ at sign-up. */
  birthDate?: string;
  erased: boolean;
  /** Purposes opted out of; required, possibly empty. */
  optOuts: string[];
  /** Required, possibly empty. */
  consents: Consent[];
  /** Partners the subject refuses material from; optional (v2). */
  partnerOptOuts?: PartnerOptOut[];
  /** Optional (v2); absent or null = none. */
  parentalConsent?: ParentalConsent | null;
}
