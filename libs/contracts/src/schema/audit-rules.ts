/**
 * Mirrors of the two AuditEvent rules that tie one property to another (`dto/audit-event.dto.ts`):
 * the decision its type implies, and a share id / digest present exactly when allowed.
 */
import {
  AUDIT_DECISIONS,
  AUDIT_EVENT_TYPES,
  type AuditDecision,
  DECISION_OF_EVENT_TYPE,
} from '../vocabulary';
import { type JsonSchema, type PropertySpec, unless, type Witness } from './property-spec';

const ALLOW: AuditDecision = 'allow';

function when(property: string, equals: string): JsonSchema {
  return { properties: { [property]: { const: equals } }, required: [property] };
}

/** `decision`: one of the decisions, and the one `DECISION_OF_EVENT_TYPE` gives its `type`. */
export function decisionOfType(typeProperty: string): PropertySpec {
  const pairs = AUDIT_EVENT_TYPES.flatMap((type) =>
    AUDIT_DECISIONS.map((decision) => ({ type, decision })),
  );
  const matches = ({ type, decision }: (typeof pairs)[number]): boolean =>
    DECISION_OF_EVENT_TYPE[type] === decision;
  const witness = ({ type, decision }: (typeof pairs)[number]): Witness => ({
    value: decision,
    owner: { [typeProperty]: type },
  });
  return {
    rule: 'decisionOfType',
    schema: {
      type: 'string',
      enum: [...AUDIT_DECISIONS],
      description: `Implied by \`${typeProperty}\`: ${AUDIT_EVENT_TYPES.map((t) => `${t} → ${DECISION_OF_EVENT_TYPE[t]}`).join(', ')}.`,
    },
    presence: {},
    sample: DECISION_OF_EVENT_TYPE[AUDIT_EVENT_TYPES[0]],
    values: AUDIT_DECISIONS,
    accepts: pairs.filter(matches).map(witness),
    rejects: [...pairs.filter((p) => !matches(p)).map(witness), { value: 'ALLOW' }],
    conditions: (property) =>
      AUDIT_EVENT_TYPES.map((type) => ({
        if: when(typeProperty, type),
        then: { properties: { [property]: { const: DECISION_OF_EVENT_TYPE[type] } } },
      })),
  };
}

/** The format of the value `onlyWhenAllowed` guards, as `derivedIdParts` gives it. */
export interface GuardedFormat {
  rule: string;
  schema: JsonSchema;
  sample: string;
  accepts: unknown[];
  rejects: unknown[];
}

/**
 * `shareId` / `payloadDigest`: a value of `format` when `decision` is allow, null otherwise.
 * Required in both cases: a reader never has to tell "absent" from "not shared".
 */
export function onlyWhenAllowed(decisionProperty: string, format: GuardedFormat): PropertySpec {
  const allowed = { [decisionProperty]: ALLOW };
  const others = AUDIT_DECISIONS.filter((d) => d !== ALLOW).map((d) => ({ [decisionProperty]: d }));
  return {
    rule: format.rule,
    schema: {
      ...format.schema,
      description: `Null unless \`${decisionProperty}\` is ${ALLOW}, then required.`,
    },
    presence: { nullable: unless(decisionProperty, ALLOW) },
    sample: format.sample,
    accepts: format.accepts.map((value) => ({ value, owner: allowed })),
    rejects: [
      ...format.rejects.map((value) => ({ value, owner: allowed })),
      ...others.map((owner) => ({ value: format.sample, owner })),
    ],
    conditions: (property) => [
      {
        if: when(decisionProperty, ALLOW),
        then: { properties: { [property]: { type: 'string' } } },
        else: { properties: { [property]: { type: 'null' } } },
      },
    ],
  };
}
