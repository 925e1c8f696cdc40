/**
 * @app/policy — the Onward policy engine: a pure, synchronous `decide` over a policy file
 * compiled once (DESIGN §4–§5). No framework, no broker, no I/O: callers pass text and time in.
 */
export { decide } from './decide';
export type { DecideInput, DecideOptions, Decision } from './decision';
export { loadPolicy, parsePolicyText } from './policy-file';
export { compilePolicy, policyDigest } from './compiled-policy';
export type {
  AdequacyRule,
  RegimeRules,
  CompiledPolicy,
  FieldRule,
  KindRule,
  MatrixRule,
  TransferRules,
} from './compiled-policy';
export type * from './policy-document';
export { validatePolicyDocument } from './validate/document';
export { PolicyFileError, type PolicyFileIssue } from './errors';
export { preparePseudonymKey, pseudonymise, type PseudonymKey } from './pseudonym';
export { hasReachedAge } from './age';
export { hasLiveConsent, isLive } from './consent';
export { countryOf } from './transfer';
export {
  CHECK_CODES,
  FIELD_CODES,
  EXEMPTIBLE_CODES,
  FRAMEWORK_TYPES,
  ADEQUACY_SCOPES,
  type AdequacyScope,
  type CheckCode,
  type FieldCode,
  type ExemptibleCode,
  type FrameworkType,
} from './codes';
