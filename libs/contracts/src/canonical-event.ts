/**
 * Canonical JSON (RFC 8785) of the two messages the gateway builds itself, by construction:
 * the keys are written in their sorted order as literals and every string and number goes
 * through `JSON.stringify`, whose serialisation is RFC 8785's. No key sort, no copy, no walk:
 * about the cost of `JSON.stringify`. A property test holds both to the reference
 * implementation (`canonicalize`) on random messages.
 */
import type { AuditEvent, NoticeRecord, Reason, TransferMechanismRecord } from './audit-event';
import { canonicalJson } from './canonical-json';
import type { PolicyRef, Share } from './share';

const str = JSON.stringify;

/** An array of strings, or null. */
function strings(list: readonly string[]): string {
  return str(list);
}

/** `,"key":value` when `value` is defined, else nothing (RFC 8785 omits absent members). */
function optional(key: string, value: string | undefined): string {
  return value === undefined ? '' : `,"${key}":${str(value)}`;
}

function reason(r: Reason): string {
  const field = r.field === undefined ? '' : `,"field":${str(r.field)}`;
  return `{"clause":${str(r.clause)},"code":${str(r.code)}${field},"rule":${str(r.rule)}}`;
}

function transfer(t: TransferMechanismRecord | null): string {
  if (t === null) return 'null';
  const rest = `${optional('country', t.country)}${optional('reference', t.reference)}${optional('regime', t.regime)}`;
  return `{"basis":${str(t.basis)}${rest}}`;
}

/** `"notice":{…},` for a notice.sent event (v2), nothing for the others. */
function notice(n: NoticeRecord | undefined): string {
  if (n === undefined) return '';
  return (
    `"notice":{"cause":${str(n.cause)},"digest":${str(n.digest)},"kind":${str(n.kind)}` +
    `,"noticeId":${str(n.noticeId)},"purposes":${strings(n.purposes)}},`
  );
}

function policyRef(p: PolicyRef): string {
  return `{"digest":${str(p.digest)},"id":${str(p.id)},"version":${str(p.version)}}`;
}

/**
 * The canonical JSON of an audit event without `hash`, split where `hash` sorts in: `head`
 * holds the members before it (ending without a comma), `tail` those after (starting without
 * one), so that `head + "," + tail` is what the chain hashes and
 * `head + ',"hash":…,' + tail` is the whole event's canonical form.
 */
export function canonicalEventParts(e: Omit<AuditEvent, 'hash'>): { head: string; tail: string } {
  const head =
    `{"categoriesShared":${strings(e.categoriesShared)},"decidedAt":${str(e.decidedAt)}` +
    `,"decision":${str(e.decision)},"directMarketing":${str(e.directMarketing)}` +
    `,"eventId":${str(e.eventId)},"fieldsShared":${strings(e.fieldsShared)}` +
    `,"fieldsWithheld":${strings(e.fieldsWithheld)}`;
  const tail =
    `${notice(e.notice)}"partition":${str(e.partition)},"payloadDigest":${str(e.payloadDigest)}` +
    `,"policy":${policyRef(e.policy)},"prevHash":${str(e.prevHash)}` +
    `,"producer":${str(e.producer)},"purpose":${str(e.purpose)}` +
    `,"reasons":[${e.reasons.map(reason).join(',')}],"recipientId":${str(e.recipientId)}` +
    `,"requestId":${str(e.requestId)},"seq":${str(e.seq)},"shareId":${str(e.shareId)}` +
    `,"subjectId":${str(e.subjectId)},"transferMechanism":${transfer(e.transferMechanism)}` +
    `,"type":${str(e.type)}}`;
  return { head, tail };
}

/** The canonical JSON of a share; only its payload `data` needs the general canonicaliser. */
export function canonicalShare(s: Share): string {
  return (
    `{"data":${canonicalJson(s.data)},"policy":${policyRef(s.policy)}` +
    `,"purpose":${str(s.purpose)},"recipientId":${str(s.recipientId)}` +
    `,"requestId":${str(s.requestId)},"shareId":${str(s.shareId)}` +
    `,"sharedAt":${str(s.sharedAt)},"subjectRef":${str(s.subjectRef)}}`
  );
}
