import type {
  RecipientKind,
  RecipientSector,
  RecipientStatus,
  TransferMechanismType,
  TransferRegime,
} from './vocabulary';

/** A contract or certification that may carry an onward transfer. */
export interface TransferMechanism {
  type: TransferMechanismType;
  reference: string;
  validFrom: string;
  /** Absent or null: open-ended. Otherwise after `validFrom`. */
  validUntil?: string | null;
  /**
   * Certifications only: the regimes the certification was made under (EU-US, Swiss-US, UK
   * Extension). Absent = `["eu"]`. Not read on a contract.
   */
  covers?: TransferRegime[];
}

/** Someone Onward may share with (compacted topic `recipients`). */
export interface Recipient {
  recipientId: string;
  name: string;
  kind: RecipientKind;
  /** Absent = `private`. A `private_sector` adequacy applies only to private recipients. */
  sector?: RecipientSector;
  country: string;
  address: string;
  status: RecipientStatus;
  purposes: string[];
  /** Allow-list of data fields; required for a contractor. */
  fields?: string[];
  courses?: string[];
  transferMechanisms: TransferMechanism[];
}
