/**
 * What a fragment schema carries besides JSON Schema, under symbol keys: JSON Schema output,
 * `JSON.stringify` and ajv all ignore symbols (TypeBox keeps its own `Kind` the same way), so
 * neither the published schemas nor the compiled validators see them. `explain` reads them.
 */
import type { TSchema } from '@sinclair/typebox';

/** The object a property belongs to, as a rule sees it. */
export type Owner = Readonly<Record<string, unknown>>;

/** The problem named in a refused property's error line: fixed, or picked from the value. */
export type Problem = string | ((value: unknown, owner: Owner) => string);

const PROBLEM = Symbol('onward.problem');
const REFINE = Symbol('onward.refine');
const DEFINITIONS = Symbol('onward.definitions');
const REF_NOTE = Symbol('onward.refNote');

/** Named definitions (`#/definitions/<name>`) a schema refers to. */
export type Definitions = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

interface Annotated {
  [PROBLEM]?: Problem;
  [REFINE]?: (value: unknown, owner: Owner) => boolean;
  [DEFINITIONS]?: Definitions;
  [REF_NOTE]?: string;
}

const notes = (schema: TSchema): Annotated => schema as Annotated;

/** `schema` with the problem its error line names; never a value. */
export function withProblem<T extends TSchema>(schema: T, problem: Problem): T {
  return Object.assign(schema, { [PROBLEM]: problem });
}

/**
 * `schema` with a rule JSON Schema cannot state (one timestamp after a sibling). The accept path
 * runs such rules as a message's `refine`; `explain` runs this one to name the property.
 */
export function withRefinement<T extends TSchema>(
  schema: T,
  holds: (value: unknown, owner: Owner) => boolean,
): T {
  return Object.assign(schema, { [REFINE]: holds });
}

/** `schema` with the definitions its `$ref`s point to, hoisted into the message's schema. */
export function withDefinitions<T extends TSchema>(schema: T, definitions: Definitions): T {
  return Object.assign(schema, { [DEFINITIONS]: definitions });
}

/**
 * A titled object used as one property, with a description of that use: published as
 * `{"$ref": …, "description": note}`, the definition keeping its own description.
 */
export function withRefNote<T extends TSchema>(schema: T, note: string): T {
  return { ...schema, [REF_NOTE]: note };
}

/** The problem of `schema`, if it has one. */
export const problemOf = (schema: TSchema): Problem | undefined => notes(schema)[PROBLEM];
/** The refinement of `schema`, if it has one. */
export const refinementOf = (schema: TSchema) => notes(schema)[REFINE];
/** The definitions `schema` refers to, if any. */
export const definitionsOf = (schema: TSchema): Definitions | undefined =>
  notes(schema)[DEFINITIONS];
/** The description of a titled object's use as a property, if any. */
export const refNoteOf = (schema: TSchema): string | undefined => notes(schema)[REF_NOTE];
