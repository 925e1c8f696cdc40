import type { Reason, TransferMechanismRecord } from '@app/contracts/audit-event';
import type { Recipient } from '@app/contracts/recipient';
import type { PolicyRef } from '@app/contracts/share';
import type { ShareRequest } from '@app/contracts/share-request';
import type { SubjectProfile } from '@app/contracts/subject';
import type { PseudonymKey } from './pseudonym';

/** What `decide` judges: the request, and the recipient and subject as known (null = unknown). */
export interface DecideInput {
  request: ShareRequest;
  recipient?: Recipient | null;
  subject?: SubjectProfile | null;
}

/** Configuration `decide` needs beyond the policy. */
export interface DecideOptions {
  /** Key of the research pseudonyms; required only when a decision pseudonymises. */
  pseudonymKey?: PseudonymKey;
}

/** The outcome of one request, named as in the AuditEvent (DESIGN §3, §5). */
export interface Decision {
  decision: 'allow' | 'deny';
  /** Request-level failures in check order (the first is the primary reason), then field reasons. */
  reasons: Reason[];
  /** Fields delivered, sorted. Empty on deny. */
  fieldsShared: string[];
  /** Fields held back, sorted. On deny: every field of the request. */
  fieldsWithheld: string[];
  /** Categories of the delivered fields, sorted, distinct. Empty on deny. */
  categoriesShared: string[];
  /** The onward-transfer basis; null when the transfer check failed or was not reached. */
  transferMechanism: TransferMechanismRecord | null;
  /** An allowed share for the recipient's own direct marketing. False on deny. */
  directMarketing: boolean;
  /** The subjectId, or its `ps_` pseudonym when the matrix row pseudonymises. */
  subjectRef: string;
  /** The minimised data: the shared fields only. Empty on deny. */
  data: Record<string, unknown>;
  policy: PolicyRef;
}
