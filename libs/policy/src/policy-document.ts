import type { TransferRegime } from '@app/contracts/vocabulary';
import type { AdequacyScope, CheckCode, ExemptibleCode, FieldCode, FrameworkType } from './codes';

/** The rule a reason cites: a stable id and the section heading of the policy text. */
export interface Citation {
  /** Stable rule id, unique in the file, e.g. `check.opt_out`. */
  rule: string;
  /** Section heading of the policy text the rule implements, quoted exactly. */
  clause: string;
}

/** What binds a kind of recipient beyond its matrix rows. */
export interface KindDocument {
  /** Checks this kind is exempt from. */
  exempt?: ExemptibleCode[];
  /** With `courses` listed, `courseId` must be among them (check 8). */
  courseScoped?: boolean;
  /** Needs a `contract` mechanism valid at now (check 12). */
  contractRequired?: boolean;
  /** Needs a live consent for this recipient and purpose, whatever the purpose (check 11). */
  consentRequired?: boolean;
  /** Without a `fields` allow-list, no field is contracted. */
  fieldsRequired?: boolean;
  note?: string;
}

/** One row of the purpose matrix. */
export interface MatrixRowDocument extends Citation {
  kinds: string[];
  purpose: string;
  /** Category patterns the row permits: exact, `prefix.*` or `*`. */
  categories: string[];
  /** Category patterns taken out again. */
  except?: string[];
  /** The subject's opt-out of this purpose is honoured (check 10). */
  optOut?: boolean;
  /** A live consent replaces the opt-out (check 11). */
  consentInstead?: boolean;
  /** Accepted `legalBasis.kind` values; non-empty = a legal basis is required (check 9). */
  legalBasis?: string[];
  /** subjectRef is pseudonymised. */
  pseudonymise?: boolean;
  /** An allowed share is a disclosure for the recipient's own direct marketing. */
  directMarketing?: boolean;
  note?: string;
}

/** A dated set of countries: in force from `from` (inclusive) until `until` (exclusive). */
export interface DatedCountriesDocument {
  countries: string[];
  /** 'YYYY-MM-DD'; absent = since always. */
  from?: string;
  /** 'YYYY-MM-DD'; absent = open-ended. */
  until?: string;
  /** The instrument that makes it so (treaty, decision, regulation). */
  reference?: string;
  note?: string;
}

/** An adequacy finding of a regime for some countries, in force in its window. */
export interface AdequacyDocument extends DatedCountriesDocument {
  from: string;
  reference: string;
  /** Absent = every recipient in the country; otherwise only recipients of that sector. */
  scope?: AdequacyScope;
}

/** A certification framework recognised by a regime, with its window of validity. */
export interface FrameworkDocument {
  type: FrameworkType;
  from?: string;
  until?: string;
  reference: string;
  note?: string;
}

/**
 * A data-protection regime (DESIGN §7): whose residents it protects (`members`, which are also
 * its own territory: a transfer between members needs no basis), the countries it holds adequate
 * and the certification frameworks it recognises, each with its window and source.
 */
export interface RegimeDocument {
  title: string;
  members: DatedCountriesDocument[];
  adequacy: AdequacyDocument[];
  frameworks: FrameworkDocument[];
  note?: string;
}

/** The onward-transfer rules (Safe Harbor principle 3), per regime of the subject's residence. */
export interface TransferDocument {
  /** The country whose organisations certify under the frameworks (US). */
  certificationCountry: string;
  regimes: Partial<Record<TransferRegime, RegimeDocument>>;
}

/**
 * Children under the minimum age (DESIGN §7): the purposes a live verified parental consent can
 * open, where the policy text allows them.
 */
export interface ParentalConsentDocument extends Citation {
  purposes: string[];
  note?: string;
}

/** A policy file as written (YAML), after validation. Optional keys are left absent, not filled. */
export interface PolicyDocument {
  id: string;
  version: string;
  effective: string;
  title?: string;
  notes?: string[];
  minimumAge: number;
  parentalConsent: ParentalConsentDocument;
  categories: { restricted: { prefix: string }; sensitive: { prefix: string } };
  /** Top-level field name of `data` → category. */
  dictionary: Record<string, string>;
  recipientKinds: Record<string, KindDocument>;
  matrix: MatrixRowDocument[];
  checks: Record<CheckCode, Citation>;
  fieldRules: Record<FieldCode, Citation>;
  transfer: TransferDocument;
}
