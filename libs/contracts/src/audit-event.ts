import type {
  AuditDecision,
  AuditEventType,
  ReasonCode,
  TransferBasis,
  TransferRegime,
} from './vocabulary';
import type { PolicyRef } from './share';
import type { NoticeCause, NoticeKind } from './notices/notice-vocabulary';

/**
 * What a `notice.sent` event records of the notice it audits (DESIGN §7): ids, the kind, the
 * purposes and the digest of the notice's canonical JSON; the categories go in
 * `categoriesShared`. No data values.
 */
export interface NoticeRecord {
  noticeId: string;
  kind: NoticeKind;
  cause: NoticeCause;
  purposes: string[];
  digest: string;
}

/** Why a request or one of its fields was denied. */
export interface Reason {
  code: ReasonCode;
  field?: string;
  rule: string;
  clause: string;
}

/** The transfer basis recorded for a decision (DESIGN §3). */
export interface TransferMechanismRecord {
  basis: TransferBasis;
  country?: string;
  reference?: string;
  /** The regime of the subject's residence, when a basis was required (DESIGN §7). */
  regime?: TransferRegime;
}

/** One link of the tamper-evident audit chain (topic `audit`). */
export interface AuditEvent {
  eventId: string;
  type: AuditEventType;
  partition: number;
  seq: number;
  requestId: string | null;
  subjectId: string | null;
  recipientId: string | null;
  purpose: string | null;
  producer: string | null;
  decision: AuditDecision;
  reasons: Reason[];
  fieldsShared: string[];
  fieldsWithheld: string[];
  categoriesShared: string[];
  transferMechanism: TransferMechanismRecord | null;
  directMarketing: boolean;
  shareId: string | null;
  payloadDigest: string | null;
  policy: PolicyRef;
  decidedAt: string;
  /** Only on `notice.sent` events (v2). */
  notice?: NoticeRecord;
  prevHash: string;
  hash: string;
}
