/**
 * Renders a message's TypeBox schema as the draft-07 JSON Schema it is published as (the
 * dialect AsyncAPI 3 tools read) and compiled from: every titled object becomes a
 * `definitions` entry behind a `$ref` (first seen, first listed), a fragment's own
 * definitions (`JsonValue`) are hoisted the same way, and keys come in a fixed, readable order.
 * Pure: `scripts/contracts/generate-schemas.ts` writes the files.
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import { definitionsOf, refNoteOf } from './annotations';

/** A draft-07 JSON Schema, as plain JSON. */
export type JsonSchema = { [keyword: string]: unknown };

/** The JSON Schema dialect of every published schema. */
export const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

// Keys of an object schema, in the order they are published; others follow as they come.
const OBJECT_KEYS = [
  '$schema',
  '$id',
  'title',
  'description',
  'type',
  'additionalProperties',
  'required',
  'properties',
  'allOf',
];

type Definitions = Record<string, JsonSchema>;

function isObjectSchema(schema: TSchema): boolean {
  return schema[Kind] === 'Object';
}

function isHoisted(schema: TSchema): boolean {
  return isObjectSchema(schema) && typeof schema.title === 'string';
}

/** The plain keys of `schema` in `order` first, then the rest; symbols are left behind. */
function ordered(schema: JsonSchema, order: readonly string[]): [string, unknown][] {
  const keys = Object.keys(schema);
  const first = order.filter((k) => keys.includes(k));
  return [...first, ...keys.filter((k) => !order.includes(k))].map((k) => [k, schema[k]]);
}

// A description opens a record or a union (it names the whole) and closes a value's rules.
function keyOrder(schema: JsonSchema): readonly string[] {
  if ('title' in schema || (schema.type === 'object' && 'properties' in schema)) return OBJECT_KEYS;
  const keys = Object.keys(schema).filter((k) => k !== 'description');
  return 'anyOf' in schema ? ['description', ...keys] : [...keys, 'description'];
}

function renderValue(value: unknown, definitions: Definitions): unknown {
  if (Array.isArray(value)) return value.map((item) => renderValue(item, definitions));
  if (typeof value !== 'object' || value === null) return value;
  return render(value as TSchema, definitions);
}

// `properties` maps names to schemas: the names keep their declaration order.
function renderProperties(properties: JsonSchema, definitions: Definitions): JsonSchema {
  const out: JsonSchema = {};
  for (const [name, value] of Object.entries(properties)) {
    out[name] = renderValue(value, definitions);
  }
  return out;
}

function renderObject(schema: TSchema, definitions: Definitions): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of ordered(schema, keyOrder(schema))) {
    out[key] =
      key === 'properties'
        ? renderProperties(value as JsonSchema, definitions)
        : renderValue(value, definitions);
  }
  return out;
}

function render(schema: TSchema, definitions: Definitions): JsonSchema {
  if (isHoisted(schema)) {
    const title = schema.title as string;
    if (!(title in definitions)) {
      definitions[title] = {}; // claims the slot first: definitions list in first-seen order
      definitions[title] = renderObject(schema, definitions);
    }
    const note = refNoteOf(schema);
    const ref = { $ref: `#/definitions/${title}` };
    return note === undefined ? ref : { ...ref, description: note };
  }
  return renderOwn(schema, definitions);
}

/** `schema` itself (never a `$ref`), the definitions it carries hoisted. */
function renderOwn(schema: TSchema, definitions: Definitions): JsonSchema {
  for (const [name, definition] of Object.entries(definitionsOf(schema) ?? {})) {
    if (!(name in definitions)) definitions[name] = structuredClone(definition) as JsonSchema;
  }
  return renderObject(schema, definitions);
}

/** Options of {@link jsonSchemaOf}. */
export interface JsonSchemaOptions {
  /** Appended to the root description (what the parser refuses beyond JSON Schema). */
  note?: string;
}

/** The published JSON Schema of the message `schema` (an object schema). */
export function jsonSchemaOf(schema: TSchema, options: JsonSchemaOptions = {}): JsonSchema {
  const definitions: Definitions = {};
  const root = renderOwn(schema, definitions);
  const { title, description, ...rest } = root;
  const described =
    options.note === undefined || typeof description !== 'string'
      ? description
      : `${description} ${options.note}`;
  return {
    $schema: JSON_SCHEMA_DIALECT,
    ...(title === undefined ? {} : { title }),
    ...(described === undefined ? {} : { description: described }),
    ...rest,
    ...(Object.keys(definitions).length > 0 ? { definitions } : {}),
  };
}
