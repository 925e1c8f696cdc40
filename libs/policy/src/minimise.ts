import type { Reason } from '@app/contracts/audit-event';
import type { CheckContext } from './checks/check';
import type { FieldCode } from './codes';
import { hasLiveConsent } from './consent';

/** The outcome of per-field minimisation. */
export interface Minimised {
  /** Fields that survive, in the order given. */
  readonly shared: string[];
  /** Fields held back, in the order given. */
  readonly withheld: string[];
  /** Distinct categories of the shared fields, sorted. */
  readonly categories: string[];
  /** One reason per withheld field, carrying `field`. */
  readonly reasons: Reason[];
}

/**
 * Judges every field of the request (pass them sorted): the first failing rule of
 * UNCLASSIFIED_FIELD → NEVER_SHARED → CATEGORY_NOT_PERMITTED → FIELD_NOT_CONTRACTED →
 * CONSENT_REQUIRED withholds it. Names that are not in the dictionary, `__proto__` included,
 * are unclassified.
 */
export function minimise(ctx: CheckContext, fields: readonly string[]): Minimised {
  const out: Minimised = { shared: [], withheld: [], categories: [], reasons: [] };
  for (const field of fields) {
    const code = fieldFailure(ctx, field);
    if (code === null) {
      out.shared.push(field);
      const category = (ctx.policy.fields.get(field) as { category: string }).category;
      if (!out.categories.includes(category)) out.categories.push(category);
    } else {
      out.withheld.push(field);
      out.reasons.push(fieldReason(ctx, code, field));
    }
  }
  out.categories.sort();
  return out;
}

function fieldFailure(ctx: CheckContext, field: string): FieldCode | null {
  const { policy, row, recipient, kind } = ctx;
  const rule = policy.fields.get(field);
  if (rule === undefined) return 'UNCLASSIFIED_FIELD';
  if (rule.restricted) return 'NEVER_SHARED';
  if (row === undefined || !row.categories.has(rule.category)) return 'CATEGORY_NOT_PERMITTED';
  const contracted = recipient.fields;
  if (contracted ? !contracted.includes(field) : kind.fieldsRequired) return 'FIELD_NOT_CONTRACTED';
  if (
    needsConsent(ctx, rule) &&
    !hasLiveConsent(ctx.subject.consents, recipient.recipientId, row.purpose, ctx.at, rule.category)
  ) {
    return 'CONSENT_REQUIRED';
  }
  return null;
}

/**
 * Whether a field needs a consent that names its category. Sensitive data always does (Safe
 * Harbor "Choice"; authorities exempt). Where the matrix row takes consent instead of an
 * opt-out (third-party sites), the consent's categories bound the share too — a consent to
 * pass on a name does not carry the email — once a live consent exists at all; without one,
 * check 11 denies the request and is the reason given.
 */
function needsConsent(ctx: CheckContext, rule: { sensitive: boolean; category: string }): boolean {
  const { kind, row, recipient, subject } = ctx;
  if (kind.exempt.has('CONSENT_REQUIRED') || row === undefined) return false;
  if (rule.sensitive) return true;
  return (
    row.consentInstead &&
    hasLiveConsent(subject.consents, recipient.recipientId, row.purpose, ctx.at)
  );
}

/** A field reason; CATEGORY_NOT_PERMITTED cites the matrix row it was judged against. */
function fieldReason(ctx: CheckContext, code: FieldCode, field: string): Reason {
  const citation =
    code === 'CATEGORY_NOT_PERMITTED' && ctx.row !== undefined
      ? ctx.row
      : ctx.policy.fieldCitations[code];
  return { code, field, rule: citation.rule, clause: citation.clause };
}
