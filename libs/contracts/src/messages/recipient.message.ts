/** Recipient and TransferMechanism (DESIGN §3), defined once: type, JSON Schema, validator. */
import { type Static, Type } from '@sinclair/typebox';
import {
  RECIPIENT_KINDS,
  RECIPIENT_SECTORS,
  RECIPIENT_STATUSES,
  TRANSFER_MECHANISM_TYPES,
  TRANSFER_REGIMES,
} from '../vocabulary';
import { BOUNDS } from './bounds';
import { requiredWhen } from './conditions';
import {
  countryCode,
  described,
  nullable,
  oneOf,
  oneOfList,
  stringList,
  text,
  topicSafeId,
  utcTimestamp,
  utcTimestampAfter,
} from './fragments';

/**
 * A contract or certification. `validFrom` is required; `validUntil` absent or null means
 * open-ended, otherwise it must be after `validFrom`. `covers` (v2, optional, default
 * `["eu"]`) names the regimes a certification was made under; the policy reads it on
 * certifications only (a contract carries a transfer whatever the regime, as in v1).
 */
export const TransferMechanismSchema = Type.Object(
  {
    type: oneOf(TRANSFER_MECHANISM_TYPES),
    reference: text(1, BOUNDS.reference),
    validFrom: utcTimestamp(),
    validUntil: Type.Optional(
      described(nullable(utcTimestampAfter('validFrom', false)), 'Absent or null: open-ended.'),
    ),
    covers: Type.Optional(
      described(
        oneOfList(TRANSFER_REGIMES),
        'Certifications only: the regimes it was made under (eu: EU-US, ch: Swiss-US, uk: UK ' +
          'Extension). Absent: ["eu"].',
      ),
    ),
  },
  {
    title: 'TransferMechanism',
    description: 'A contract or certification that allows an onward transfer.',
    additionalProperties: false,
  },
);
/** A contract or certification that may carry an onward transfer. */
export type TransferMechanism = Static<typeof TransferMechanismSchema>;

/**
 * A recipient. `recipientId` must be usable in a topic name (`privacy.shares.<id>`).
 * `fields` (allow-list) is optional except for a contractor, where DESIGN §3 requires it;
 * `courses` is optional. List properties are sets: duplicates are refused.
 */
export const RecipientSchema = Type.Object(
  {
    recipientId: described(topicSafeId(BOUNDS.id), 'Names the topic privacy.shares.<recipientId>.'),
    name: text(1, BOUNDS.name),
    kind: oneOf(RECIPIENT_KINDS),
    sector: Type.Optional(
      described(
        oneOf(RECIPIENT_SECTORS),
        'Absent: private. An adequacy scoped to the private sector applies to private recipients only.',
      ),
    ),
    country: described(countryCode(), 'ISO 3166-1 alpha-2.'),
    address: text(1, BOUNDS.address),
    status: oneOf(RECIPIENT_STATUSES),
    // May be empty: an authority needs no contracted purpose (DESIGN §5, check 7).
    purposes: stringList({ itemLength: [1, BOUNDS.purpose], unique: true }),
    fields: Type.Optional(
      described(
        stringList({ itemLength: [1, BOUNDS.fieldName], unique: true }),
        'Allow-list of data fields; required for a contractor.',
      ),
    ),
    courses: Type.Optional(stringList({ itemLength: [1, BOUNDS.id], unique: true })),
    transferMechanisms: Type.Array(TransferMechanismSchema),
  },
  {
    title: 'Recipient',
    description:
      'Someone outside the company who may receive shares (value of privacy.recipients).',
    additionalProperties: false,
    allOf: [requiredWhen('kind', 'contractor', 'fields')],
  },
);
/** Someone Onward may share with (compacted topic `recipients`). */
export type Recipient = Static<typeof RecipientSchema>;
