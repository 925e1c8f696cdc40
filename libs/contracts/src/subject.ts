/** An explicit consent of a subject to one recipient (or "*"), purpose and categories. */
export interface Consent {
  recipientId: string;
  purpose: string;
  categories: string[];
  givenAt: string;
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
}
