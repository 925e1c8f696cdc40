/** An explicit consent of a subject to one recipient (or "*"), purpose and categories. */
export interface Consent {
  recipientId: string;
  purpose: string;
  categories: string[];
  givenAt: string;
  withdrawnAt?: string | null;
}

/** A learner whose data may be shared (compacted topic `subjects`). */
export interface SubjectProfile {
  subjectId: string;
  residence: string;
  birthDate?: string;
  erased: boolean;
  optOuts: string[];
  consents: Consent[];
}
