/**
 * Rules that tie one property to a sibling, as the `allOf` entries of the object that holds
 * both (`if` the sibling has a value, `then` …). `explain` reads the same entries, judging one
 * only once the sibling it depends on is itself valid (else the sibling's own line explains).
 */
import type { TSchema } from '@sinclair/typebox';
import {
  AUDIT_DECISIONS,
  AUDIT_EVENT_TYPES,
  type AuditDecision,
  DECISION_OF_EVENT_TYPE,
} from '../vocabulary';
import { type Owner, problemOf, withProblem } from './annotations';
import { nullable, oneOf } from './fragments';

/** One `allOf` entry of an object schema. */
export type Condition = Readonly<Record<string, unknown>>;

const ALLOW: AuditDecision = 'allow';

function when(property: string, equals: string): Condition {
  return { properties: { [property]: { const: equals } }, required: [property] };
}

/** `property` is required when `sibling` equals `equals` (optional otherwise). */
export function requiredWhen(sibling: string, equals: string, property: string): Condition {
  return { if: when(sibling, equals), then: { required: [property] } };
}

/** The decision each event type implies, one condition per type. */
export function decisionOfType(typeProperty: string, property: string): Condition[] {
  return AUDIT_EVENT_TYPES.map((type) => ({
    if: when(typeProperty, type),
    then: { properties: { [property]: { const: DECISION_OF_EVENT_TYPE[type] } } },
  }));
}

/** `decision`: one of the decisions, and the one its `type` implies (see {@link decisionOfType}). */
export function decisionProperty(typeProperty: string) {
  const implied = AUDIT_EVENT_TYPES.map((t) => `${t} → ${DECISION_OF_EVENT_TYPE[t]}`).join(', ');
  const schema = {
    ...oneOf(AUDIT_DECISIONS),
    description: `Implied by \`${typeProperty}\`: ${implied}.`,
  };
  const listed = `must be one of: ${AUDIT_DECISIONS.join(', ')}`;
  return withProblem(schema, (v) => (isDecision(v) ? 'does not match type' : listed));
}

/**
 * `property` is a string when `decisionProperty` is allow, null otherwise. Required in both
 * cases: a reader never has to tell "absent" from "not shared".
 */
export function onlyWhenAllowed(decisionProperty: string, property: string): Condition {
  return {
    if: when(decisionProperty, ALLOW),
    then: { properties: { [property]: { type: 'string' } } },
    else: { properties: { [property]: { type: 'null' } } },
  };
}

/** The value {@link onlyWhenAllowed} guards: `format`, or null unless the decision is allow. */
export function allowedOnly<T extends TSchema>(decisionProperty: string, format: T) {
  const schema = {
    ...nullable(format),
    description: `Null unless \`${decisionProperty}\` is ${ALLOW}, then required.`,
  };
  const formatProblem = problemOf(format) ?? 'breaks a rule of the contract';
  const notAllowed = (owner: Owner): boolean =>
    isDecision(owner[decisionProperty]) && owner[decisionProperty] !== ALLOW;
  return withProblem(schema, (value, owner) => {
    if (notAllowed(owner)) return `must be null unless ${decisionProperty} is ${ALLOW}`;
    return typeof formatProblem === 'string' ? formatProblem : formatProblem(value, owner);
  });
}

function isDecision(v: unknown): v is AuditDecision {
  return typeof v === 'string' && (AUDIT_DECISIONS as readonly string[]).includes(v);
}
