import { hasReachedAge } from '../age';
import type { RequestCheck } from './check';

/** Check 4: the subject's account is not erased. */
export const subjectNotErased: RequestCheck = {
  code: 'SUBJECT_ERASED',
  passes: ({ subject }) => subject.erased !== true,
};

/** Check 5: the subject has reached the minimum age at `now`; no birthDate = attested at sign-up. */
export const subjectOldEnough: RequestCheck = {
  code: 'SUBJECT_UNDER_13',
  passes: ({ subject, policy, at }) =>
    subject.birthDate === undefined ||
    subject.birthDate === null ||
    hasReachedAge(subject.birthDate, policy.minimumAge, at),
};
