/**
 * The compiled validators of the five wire messages of DESIGN §3: one ajv validator per
 * message, compiled once from the message's TypeBox definition (the JSON Schema published in
 * `libs/contracts/schemas/` and asyncapi.yaml), plus the ordering rules JSON Schema cannot
 * state. A refused message is explained from the same definition (`explain`).
 */
import { AuditEventSchema } from './audit-event.message';
import { compileMessage } from './compile-message';
import { recipientInOrder, subjectInOrder } from './ordering-rules';
import { RecipientSchema } from './recipient.message';
import { ShareRequestSchema } from './share-request.message';
import { ShareSchema } from './share.message';
import { SubjectProfileSchema } from './subject.message';

/** ShareRequest (`privacy.share-requests`). */
export const SHARE_REQUEST = compileMessage(ShareRequestSchema);
/** Recipient (`privacy.recipients`). */
export const RECIPIENT = compileMessage(RecipientSchema, { refine: recipientInOrder });
/** SubjectProfile (`privacy.subjects`). */
export const SUBJECT_PROFILE = compileMessage(SubjectProfileSchema, { refine: subjectInOrder });
/** Share (`privacy.shares.<recipientId>`). */
export const SHARE = compileMessage(ShareSchema);
/** AuditEvent (`privacy.audit`). */
export const AUDIT_EVENT = compileMessage(AuditEventSchema);
