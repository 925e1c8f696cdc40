import type { RecipientKind, RecipientStatus, TransferMechanismType } from './vocabulary';

/** A contract or certification that may carry an onward transfer. */
export interface TransferMechanism {
  type: TransferMechanismType;
  reference: string;
  validFrom: string;
  /** Absent or null: open-ended. Otherwise after `validFrom`. */
  validUntil?: string | null;
}

/** Someone Onward may share with (compacted topic `recipients`). */
export interface Recipient {
  recipientId: string;
  name: string;
  kind: RecipientKind;
  country: string;
  address: string;
  status: RecipientStatus;
  purposes: string[];
  /** Allow-list of data fields; required for a contractor. */
  fields?: string[];
  courses?: string[];
  transferMechanisms: TransferMechanism[];
}
