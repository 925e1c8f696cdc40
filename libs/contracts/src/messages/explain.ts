/**
 * Why a message was refused, in the contract's pinned error lines, rebuilt from the message's
 * schema and the value (never by echoing the value): unknown properties first, then each
 * declared property in declaration order, one line each (`is required`, `must not be null`, or
 * the problem its fragment names); nested objects and arrays of objects recurse with paths
 * like `legalBasis.kind` or `consents[0].givenAt`. Runs only on refused messages.
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import type { ValidateFunction } from 'ajv';
import { type Owner, problemOf, refinementOf } from './annotations';
import { ajvErrorLines, contractAjv } from './contract-ajv';
import { type JsonSchema, jsonSchemaOf } from './json-schema';
import { type PathSegment, pathError } from '../validation/property-path';

type Properties = Readonly<Record<string, TSchema>>;

const validators = new WeakMap<object, ValidateFunction>();

/** The compiled validator of one part of a schema, compiled on the first refusal that needs it. */
function validatorOf(schema: object, owner = false): ValidateFunction {
  let validate = validators.get(schema);
  if (validate === undefined) {
    // An `if` alone names no type; it is always applied to the object that holds it.
    const json = jsonSchemaOf((owner ? { type: 'object', ...schema } : schema) as TSchema);
    validate = contractAjv.compile(json);
    validators.set(schema, validate);
  }
  return validate;
}

const accepts = (schema: object, value: unknown): boolean => validatorOf(schema)(value);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object schema `schema` is, or the object branch of an object-or-null union. */
function objectOf(schema: TSchema): TSchema | undefined {
  if (schema[Kind] === 'Object') return schema;
  const branches = (schema.anyOf ?? []) as TSchema[];
  return branches.find((b) => b[Kind] === 'Object');
}

/** The object schema of the items of an array of objects. */
function itemsObjectOf(schema: TSchema): TSchema | undefined {
  const items = schema.type === 'array' ? (schema.items as TSchema | undefined) : undefined;
  return items?.[Kind] === 'Object' ? items : undefined;
}

/** What the `allOf` conditions of an object ask of its properties, given the object. */
interface Demands {
  required: Set<string>;
  constraints: Map<string, JsonSchema[]>;
}

/**
 * The branches of the object's conditions that apply. A condition is judged only once every
 * sibling its `if` reads is present and valid: otherwise that sibling's own line explains the
 * refusal, and the dependent property is checked against its own schema only.
 */
function demandsOf(schema: TSchema, owner: Owner): Demands {
  const demands: Demands = { required: new Set(), constraints: new Map() };
  const properties = schema.properties as Properties;
  for (const condition of (schema.allOf ?? []) as JsonSchema[]) {
    const test = condition.if as JsonSchema | undefined;
    if (test === undefined) continue;
    const reads = Object.keys((test.properties ?? {}) as object);
    const judged = reads.every(
      (name) =>
        properties[name] !== undefined &&
        owner[name] !== undefined &&
        accepts(properties[name], owner[name]),
    );
    if (!judged) continue;
    const branch = (validatorOf(test, true)(owner) ? condition.then : condition.else) as
      JsonSchema | undefined;
    for (const name of (branch?.required ?? []) as string[]) demands.required.add(name);
    for (const [name, rule] of Object.entries((branch?.properties ?? {}) as JsonSchema)) {
      demands.constraints.set(name, [...(demands.constraints.get(name) ?? []), rule as JsonSchema]);
    }
  }
  return demands;
}

function valueLines(
  schema: TSchema,
  value: unknown,
  owner: Owner,
  path: PathSegment[],
  out: string[],
): void {
  const problem = problemOf(schema);
  if (problem === undefined) {
    // A fragment without a problem of its own: ajv's lines, below this property.
    validatorOf(schema)(value);
    out.push(...ajvErrorLines(validatorOf(schema).errors ?? [], path));
  } else {
    out.push(pathError(path, typeof problem === 'string' ? problem : problem(value, owner)));
  }
}

function propertyLines(
  name: string,
  schema: TSchema,
  owner: Owner,
  demands: Demands,
  required: boolean,
  path: PathSegment[],
  out: string[],
): void {
  const value = Object.hasOwn(owner, name) ? owner[name] : undefined;
  const at = [...path, name];
  const constraints = demands.constraints.get(name) ?? [];
  const fits = (v: unknown) => accepts(schema, v) && constraints.every((c) => accepts(c, v));
  if (value === undefined) {
    if (required || demands.required.has(name)) out.push(pathError(at, 'is required'));
    return;
  }
  if (value === null) {
    if (!fits(null)) out.push(pathError(at, 'must not be null'));
    return;
  }
  const object = objectOf(schema);
  if (object !== undefined) {
    if (isPlainObject(value)) objectLines(object, value, at, out);
    else out.push(pathError(at, 'must be an object'));
    return;
  }
  const items = itemsObjectOf(schema);
  if (items !== undefined) {
    if (Array.isArray(value) && value.every(isPlainObject)) {
      value.forEach((item, i) => objectLines(items, item, [...at, i], out));
    } else out.push(pathError(at, 'must be an array of objects'));
    return;
  }
  const refinement = refinementOf(schema);
  if (fits(value) && (refinement === undefined || refinement(value, owner))) return;
  valueLines(schema, value, owner, at, out);
}

function objectLines(schema: TSchema, value: Owner, path: PathSegment[], out: string[]): void {
  const properties = schema.properties as Properties;
  if (schema.additionalProperties === false) {
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(properties, key)) out.push(pathError([...path, key], 'unknown property'));
    }
  }
  const required = new Set((schema.required ?? []) as string[]);
  const demands = demandsOf(schema, value);
  for (const [name, property] of Object.entries(properties)) {
    propertyLines(name, property, value, demands, required.has(name), path, out);
  }
}

/**
 * The error lines of `value` against the object schema `schema`: empty when the schema, its
 * conditions and its refinements all accept it.
 */
export function explain(schema: TSchema, value: Owner): string[] {
  const out: string[] = [];
  objectLines(schema, value, [], out);
  return out;
}
