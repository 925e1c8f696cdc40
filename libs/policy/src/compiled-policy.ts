import { sha256Digest } from '@app/contracts/canonical-json';
import type { Reason } from '@app/contracts/audit-event';
import type { PolicyRef } from '@app/contracts/share';
import type { ReasonCode } from '@app/contracts/vocabulary';
import { expandPatterns } from './category-pattern';
import type { RecipientSector, TransferRegime } from '@app/contracts/vocabulary';
import { ADEQUACY_SCOPES, CHECK_CODES, type CheckCode, type FieldCode } from './codes';
import type { Citation, MatrixRowDocument, PolicyDocument } from './policy-document';
import type { Window } from './time';
import { validatePolicyDocument } from './validate/document';

/** How a data field is classified. */
export interface FieldRule {
  readonly category: string;
  /** Never shared with anyone (NEVER_SHARED). */
  readonly restricted: boolean;
  /** Needs explicit consent unless the recipient kind is exempt. */
  readonly sensitive: boolean;
}

/** A compiled row of the purpose matrix. */
export interface MatrixRule extends Citation {
  readonly purpose: string;
  /** Every category the row permits, patterns expanded against the dictionary. */
  readonly categories: ReadonlySet<string>;
  readonly optOut: boolean;
  readonly consentInstead: boolean;
  /** Accepted legalBasis kinds; empty = no legal basis needed. */
  readonly legalBasis: ReadonlySet<string>;
  readonly pseudonymise: boolean;
  readonly directMarketing: boolean;
  /** LEGAL_BASIS_REQUIRED citing this row. */
  readonly legalBasisReason: Reason;
}

/** A compiled recipient kind with its matrix rows by purpose. */
export interface KindRule {
  readonly exempt: ReadonlySet<ReasonCode>;
  readonly courseScoped: boolean;
  readonly contractRequired: boolean;
  readonly consentRequired: boolean;
  readonly fieldsRequired: boolean;
  readonly rows: ReadonlyMap<string, MatrixRule>;
}

/** An adequacy finding for one country: when, and for which recipient sector (if scoped). */
export interface AdequacyRule {
  readonly window: Window;
  /** `private` or `public` when the decision is scoped to one sector; undefined = any. */
  readonly sector: RecipientSector | undefined;
}

/** One regime's lists as lookup tables (DESIGN §7). */
export interface RegimeRules {
  readonly id: TransferRegime;
  /** Member country → when it was a member: its residents are protected, and it needs no basis. */
  readonly members: ReadonlyMap<string, Window>;
  /** Country → adequacy findings. */
  readonly adequacy: ReadonlyMap<string, readonly AdequacyRule[]>;
  /** Certification framework type → window in which this regime recognises it. */
  readonly frameworks: ReadonlyMap<string, Window>;
}

/** The onward-transfer rules as lookup tables. */
export interface TransferRules {
  /** Regimes in file order; a country is a member of at most one at any instant. */
  readonly regimes: readonly RegimeRules[];
  /** Where certified organisations are (US). */
  readonly certificationCountry: string;
}

/** A validated policy compiled into lookup tables, ready for `decide`. Immutable. */
export interface CompiledPolicy {
  /** `{id, version, digest}`, as recorded in every Share and AuditEvent. */
  readonly ref: PolicyRef;
  /** The document as written (deep-frozen). */
  readonly document: PolicyDocument;
  /** Subjects younger than this at `now` are refused (check 5). */
  readonly minimumAge: number;
  /** Purposes a live verified parental consent opens for a child (check 5). */
  readonly parentalConsentPurposes: ReadonlySet<string>;
  readonly fields: ReadonlyMap<string, FieldRule>;
  readonly kinds: ReadonlyMap<string, KindRule>;
  /** Request-level reasons, one frozen object per check code. */
  readonly checkReasons: Readonly<Record<CheckCode, Reason>>;
  /** Citations of the field rules. */
  readonly fieldCitations: Readonly<Record<FieldCode, Citation>>;
  readonly transfer: TransferRules;
}

/** `sha256:` + hex SHA-256 of the RFC 8785 canonical JSON of a parsed policy document. */
export function policyDigest(document: unknown): string {
  return sha256Digest(document);
}

