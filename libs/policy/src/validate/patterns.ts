/** Shapes of the identifiers a policy file uses (validation only, never per request). */

/** A policy id: `coursera-privacy`. */
export const POLICY_ID = /^[a-z0-9][a-z0-9._-]*$/;
/** A stable rule id: `check.opt_out`, `matrix.research`. */
export const RULE_ID = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$/;
/** A top-level data field name; excludes `__proto__` and other non-identifiers. */
export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** A purpose or a legal-basis kind: `course_administration`. */
export const SNAKE = /^[a-z][a-z0-9_]*$/;
/** A category prefix: `restricted.`. */
export const CATEGORY_PREFIX = /^[a-z][a-z0-9_]*\.$/;
/** An ISO 3166-1 alpha-2 country code. */
export const COUNTRY = /^[A-Z]{2}$/;
