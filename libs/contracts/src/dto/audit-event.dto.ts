/** Validation schema of an AuditEvent (DESIGN §3). */
import type { AuditEvent, NoticeRecord, Reason, TransferMechanismRecord } from '../audit-event';
import {
  NOTICE_CAUSES,
  NOTICE_KINDS,
  type NoticeCause,
  type NoticeKind,
} from '../notices/notice-vocabulary';
import { isDerivedId, isSha256Digest } from '../validation/formats';
import {
  AnyString,
  Bool,
  CountryCode,
  DerivedId,
  Digest,
  Integer,
  Nested,
  NestedList,
  OneOf,
  rule,
  StringList,
  Text,
  UtcTimestamp,
} from '../validation/rules';
import {
  AUDIT_DECISIONS,
  AUDIT_EVENT_TYPES,
  type AuditDecision,
  type AuditEventType,
  DECISION_OF_EVENT_TYPE,
  REASON_CODES,
  type ReasonCode,
  TRANSFER_BASES,
  TRANSFER_REGIMES,
  type TransferBasis,
  type TransferRegime,
} from '../vocabulary';
import { BOUNDS } from './bounds';
import { PolicyRefDto } from './share.dto';

/**
 * Why a request or a field was denied. `field` is a data field name exactly as received, so
 * any string (the audit must be able to name whatever a producer sent); `clause` may be empty
 * for rejections of malformed input, which no clause of the policy text governs.
 */
export class ReasonDto implements Reason {
  @OneOf(REASON_CODES)
  code!: ReasonCode;

  @AnyString({ optional: true })
  field?: string;

  @Text(1, BOUNDS.rule)
  rule!: string;

  @Text(0, BOUNDS.clause)
  clause!: string;
}

/**
 * The recorded transfer basis. `country` is required for `adequacy` and `reference` for
 * `contract` (DESIGN §3); elsewhere they are optional. `regime` (v2) names the regime of the
 * subject's residence when a basis was required; optional, so v1 events stay valid.
 */
export class TransferMechanismRecordDto implements TransferMechanismRecord {
  @OneOf(TRANSFER_BASES)
  basis!: TransferBasis;

  @CountryCode({ optional: (record) => record.basis !== 'adequacy' })
  country?: string;

  @Text(1, BOUNDS.reference, { optional: (record) => record.basis !== 'contract' })
  reference?: string;

  @OneOf(TRANSFER_REGIMES, { optional: true })
  regime?: TransferRegime;
}

/** The notice a `notice.sent` event audits (DESIGN §7). */
export class NoticeRecordDto implements NoticeRecord {
  @DerivedId('nt')
  noticeId!: string;

  @OneOf(NOTICE_KINDS)
  kind!: NoticeKind;

  @OneOf(NOTICE_CAUSES)
  cause!: NoticeCause;

  @StringList({ itemLength: [1, BOUNDS.purpose], unique: true })
  purposes!: string[];

  @Digest()
  digest!: string;
}

const isDecision = (v: unknown): v is AuditDecision =>
  typeof v === 'string' && (AUDIT_DECISIONS as readonly string[]).includes(v);
const isEventType = (v: unknown): v is AuditEventType =>
  typeof v === 'string' && (AUDIT_EVENT_TYPES as readonly string[]).includes(v);

/** `decision` must be the one its `type` implies (checked only once `type` is itself valid). */
function DecisionOfType(): PropertyDecorator {
  const test = (v: unknown, event: Record<string, unknown>): boolean =>
    isDecision(v) && (!isEventType(event.type) || DECISION_OF_EVENT_TYPE[event.type] === v);
  const problem = (v: unknown): string =>
    isDecision(v) ? 'does not match type' : `must be one of: ${AUDIT_DECISIONS.join(', ')}`;
  return rule('decisionOfType', test, problem);
}

/**
 * A share's id or digest: present exactly when the decision is `allow` (no share exists
 * otherwise, DESIGN §3 "null when denied"). With an invalid decision only the format is checked.
 */
function OnlyWhenAllowed(name: string, format: (v: unknown) => boolean, formatProblem: string) {
  const notAllowed = (event: Record<string, unknown>): boolean =>
    isDecision(event.decision) && event.decision !== 'allow';
  const test = (v: unknown, event: Record<string, unknown>): boolean =>
    !notAllowed(event) && format(v);
  const problem = (_v: unknown, event: Record<string, unknown>): string =>
    notAllowed(event) ? 'must be null unless decision is allow' : formatProblem;
  return rule(name, test, problem, { nullable: (event) => event.decision !== 'allow' });
}

/**
 * An audit event. The five request properties are required but null when they could not be
 * read from a rejected record; `transferMechanism` is required and may be null.
 */
export class AuditEventDto implements AuditEvent {
  @DerivedId('ev')
  eventId!: string;

  @OneOf(AUDIT_EVENT_TYPES)
  type!: AuditEventType;

  @Integer(0, BOUNDS.partition)
  partition!: number;

  @Integer(0, Number.MAX_SAFE_INTEGER)
  seq!: number;

  @Text(1, BOUNDS.requestId, { nullable: true })
  requestId!: string | null;

  @Text(1, BOUNDS.id, { nullable: true })
  subjectId!: string | null;

  @Text(1, BOUNDS.id, { nullable: true })
  recipientId!: string | null;

  @Text(1, BOUNDS.purpose, { nullable: true })
  purpose!: string | null;

  @Text(1, BOUNDS.producer, { nullable: true })
  producer!: string | null;

  @DecisionOfType()
  decision!: AuditDecision;

  @NestedList(() => ReasonDto)
  reasons!: ReasonDto[];

  @StringList({ unique: true })
  fieldsShared!: string[];

  @StringList({ unique: true })
  fieldsWithheld!: string[];

  @StringList({ itemLength: [1, BOUNDS.category], unique: true })
  categoriesShared!: string[];

  @Nested(() => TransferMechanismRecordDto, { nullable: true })
  transferMechanism!: TransferMechanismRecordDto | null;

  @Bool()
  directMarketing!: boolean;

  @OnlyWhenAllowed('shareId', (v) => isDerivedId(v, 'sh'), 'must be sh- and 26 base32 characters')
  shareId!: string | null;

  @OnlyWhenAllowed('payloadDigest', isSha256Digest, 'must be sha256: and 64 lower-case hex digits')
  payloadDigest!: string | null;

  @Nested(() => PolicyRefDto)
  policy!: PolicyRefDto;

  @UtcTimestamp()
  decidedAt!: string;

  @Nested(() => NoticeRecordDto, { optional: true })
  notice?: NoticeRecordDto;

  @Digest()
  prevHash!: string;

  @Digest()
  hash!: string;
}
