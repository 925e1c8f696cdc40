import type { RequestCheck } from './check';
import { consentGiven, notOptedOut } from './choice';
import { contractHeld } from './contract';
import { courseTaught, legalBasisGiven, purposeContracted, purposePermitted } from './purpose';
import { recipientActive } from './recipient';
import { subjectNotErased, subjectOldEnough } from './subject';

export type { CheckContext, RequestCheck } from './check';

/** Checks 3–12 of DESIGN §5, in order; all are evaluated and every failure is listed. */
export const REQUEST_CHECKS: readonly RequestCheck[] = [
  recipientActive,
  subjectNotErased,
  subjectOldEnough,
  purposePermitted,
  purposeContracted,
  courseTaught,
  legalBasisGiven,
  notOptedOut,
  consentGiven,
  contractHeld,
];
