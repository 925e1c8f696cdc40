import type { RequestCheck } from './check';

/** Check 6: the matrix has a row for the recipient's kind and this purpose. */
export const purposePermitted: RequestCheck = {
  code: 'PURPOSE_NOT_PERMITTED',
  passes: ({ row }) => row !== undefined,
};

/** Check 7: the purpose is among those agreed with the recipient. */
export const purposeContracted: RequestCheck = {
  code: 'PURPOSE_NOT_CONTRACTED',
  passes: ({ recipient, request }) => (recipient.purposes ?? []).includes(request.purpose),
};

/** Check 8: a course-scoped recipient that lists courses receives only for those courses. */
export const courseTaught: RequestCheck = {
  code: 'COURSE_NOT_TAUGHT',
  passes: ({ kind, recipient, request }) => {
    const courses = recipient.courses;
    if (!kind.courseScoped || courses === undefined || courses === null) return true;
    return typeof request.courseId === 'string' && courses.includes(request.courseId);
  },
};

/** Check 9: where the row requires a legal basis, one of its kinds with a non-empty reference. */
export const legalBasisGiven: RequestCheck = {
  code: 'LEGAL_BASIS_REQUIRED',
  passes: ({ row, request }) => {
    if (row === undefined || row.legalBasis.size === 0) return true;
    const basis = request.legalBasis;
    return (
      typeof basis === 'object' &&
      basis !== null &&
      row.legalBasis.has(basis.kind) &&
      typeof basis.reference === 'string' &&
      basis.reference.trim() !== ''
    );
  },
  cite: ({ row }) => row?.legalBasisReason,
};
