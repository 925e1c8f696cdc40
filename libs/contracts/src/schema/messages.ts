/**
 * The DTOs of `dto/`, mirrored one property and one rule at a time, in declaration order.
 * Reading a DTO next to its mirror should show the same rule names with the same arguments;
 * `drift.ts` proves it before any schema is written.
 */
import {
  AuditEventDto,
  NoticeRecordDto,
  ReasonDto,
  TransferMechanismRecordDto,
} from '../dto/audit-event.dto';
import { NOTICE_CAUSES, NOTICE_KINDS } from '../notices/notice-vocabulary';
import { BOUNDS } from '../dto/bounds';
import { RecipientDto, TransferMechanismDto } from '../dto/recipient.dto';
import { LegalBasisDto, ShareRequestDto } from '../dto/share-request.dto';
import { PolicyRefDto, ShareDto } from '../dto/share.dto';
import {
  ConsentDto,
  ParentalConsentDto,
  PartnerOptOutDto,
  SubjectProfileDto,
} from '../dto/subject.dto';
import {
  AUDIT_EVENT_TYPES,
  REASON_CODES,
  RECIPIENT_KINDS,
  RECIPIENT_SECTORS,
  RECIPIENT_STATUSES,
  TRANSFER_BASES,
  TRANSFER_MECHANISM_TYPES,
  TRANSFER_REGIMES,
} from '../vocabulary';
import { decisionOfType, onlyWhenAllowed } from './audit-rules';
import {
  anyString,
  bool,
  calendarDate,
  countryCode,
  derivedId,
  derivedIdParts,
  digest,
  digestParts,
  integer,
  jsonObject,
  nested,
  nestedList,
  oneOf,
  oneOfList,
  residence,
  stringList,
  text,
  topicSafeId,
  utcTimestamp,
  utcTimestampAfter,
} from './fragments';
import { described, dtoSpec, type DtoSpec, unless } from './property-spec';

const LEGAL_BASIS = dtoSpec(LegalBasisDto, 'LegalBasis', 'Why an authority may receive data.', {
  kind: text(1, BOUNDS.legalBasisKind),
  reference: described(
    text(0, BOUNDS.reference, { optional: true }),
    'Required by the kinds that need a legal basis; missing or blank, the request is denied ' +
      '(LEGAL_BASIS_REQUIRED), not rejected.',
  ),
});

const SHARE_REQUEST = dtoSpec(
  ShareRequestDto,
  'ShareRequest',
  "A request to disclose a learner's data to a recipient (value of privacy.share-requests).",
  {
    requestId: described(text(1, BOUNDS.requestId), 'Idempotency key of the logical request.'),
    requestedAt: described(utcTimestamp(), "Informational; decisions use the gateway's clock."),
    producer: text(1, BOUNDS.producer),
    subjectId: described(text(1, BOUNDS.id), 'Must equal the record key.'),
    recipientId: text(1, BOUNDS.id),
    purpose: text(1, BOUNDS.purpose),
    courseId: text(1, BOUNDS.id, { optional: true }),
    legalBasis: nested(LEGAL_BASIS, { optional: true }),
    data: described(jsonObject(), 'The payload; classified by its top-level field names.'),
  },
);

const TRANSFER_MECHANISM = dtoSpec(
  TransferMechanismDto,
  'TransferMechanism',
  'A contract or certification that allows an onward transfer.',
  {
    type: oneOf(TRANSFER_MECHANISM_TYPES),
    reference: text(1, BOUNDS.reference),
    validFrom: utcTimestamp(),
    validUntil: described(
      utcTimestampAfter('validFrom', false, { optional: true, nullable: true }),
      'Absent or null: open-ended.',
    ),
    covers: described(
      oneOfList(TRANSFER_REGIMES, { optional: true }),
      'Certifications only: the regimes it was made under (eu: EU-US, ch: Swiss-US, uk: UK ' +
        'Extension). Absent: ["eu"].',
    ),
  },
);

