/**
 * Writes the JSON Schemas (draft-07, the dialect AsyncAPI 3 tools read) of the messages of
 * DESIGN §3 from their DTO mirrors, once `drift.ts` has found no disagreement with the DTOs.
 * Pure: returns objects; `scripts/contracts/generate-schemas.ts` writes the files.
 */
import { DEFAULT_PARSE_LIMITS } from '../validation/limits';
import { driftOf, SchemaDriftError } from './drift';
import { MESSAGE_SCHEMA_SOURCES, type MessageSchemaSource } from './messages';
import type { DtoSpec, JsonSchema, PropertySpec, Unless } from './property-spec';

/** The JSON Schema dialect of every generated file. */
export const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

/** One generated schema: the message name, its file name and the schema itself. */
export interface MessageSchema {
  name: string;
  file: string;
  schema: JsonSchema;
}

const LIMITS_NOTE =
  `The contract's parser also refuses what JSON Schema cannot state: a value over ` +
  `${DEFAULT_PARSE_LIMITS.maxBytes} bytes, nesting deeper than ${DEFAULT_PARSE_LIMITS.maxDepth} ` +
  `levels, and strings holding lone UTF-16 surrogates.`;

function when({ unless }: Unless): JsonSchema {
  return {
    properties: { [unless.property]: { const: unless.equals } },
    required: [unless.property],
  };
}

function withNull(schema: JsonSchema): JsonSchema {
  const { description, ...rest } = schema;
  if (typeof rest.type === 'string' && !('enum' in rest) && !('const' in rest)) {
    return { ...schema, type: [rest.type, 'null'] };
  }
  const anyOf = [rest, { type: 'null' }];
  return description === undefined ? { anyOf } : { description, anyOf };
}

function propertySchema(property: PropertySpec): JsonSchema {
  return property.presence.nullable ? withNull(property.schema) : property.schema;
}

function conditionsOf(name: string, property: PropertySpec): JsonSchema[] {
  if (property.conditions) return property.conditions(name);
  const { optional, nullable } = property.presence;
  const out: JsonSchema[] = [];
  if (typeof optional === 'object') out.push({ if: when(optional), then: { required: [name] } });
  if (typeof nullable === 'object') {
    out.push({ if: when(nullable), then: { properties: { [name]: { not: { type: 'null' } } } } });
  }
  return out;
}

/** The object schema of one DTO, without `definitions`. */
function objectSchema(spec: DtoSpec): JsonSchema {
  const entries = Object.entries(spec.properties);
  const conditions = entries.flatMap(([name, property]) => conditionsOf(name, property));
  return {
    title: spec.title,
    description: spec.description,
    type: 'object',
    additionalProperties: false,
    required: entries.filter(([, p]) => !p.presence.optional).map(([name]) => name),
    properties: Object.fromEntries(entries.map(([name, p]) => [name, propertySchema(p)])),
    ...(conditions.length > 0 ? { allOf: conditions } : {}),
  };
}

/** The definitions a DTO's schema refers to, nested DTOs first-seen first. */
function definitionsOf(spec: DtoSpec, into: Record<string, JsonSchema> = {}) {
  for (const property of Object.values(spec.properties)) {
    Object.assign(into, property.definitions);
    const inner = property.nested?.spec;
    if (inner && !(inner.title in into)) {
      into[inner.title] = objectSchema(inner);
      definitionsOf(inner, into);
    }
  }
  return into;
}

function messageSchema(spec: DtoSpec): JsonSchema {
  const { title, description, ...schema } = objectSchema(spec);
  const definitions = definitionsOf(spec);
  return {
    $schema: JSON_SCHEMA_DIALECT,
    title,
    description: `${description} ${LIMITS_NOTE}`,
    ...schema,
    ...(Object.keys(definitions).length > 0 ? { definitions } : {}),
  };
}

/**
 * The JSON Schema of every message of DESIGN §3 (or of `sources`). Throws `SchemaDriftError`,
 * listing every disagreement, when a DTO no longer matches its mirror in `messages.ts`.
 */
export function generateMessageSchemas(
  sources: readonly MessageSchemaSource[] = MESSAGE_SCHEMA_SOURCES,
): MessageSchema[] {
  const seen = new Set<DtoSpec>();
  const problems = sources.flatMap((source) => driftOf(source.spec, seen));
  if (problems.length > 0) throw new SchemaDriftError(problems);
  return sources.map(({ name, file, spec }) => ({
    name,
    file,
    schema: messageSchema(spec),
  }));
}

/**
 * The same schemas without the drift check, for run time: the check runs every DTO against
 * its mirror (about a second), and the tests and `contracts:schemas` already run it.
 */
export function publishedMessageSchemas(
  sources: readonly MessageSchemaSource[] = MESSAGE_SCHEMA_SOURCES,
): MessageSchema[] {
  return sources.map(({ name, file, spec }) => ({ name, file, schema: messageSchema(spec) }));
}