/**
 * Validates a parsed policy document (as read from YAML or built in code) and compiles it once
 * into lookup tables. Throws a PolicyFileError naming every bad entry.
 */
export function compilePolicy(document: unknown): CompiledPolicy {
  const doc = deepFreeze(structuredClone(validatePolicyDocument(document)));
  const { restricted, sensitive } = doc.categories;
  const fields = new Map<string, FieldRule>();
  for (const [field, category] of Object.entries(doc.dictionary)) {
    fields.set(field, {
      category,
      restricted: category.startsWith(restricted.prefix),
      sensitive: category.startsWith(sensitive.prefix),
    });
  }
  const shareable = [...new Set(Object.values(doc.dictionary))].filter(
    (c) => !c.startsWith(restricted.prefix),
  );
  return Object.freeze({
    ref: Object.freeze({ id: doc.id, version: doc.version, digest: policyDigest(doc) }),
    document: doc,
    minimumAge: doc.minimumAge,
    parentalConsentPurposes: new Set(doc.parentalConsent.purposes),
    fields,
    kinds: compileKinds(doc, shareable),
    checkReasons: Object.freeze(
      Object.fromEntries(CHECK_CODES.map((code) => [code, reason(code, doc.checks[code])])),
    ) as Record<CheckCode, Reason>,
    fieldCitations: doc.fieldRules,
    transfer: compileTransfer(doc),
  });
}

function compileKinds(doc: PolicyDocument, shareable: readonly string[]): Map<string, KindRule> {
  const kinds = new Map<string, KindRule>();
  for (const [kind, k] of Object.entries(doc.recipientKinds)) {
    const rows = new Map<string, MatrixRule>();
    for (const row of doc.matrix) {
      if (row.kinds.includes(kind)) rows.set(row.purpose, compileRow(row, shareable));
    }
    kinds.set(kind, {
      exempt: new Set(k?.exempt ?? []),
      courseScoped: k?.courseScoped === true,
      contractRequired: k?.contractRequired === true,
      consentRequired: k?.consentRequired === true,
      fieldsRequired: k?.fieldsRequired === true,
      rows,
    });
  }
  return kinds;
}

function compileRow(row: MatrixRowDocument, shareable: readonly string[]): MatrixRule {
  return {
    rule: row.rule,
    clause: row.clause,
    purpose: row.purpose,
    categories: expandPatterns(row.categories, row.except ?? [], shareable),
    optOut: row.optOut === true,
    consentInstead: row.consentInstead === true,
    legalBasis: new Set(row.legalBasis ?? []),
    pseudonymise: row.pseudonymise === true,
    directMarketing: row.directMarketing === true,
    legalBasisReason: reason('LEGAL_BASIS_REQUIRED', row),
  };
}

function compileTransfer(doc: PolicyDocument): TransferRules {
  const regimes: RegimeRules[] = [];
  for (const [id, g] of Object.entries(doc.transfer.regimes)) {
    if (g === undefined) continue;
    const members = new Map<string, Window>();
    for (const m of g.members) for (const c of m.countries) members.set(c, window(m.from, m.until));
    const adequacy = new Map<string, AdequacyRule[]>();
    for (const a of g.adequacy) {
      const rule = {
        window: window(a.from, a.until),
        sector: a.scope === undefined ? undefined : ADEQUACY_SCOPES[a.scope],
      };
      for (const c of a.countries) adequacy.set(c, [...(adequacy.get(c) ?? []), rule]);
    }
    const frameworks = new Map<string, Window>();
    for (const f of g.frameworks) frameworks.set(f.type, window(f.from, f.until));
    regimes.push({ id: id as TransferRegime, members, adequacy, frameworks });
  }
  return { regimes, certificationCountry: doc.transfer.certificationCountry };
}

/** A window from validated 'YYYY-MM-DD' dates (inclusive from, exclusive until). */
function window(from: string | undefined, until: string | undefined): Window {
  return {
    from: from === undefined ? -Infinity : Date.parse(from),
    until: until === undefined ? Infinity : Date.parse(until),
  };
}

function reason(code: ReasonCode, citation: Citation): Reason {
  return Object.freeze({ code, rule: citation.rule, clause: citation.clause });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