const RECIPIENT = dtoSpec(
  RecipientDto,
  'Recipient',
  'Someone outside the company who may receive shares (value of privacy.recipients).',
  {
    recipientId: described(topicSafeId(BOUNDS.id), 'Names the topic privacy.shares.<recipientId>.'),
    name: text(1, BOUNDS.name),
    kind: oneOf(RECIPIENT_KINDS),
    sector: described(
      oneOf(RECIPIENT_SECTORS, { optional: true }),
      'Absent: private. An adequacy scoped to the private sector applies to private recipients only.',
    ),
    country: described(countryCode(), 'ISO 3166-1 alpha-2.'),
    address: text(1, BOUNDS.address),
    status: oneOf(RECIPIENT_STATUSES),
    purposes: stringList({ itemLength: [1, BOUNDS.purpose], unique: true }),
    fields: described(
      stringList({
        itemLength: [1, BOUNDS.fieldName],
        unique: true,
        optional: unless('kind', 'contractor'),
      }),
      'Allow-list of data fields; required for a contractor.',
    ),
    courses: stringList({ itemLength: [1, BOUNDS.id], unique: true, optional: true }),
    transferMechanisms: nestedList(TRANSFER_MECHANISM),
  },
);

const CONSENT = dtoSpec(ConsentDto, 'Consent', 'A consent given by the subject.', {
  recipientId: described(text(1, BOUNDS.id), '"*" means any recipient.'),
  purpose: text(1, BOUNDS.purpose),
  categories: stringList({ itemLength: [1, BOUNDS.category], unique: true }),
  givenAt: utcTimestamp(),
  withdrawnAt: described(
    utcTimestampAfter('givenAt', true, { optional: true, nullable: true }),
    'Absent or null: still live.',
  ),
});

const PARTNER_OPT_OUT = dtoSpec(
  PartnerOptOutDto,
  'PartnerOptOut',
  'The subject refuses material from one partner.',
  {
    recipientId: described(text(1, BOUNDS.id), '"*" means every recipient.'),
    purposes: described(
      stringList({ itemLength: [1, BOUNDS.purpose], unique: true, optional: true }),
      'Absent: every purpose whose opt-out the policy honours.',
    ),
  },
);

const PARENTAL_CONSENT = dtoSpec(
  ParentalConsentDto,
  'ParentalConsent',
  'A verified parental consent for a subject under 13.',
  {
    verifiedAt: utcTimestamp(),
    method: described(text(1, BOUNDS.method), 'How it was verified, e.g. signed-form.'),
    purposes: described(
      stringList({ itemLength: [1, BOUNDS.purpose], unique: true }),
      'Only the purposes the policy allows for children count.',
    ),
    withdrawnAt: described(
      utcTimestampAfter('verifiedAt', true, { optional: true, nullable: true }),
      'Absent or null: still live.',
    ),
  },
);

const SUBJECT_PROFILE = dtoSpec(
  SubjectProfileDto,
  'SubjectProfile',
  'What the gateway knows of a learner (value of privacy.subjects).',
  {
    subjectId: text(1, BOUNDS.id),
    residence: described(residence(), 'ISO 3166-1 alpha-2, or US-XX for a US state.'),
    birthDate: described(calendarDate({ optional: true }), 'Absent: attested 13+ at sign-up.'),
    erased: described(bool(), 'Account deleted: a suppression marker, kept.'),
    optOuts: stringList({ itemLength: [1, BOUNDS.purpose], unique: true }),
    consents: nestedList(CONSENT),
    partnerOptOuts: described(nestedList(PARTNER_OPT_OUT, { optional: true }), 'Optional (v2).'),
    parentalConsent: described(
      nested(PARENTAL_CONSENT, { optional: true, nullable: true }),
      'Optional (v2); absent or null: none.',
    ),
  },
);

const POLICY_REF = dtoSpec(PolicyRefDto, 'PolicyRef', 'The policy that made a decision.', {
  id: text(1, BOUNDS.id),
  version: text(1, BOUNDS.policyVersion),
  digest: described(digest(), 'SHA-256 of the policy file.'),
});

const SHARE = dtoSpec(
  ShareDto,
  'Share',
  'A share as delivered to its recipient (value of privacy.shares.<recipientId>).',
  {
    shareId: described(derivedId('sh'), 'Deterministic: derived from requestId and recipientId.'),
    requestId: text(1, BOUNDS.requestId),
    recipientId: text(1, BOUNDS.id),
    purpose: text(1, BOUNDS.purpose),
    subjectRef: described(text(1, BOUNDS.id), 'The subjectId, or ps_<base32> when pseudonymised.'),
    data: described(jsonObject(), 'The minimised payload.'),
    policy: nested(POLICY_REF),
    sharedAt: utcTimestamp(),
  },
);

const REASON = dtoSpec(ReasonDto, 'Reason', 'Why a request or one field was denied.', {
  code: oneOf(REASON_CODES),
  field: described(anyString({ optional: true }), 'The data field concerned, as received.'),
  rule: text(1, BOUNDS.rule),
  clause: described(text(0, BOUNDS.clause), 'Heading of the policy text; may be empty.'),
});

