/** AuditEvent and its parts (DESIGN §3, §7), defined once: type, JSON Schema, validator. */
import { type Static, Type } from '@sinclair/typebox';
import { NOTICE_CAUSES, NOTICE_KINDS } from '../notices/notice-vocabulary';
import { AUDIT_EVENT_TYPES, REASON_CODES, TRANSFER_BASES, TRANSFER_REGIMES } from '../vocabulary';
import { BOUNDS } from './bounds';
import {
  allowedOnly,
  decisionOfType,
  decisionProperty,
  onlyWhenAllowed,
  requiredWhen,
} from './conditions';
import {
  anyString,
  bool,
  countryCode,
  derivedId,
  described,
  digest,
  integer,
  nullable,
  nullableObject,
  oneOf,
  stringList,
  text,
  utcTimestamp,
} from './fragments';
import { PolicyRefSchema } from './share.message';

/**
 * Why a request or a field was denied. `field` is a data field name exactly as received, so
 * any string (the audit must be able to name whatever a producer sent); `clause` may be empty
 * for rejections of malformed input, which no clause of the policy text governs.
 */
export const ReasonSchema = Type.Object(
  {
    code: oneOf(REASON_CODES),
    field: Type.Optional(described(anyString(), 'The data field concerned, as received.')),
    rule: text(1, BOUNDS.rule),
    clause: described(text(0, BOUNDS.clause), 'Heading of the policy text; may be empty.'),
  },
  {
    title: 'Reason',
    description: 'Why a request or one field was denied.',
    additionalProperties: false,
  },
);
/** Why a request or one of its fields was denied. */
export type Reason = Static<typeof ReasonSchema>;

/**
 * The recorded transfer basis. `country` is required for `adequacy` and `reference` for
 * `contract` (DESIGN §3); elsewhere they are optional. `regime` (v2) names the regime of the
 * subject's residence when a basis was required; optional, so v1 events stay valid.
 */
export const TransferMechanismRecordSchema = Type.Object(
  {
    basis: oneOf(TRANSFER_BASES),
    country: Type.Optional(countryCode()),
    reference: Type.Optional(text(1, BOUNDS.reference)),
    regime: Type.Optional(
      described(
        oneOf(TRANSFER_REGIMES),
        "The regime of the subject's residence, when a basis was required (v2).",
      ),
    ),
  },
  {
    title: 'TransferMechanismRecord',
    description: 'The basis recorded for an onward transfer.',
    additionalProperties: false,
    allOf: [
      requiredWhen('basis', 'adequacy', 'country'),
      requiredWhen('basis', 'contract', 'reference'),
    ],
  },
);
/** The transfer basis recorded for a decision (DESIGN §3). */
export type TransferMechanismRecord = Static<typeof TransferMechanismRecordSchema>;

/**
 * What a `notice.sent` event records of the notice it audits (DESIGN §7): ids, the kind, the
 * purposes and the digest of the notice's canonical JSON; the categories go in
 * `categoriesShared`. No data values.
 */
export const NoticeRecordSchema = Type.Object(
  {
    noticeId: derivedId('nt'),
    kind: oneOf(NOTICE_KINDS),
    cause: oneOf(NOTICE_CAUSES),
    purposes: stringList({ itemLength: [1, BOUNDS.purpose], unique: true }),
    digest: described(digest(), "sha256 of the notice's canonical JSON."),
  },
  {
    title: 'NoticeRecord',
    description:
      'The notice a notice.sent event audits (v2): ids, kind, purposes, digest; no data values.',
    additionalProperties: false,
  },
);
/** The notice a `notice.sent` event audits. */
export type NoticeRecord = Static<typeof NoticeRecordSchema>;

const nullWhenUnread = 'Null when it could not be read from a rejected record.';
const readable = (max: number) => described(nullable(text(1, max)), nullWhenUnread);

/**
 * An audit event. The five request properties are required but null when they could not be
 * read from a rejected record; `transferMechanism` is required and may be null.
 */
export const AuditEventSchema = Type.Object(
  {
    eventId: described(derivedId('ev'), 'Deterministic per input record.'),
    type: oneOf(AUDIT_EVENT_TYPES),
    partition: integer(0, BOUNDS.partition),
    seq: described(integer(0, Number.MAX_SAFE_INTEGER), '0-based position in the chain.'),
    requestId: readable(BOUNDS.requestId),
    subjectId: readable(BOUNDS.id),
    recipientId: readable(BOUNDS.id),
    purpose: readable(BOUNDS.purpose),
    producer: readable(BOUNDS.producer),
    decision: decisionProperty('type'),
    reasons: Type.Array(ReasonSchema),
    fieldsShared: stringList({ unique: true }),
    fieldsWithheld: stringList({ unique: true }),
    categoriesShared: stringList({ itemLength: [1, BOUNDS.category], unique: true }),
    transferMechanism: described(
      nullableObject(TransferMechanismRecordSchema),
      'Null when the transfer check failed or was not reached.',
    ),
    directMarketing: bool(),
    shareId: allowedOnly('decision', derivedId('sh')),
    payloadDigest: allowedOnly('decision', digest()),
    policy: PolicyRefSchema,
    decidedAt: utcTimestamp(),
    notice: Type.Optional(described(NoticeRecordSchema, 'Only on notice.sent events (v2).')),
    prevHash: described(digest(), 'Hash of the previous event; genesis: sha256("onward:<p>").'),
    hash: described(digest(), 'sha256(prevHash + canonical JSON of this event without hash).'),
  },
  {
    title: 'AuditEvent',
    description:
      'One decision, hash-chained per partition (value of privacy.audit). Holds no data values.',
    additionalProperties: false,
    allOf: [
      ...decisionOfType('type', 'decision'),
      onlyWhenAllowed('decision', 'shareId'),
      onlyWhenAllowed('decision', 'payloadDigest'),
    ],
  },
);
/** One link of the tamper-evident audit chain (topic `audit`). */
export type AuditEvent = Static<typeof AuditEventSchema>;
