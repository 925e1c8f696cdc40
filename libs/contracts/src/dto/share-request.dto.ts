/** Validation schema of a ShareRequest (DESIGN §3). */
import type { LegalBasis, ShareRequest } from '../share-request';
import { JsonObject, Nested, Text, UtcTimestamp } from '../validation/rules';
import { BOUNDS } from './bounds';

/**
 * A legal basis: a non-empty `kind`. Whether the kind fits, and whether a `reference` is there
 * and not blank, is the policy's call (LEGAL_BASIS_REQUIRED, DESIGN §7), so a missing or empty
 * reference is not malformed input.
 */
export class LegalBasisDto implements LegalBasis {
  @Text(1, BOUNDS.legalBasisKind)
  kind!: string;

  @Text(0, BOUNDS.reference, { optional: true })
  reference?: string;
}

/**
 * A share request. `courseId` and `legalBasis` may be absent but not null; `data` must be an
 * object whose contents are only checked by the structural safety limits.
 */
export class ShareRequestDto implements ShareRequest {
  @Text(1, BOUNDS.requestId)
  requestId!: string;

  @UtcTimestamp()
  requestedAt!: string;

  @Text(1, BOUNDS.producer)
  producer!: string;

  @Text(1, BOUNDS.id)
  subjectId!: string;

  // Any id is accepted here: an id that names no recipient is a deny (UNKNOWN_RECIPIENT),
  // recorded in the audit trail, not a malformed message.
  @Text(1, BOUNDS.id)
  recipientId!: string;

  @Text(1, BOUNDS.purpose)
  purpose!: string;

  @Text(1, BOUNDS.id, { optional: true })
  courseId?: string;

  @Nested(() => LegalBasisDto, { optional: true })
  legalBasis?: LegalBasisDto;

  @JsonObject()
  data!: Record<string, unknown>;
}