const TRANSFER_MECHANISM_RECORD = dtoSpec(
  TransferMechanismRecordDto,
  'TransferMechanismRecord',
  'The basis recorded for an onward transfer.',
  {
    basis: oneOf(TRANSFER_BASES),
    country: countryCode({ optional: unless('basis', 'adequacy') }),
    reference: text(1, BOUNDS.reference, { optional: unless('basis', 'contract') }),
    regime: described(
      oneOf(TRANSFER_REGIMES, { optional: true }),
      "The regime of the subject's residence, when a basis was required (v2).",
    ),
  },
);

const NOTICE_RECORD = dtoSpec(
  NoticeRecordDto,
  'NoticeRecord',
  'The notice a notice.sent event audits (v2): ids, kind, purposes, digest; no data values.',
  {
    noticeId: derivedId('nt'),
    kind: oneOf(NOTICE_KINDS),
    cause: oneOf(NOTICE_CAUSES),
    purposes: stringList({ itemLength: [1, BOUNDS.purpose], unique: true }),
    digest: described(digest(), "sha256 of the notice's canonical JSON."),
  },
);

const nullWhenUnread = 'Null when it could not be read from a rejected record.';

const AUDIT_EVENT = dtoSpec(
  AuditEventDto,
  'AuditEvent',
  'One decision, hash-chained per partition (value of privacy.audit). Holds no data values.',
  {
    eventId: described(derivedId('ev'), 'Deterministic per input record.'),
    type: oneOf(AUDIT_EVENT_TYPES),
    partition: integer(0, BOUNDS.partition),
    seq: described(integer(0, Number.MAX_SAFE_INTEGER), '0-based position in the chain.'),
    requestId: described(text(1, BOUNDS.requestId, { nullable: true }), nullWhenUnread),
    subjectId: described(text(1, BOUNDS.id, { nullable: true }), nullWhenUnread),
    recipientId: described(text(1, BOUNDS.id, { nullable: true }), nullWhenUnread),
    purpose: described(text(1, BOUNDS.purpose, { nullable: true }), nullWhenUnread),
    producer: described(text(1, BOUNDS.producer, { nullable: true }), nullWhenUnread),
    decision: decisionOfType('type'),
    reasons: nestedList(REASON),
    fieldsShared: stringList({ unique: true }),
    fieldsWithheld: stringList({ unique: true }),
    categoriesShared: stringList({ itemLength: [1, BOUNDS.category], unique: true }),
    transferMechanism: described(
      nested(TRANSFER_MECHANISM_RECORD, { nullable: true }),
      'Null when the transfer check failed or was not reached.',
    ),
    directMarketing: bool(),
    shareId: onlyWhenAllowed('decision', { rule: 'shareId', ...derivedIdParts('sh') }),
    payloadDigest: onlyWhenAllowed('decision', { rule: 'payloadDigest', ...digestParts() }),
    policy: nested(POLICY_REF),
    decidedAt: utcTimestamp(),
    notice: described(
      nested(NOTICE_RECORD, { optional: true }),
      'Only on notice.sent events (v2).',
    ),
    prevHash: described(digest(), 'Hash of the previous event; genesis: sha256("onward:<p>").'),
    hash: described(digest(), 'sha256(prevHash + canonical JSON of this event without hash).'),
  },
);

/** A message of DESIGN §3 and the file its JSON Schema is written to. */
export interface MessageSchemaSource {
  /** `ShareRequest`, …: the message name of DESIGN §3. */
  name: string;
  /** `share-request.schema.json`, …: under `libs/contracts/schemas/`. */
  file: string;
  spec: DtoSpec;
}

/** The five messages of DESIGN §3, in the order of the design. */
export const MESSAGE_SCHEMA_SOURCES: readonly MessageSchemaSource[] = Object.freeze([
  { name: 'ShareRequest', file: 'share-request.schema.json', spec: SHARE_REQUEST },
  { name: 'Recipient', file: 'recipient.schema.json', spec: RECIPIENT },
  { name: 'SubjectProfile', file: 'subject-profile.schema.json', spec: SUBJECT_PROFILE },
  { name: 'Share', file: 'share.schema.json', spec: SHARE },
  { name: 'AuditEvent', file: 'audit-event.schema.json', spec: AUDIT_EVENT },
]);
