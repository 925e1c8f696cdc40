/**
 * JSON Schemas of the wire messages, generated from mirrors of the DTOs that are checked
 * against the DTOs themselves. The committed files live in `libs/contracts/schemas/`.
 */
export { SchemaDriftError, driftOf, dtoRules, sampleOf } from './drift';
export { generateMessageSchemas, JSON_SCHEMA_DIALECT, type MessageSchema } from './generate';
export { MESSAGE_SCHEMA_SOURCES, type MessageSchemaSource } from './messages';
export type { DtoSpec, JsonSchema, Presence, PropertySpec, Witness } from './property-spec';
