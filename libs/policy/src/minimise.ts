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
    rule.sensitive &&
    !kind.exempt.has('CONSENT_REQUIRED') &&
    !hasLiveConsent(ctx.subject.consents, recipient.recipientId, row.purpose, ctx.at, rule.category)
  ) {
    return 'CONSENT_REQUIRED';
  }
  return null;
}

/** A field reason; CATEGORY_NOT_PERMITTED cites the matrix row it was judged against. */
function fieldReason(ctx: CheckContext, code: FieldCode, field: string): Reason {
  const citation =
    code === 'CATEGORY_NOT_PERMITTED' && ctx.row !== undefined
      ? ctx.row
      : ctx.policy.fieldCitations[code];
  return { code, field, rule: citation.rule, clause: citation.clause };
}
