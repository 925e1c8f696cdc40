/**
 * The vocabulary the JSON Schema generator is written in. A `DtoSpec` mirrors one DTO class
 * property by property, each property built by the function named like the DTO's rule
 * (`text`, `oneOf`, …, see `fragments.ts`). The generator checks every mirror against the DTO
 * before it writes anything (see `drift.ts`), so a spec cannot silently disagree with the
 * validators that decide what is on the wire.
 */
import type { DtoClass } from '../validation/instantiate';

/** A draft-07 JSON Schema, as plain JSON. */
export type JsonSchema = { [keyword: string]: unknown };

/** "Optional (or nullable) unless `property` equals `equals`", e.g. `fields` unless `kind` is `contractor`. */
export interface Unless {
  unless: { property: string; equals: string };
}

/** Whether a property may be absent or null; both default to false, as in the DTO rules. */
export interface Presence {
  optional?: boolean | Unless;
  nullable?: boolean | Unless;
}

/**
 * A value the DTO must accept (or refuse) for the property, with sibling values that override
 * the DTO's sample first (`owner`). `undefined` means "the property is absent".
 */
export interface Witness {
  value: unknown;
  owner?: Record<string, unknown>;
}

/** One property of a DTO as the generator sees it. */
export interface PropertySpec {
  /** The class-validator constraint name of the DTO's rule for this property. */
  rule: string;
  /** Schema of a present, non-null value. */
  schema: JsonSchema;
  presence: Presence;
  /** A value the DTO accepts in its sample context (nested properties: computed). */
  sample?: unknown;
  accepts: Witness[];
  rejects: Witness[];
  /** The closed vocabulary, when the property is an enumeration (used by `unless`). */
  values?: readonly string[];
  /** The nested DTO, for `nested` and `nestedList`. */
  nested?: { spec: DtoSpec; list: boolean };
  /**
   * Conditions on the owner that one property cannot state alone (`allOf` entries). When set,
   * they replace the ones the generator derives from an `Unless` presence.
   */
  conditions?: (property: string) => JsonSchema[];
  /** Schemas this property refers to with `#/definitions/<name>`. */
  definitions?: Record<string, JsonSchema>;
}

/** A DTO class and its mirror. */
export interface DtoSpec {
  dto: DtoClass<object>;
  /** The message or definition name (`ShareRequest`, `PolicyRef`). */
  title: string;
  description: string;
  properties: Record<string, PropertySpec>;
}

/** Declares the mirror of `dto`; property order must be the DTO's declaration order. */
export function dtoSpec(
  dto: DtoClass<object>,
  title: string,
  description: string,
  properties: Record<string, PropertySpec>,
): DtoSpec {
  return { dto, title, description, properties };
}

/** Adds a description to a property's schema (the DTO's JSDoc, in a partner's words). */
export function described(spec: PropertySpec, description: string): PropertySpec {
  const own = spec.schema.description;
  const text = typeof own === 'string' ? `${description} ${own}` : description;
  return { ...spec, schema: { ...spec.schema, description: text } };
}

/** `{ optional: unless(property, equals) }`: the presence depends on a sibling's value. */
export function unless(property: string, equals: string): Unless {
  return { unless: { property, equals } };
}
