// The types of an AuditEvent, kept at this path for `@app/contracts/audit-event` imports; the
// message is defined once, in messages/audit-event.message.ts.
export type {
  AuditEvent,
  NoticeRecord,
  Reason,
  TransferMechanismRecord,
} from './messages/audit-event.message';
