/** Validation schema of a Share and of the policy reference it carries (DESIGN §3). */
import type { PolicyRef, Share } from '../share';
import { DerivedId, Digest, JsonObject, Nested, Text, UtcTimestamp } from '../validation/rules';
import { BOUNDS } from './bounds';

/** The policy that made a decision: id, version and the digest of the policy file. */
export class PolicyRefDto implements PolicyRef {
  @Text(1, BOUNDS.id)
  id!: string;

  @Text(1, BOUNDS.policyVersion)
  version!: string;

  @Digest()
  digest!: string;
}

/** A share as delivered on `privacy.shares.<recipientId>`; `data` is the minimised payload. */
export class ShareDto implements Share {
  @DerivedId('sh')
  shareId!: string;

  @Text(1, BOUNDS.requestId)
  requestId!: string;

  @Text(1, BOUNDS.id)
  recipientId!: string;

  @Text(1, BOUNDS.purpose)
  purpose!: string;

  // The subject id or its pseudonym `ps_<base32>` (DESIGN §5).
  @Text(1, BOUNDS.id)
  subjectRef!: string;

  @JsonObject()
  data!: Record<string, unknown>;

  @Nested(() => PolicyRefDto)
  policy!: PolicyRefDto;

  @UtcTimestamp()
  sharedAt!: string;
}
