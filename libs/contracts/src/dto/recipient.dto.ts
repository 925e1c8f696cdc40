/** Validation schema of a Recipient (DESIGN §3). */
import type { Recipient, TransferMechanism } from '../recipient';
import {
  RECIPIENT_KINDS,
  RECIPIENT_SECTORS,
  RECIPIENT_STATUSES,
  type RecipientKind,
  type RecipientSector,
  type RecipientStatus,
  TRANSFER_MECHANISM_TYPES,
  TRANSFER_REGIMES,
  type TransferMechanismType,
  type TransferRegime,
} from '../vocabulary';
import {
  CountryCode,
  NestedList,
  OneOf,
  OneOfList,
  StringList,
  Text,
  TopicSafeId,
  UtcTimestamp,
  UtcTimestampAfter,
} from '../validation/rules';
import { BOUNDS } from './bounds';

/**
 * A contract or certification. `validFrom` is required; `validUntil` absent or null means
 * open-ended, otherwise it must be after `validFrom`. `covers` (v2, optional, default
 * `["eu"]`) names the regimes a certification was made under; the policy reads it on
 * certifications only (a contract carries a transfer whatever the regime, as in v1).
 */
export class TransferMechanismDto implements TransferMechanism {
  @OneOf(TRANSFER_MECHANISM_TYPES)
  type!: TransferMechanismType;

  @Text(1, BOUNDS.reference)
  reference!: string;

  @UtcTimestamp()
  validFrom!: string;

  @UtcTimestampAfter('validFrom', false, { optional: true, nullable: true })
  validUntil?: string | null;

  @OneOfList(TRANSFER_REGIMES, { optional: true })
  covers?: TransferRegime[];
}

/**
 * A recipient. `recipientId` must be usable in a topic name (`privacy.shares.<id>`).
 * `fields` (allow-list) is optional except for a contractor, where DESIGN §3 requires it;
 * `courses` is optional. List properties are sets: duplicates are refused.
 */
export class RecipientDto implements Recipient {
  @TopicSafeId(BOUNDS.id)
  recipientId!: string;

  @Text(1, BOUNDS.name)
  name!: string;

  @OneOf(RECIPIENT_KINDS)
  kind!: RecipientKind;

  // v2, optional: absent = private (DESIGN §7).
  @OneOf(RECIPIENT_SECTORS, { optional: true })
  sector?: RecipientSector;

  @CountryCode()
  country!: string;

  @Text(1, BOUNDS.address)
  address!: string;

  @OneOf(RECIPIENT_STATUSES)
  status!: RecipientStatus;

  // May be empty: an authority needs no contracted purpose (DESIGN §5, check 7).
  @StringList({ itemLength: [1, BOUNDS.purpose], unique: true })
  purposes!: string[];

  @StringList({
    itemLength: [1, BOUNDS.fieldName],
    unique: true,
    optional: (recipient) => recipient.kind !== 'contractor',
  })
  fields?: string[];

  @StringList({ itemLength: [1, BOUNDS.id], unique: true, optional: true })
  courses?: string[];

  @NestedList(() => TransferMechanismDto)
  transferMechanisms!: TransferMechanismDto[];
}
