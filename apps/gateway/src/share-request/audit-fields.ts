import { unclassifiedFieldToken, type Reason } from '@app/contracts';

/** The parts of a decision that name data fields. */
export interface FieldNaming {
  reasons: Reason[];
  fieldsWithheld: string[];
}

/**
 * The decision's field names as the audit event records them: a name the policy does not
 * classify (`UNCLASSIFIED_FIELD`) is any string a producer sent, so it is replaced by its
 * token (contracts' `unclassifiedFieldToken`) in `fieldsWithheld` and in its reason. Every
 * other name is a dictionary entry and is kept. `fieldsWithheld` stays sorted (DESIGN §5).
 */
export function auditFieldsOf(decision: FieldNaming, key: Buffer): FieldNaming {
  const tokens = new Map<string, string>();
  for (const r of decision.reasons) {
    if (r.code === 'UNCLASSIFIED_FIELD' && r.field !== undefined && !tokens.has(r.field)) {
      tokens.set(r.field, unclassifiedFieldToken(r.field, key));
    }
  }
  if (tokens.size === 0) return decision;
  const tokenOf = (field: string | undefined) =>
    field === undefined ? undefined : tokens.get(field);
  return {
    reasons: decision.reasons.map((r) => {
      const token = tokenOf(r.field);
      return token === undefined ? r : { ...r, field: token };
    }),
    fieldsWithheld: decision.fieldsWithheld.map((f) => tokens.get(f) ?? f).sort(),
  };
}
