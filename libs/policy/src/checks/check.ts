import type { Reason } from '@app/contracts/audit-event';
import type { Recipient } from '@app/contracts/recipient';
import type { ShareRequest } from '@app/contracts/share-request';
import type { SubjectProfile } from '@app/contracts/subject';
import type { CheckCode } from '../codes';
import type { CompiledPolicy, KindRule, MatrixRule } from '../compiled-policy';

/** Everything a check may look at, once recipient and subject are known (checks 3–14). */
export interface CheckContext {
  readonly policy: CompiledPolicy;
  readonly request: ShareRequest;
  readonly recipient: Recipient;
  readonly subject: SubjectProfile;
  readonly kind: KindRule;
  /** The matrix row for this kind and purpose; undefined = purpose not permitted. */
  readonly row: MatrixRule | undefined;
  /** The decision instant, epoch milliseconds. */
  readonly at: number;
}

/** A request-level check of DESIGN §5. */
export interface RequestCheck {
  readonly code: CheckCode;
  /** Whether the request passes this check. */
  passes(ctx: CheckContext): boolean;
  /** The reason to record when it fails, if more specific than the policy's `checks` entry. */
  cite?(ctx: CheckContext): Reason | undefined;
}
