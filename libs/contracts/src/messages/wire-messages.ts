/**
 * The compiled validators of the five wire messages of DESIGN §3. The accept path is one ajv
 * validator per message, compiled here once from the message's published JSON Schema (the
 * one in `libs/contracts/schemas/` and asyncapi.yaml), plus the ordering rules JSON Schema
 * cannot state. Only a refused message goes through the class-validator DTO, whose error lines
 * (one per bad property, in declaration order) are the contract's pinned error format.
 */
import { Type } from '@sinclair/typebox';
import type { AuditEvent } from '../audit-event';
import { AuditEventDto } from '../dto/audit-event.dto';
import { RecipientDto } from '../dto/recipient.dto';
import { ShareRequestDto } from '../dto/share-request.dto';
import { ShareDto } from '../dto/share.dto';
import { SubjectProfileDto } from '../dto/subject.dto';
import type { Recipient } from '../recipient';
import { publishedMessageSchemas } from '../schema/generate';
import type { Share } from '../share';
import type { ShareRequest } from '../share-request';
import type { SubjectProfile } from '../subject';
import type { DtoClass } from '../validation/instantiate';
import type { JsonObject } from '../validation/json-input';
import { schemaErrors } from '../validation/schema-validator';
import { compileMessage, type CompiledMessage } from './compile-message';
import { recipientInOrder, subjectInOrder } from './ordering-rules';

const SCHEMAS = new Map(publishedMessageSchemas().map((m) => [m.name, m.schema]));

function compiled<T>(
  name: string,
  dto: DtoClass<object>,
  refine?: (value: JsonObject) => boolean,
): CompiledMessage<T> {
  const schema = SCHEMAS.get(name);
  if (!schema) throw new Error(`no JSON Schema for ${name}`);
  return compileMessage(Type.Unsafe<T>(schema), {
    refine,
    explain: (value) => schemaErrors(dto, value),
  });
}

/** ShareRequest (`privacy.share-requests`). */
export const SHARE_REQUEST = compiled<ShareRequest>('ShareRequest', ShareRequestDto);
/** Recipient (`privacy.recipients`). */
export const RECIPIENT = compiled<Recipient>('Recipient', RecipientDto, recipientInOrder);
/** SubjectProfile (`privacy.subjects`). */
export const SUBJECT_PROFILE = compiled<SubjectProfile>(
  'SubjectProfile',
  SubjectProfileDto,
  subjectInOrder,
);
/** Share (`privacy.shares.<recipientId>`). */
export const SHARE = compiled<Share>('Share', ShareDto);
/** AuditEvent (`privacy.audit`). */
export const AUDIT_EVENT = compiled<AuditEvent>('AuditEvent', AuditEventDto);
