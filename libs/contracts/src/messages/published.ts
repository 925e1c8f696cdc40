/**
 * The five wire messages of DESIGN §3 and their published JSON Schemas, rendered from the
 * TypeBox definitions (the one place each message is written down). The committed files in
 * `libs/contracts/schemas/` are these, written by `npm run contracts:schemas`.
 */
import type { TSchema } from '@sinclair/typebox';
import { DEFAULT_PARSE_LIMITS } from '../validation/limits';
import { AuditEventSchema } from './audit-event.message';
import { type JsonSchema, jsonSchemaOf } from './json-schema';
import { RecipientSchema } from './recipient.message';
import { ShareRequestSchema } from './share-request.message';
import { ShareSchema } from './share.message';
import { SubjectProfileSchema } from './subject.message';

/** A wire message: its DESIGN §3 name, its schema file under `libs/contracts/schemas/`. */
export interface WireMessage {
  name: string;
  file: string;
  schema: TSchema;
}

/** The five messages of DESIGN §3, in the order of the design. */
export const WIRE_MESSAGES: readonly WireMessage[] = Object.freeze([
  { name: 'ShareRequest', file: 'share-request.schema.json', schema: ShareRequestSchema },
  { name: 'Recipient', file: 'recipient.schema.json', schema: RecipientSchema },
  { name: 'SubjectProfile', file: 'subject-profile.schema.json', schema: SubjectProfileSchema },
  { name: 'Share', file: 'share.schema.json', schema: ShareSchema },
  { name: 'AuditEvent', file: 'audit-event.schema.json', schema: AuditEventSchema },
]);

/** What the parser refuses beyond JSON Schema, said in every published schema. */
export const LIMITS_NOTE =
  `The contract's parser also refuses what JSON Schema cannot state: a value over ` +
  `${DEFAULT_PARSE_LIMITS.maxBytes} bytes, nesting deeper than ${DEFAULT_PARSE_LIMITS.maxDepth} ` +
  `levels, and strings holding lone UTF-16 surrogates.`;

/** One published schema: the message name, its file name and the schema itself. */
export interface PublishedSchema {
  name: string;
  file: string;
  schema: JsonSchema;
}

/** The published JSON Schema of one message (what ajv compiles, what the files hold). */
export function publishedSchemaOf(schema: TSchema): JsonSchema {
  return jsonSchemaOf(schema, { note: LIMITS_NOTE });
}

/** The published JSON Schema of every wire message. */
export function publishedSchemas(): PublishedSchema[] {
  return WIRE_MESSAGES.map(({ name, file, schema }) => ({
    name,
    file,
    schema: publishedSchemaOf(schema),
  }));
}
