import { Inject, Injectable } from '@nestjs/common';
import {
  canonicalShare,
  decodeRecordKey,
  eventIdFor,
  MESSAGE_TYPE_HEADER,
  MESSAGE_TYPES,
  parseShareRequest,
  SHARE_HEADERS,
  sha256OfText,
  shareIdFor,
  shareTopicFor,
  unclassifiedFieldKey,
  type AuditEventBody,
  type Share,
  type ShareRequest,
} from '@app/contracts';
import { decide, preparePseudonymKey, type CompiledPolicy, type Decision } from '@app/policy';
import { type IHeaders, ONWARD_ENV } from '@app/runtime';
import type { KeyObject } from 'node:crypto';
import { GATEWAY_POLICY, GATEWAY_PSEUDONYM_KEY } from '../config/gateway-config.constants';
import type { GatewayEnv } from '../config/gateway-env';
import { RecipientsRegistry } from '../state/recipients.registry';
import { SubjectsRegistry } from '../state/subjects.registry';
import { auditFieldsOf } from './audit-fields';
import { auditEventTooLarge, OUTPUT_HEADROOM_BYTES } from './output-size';
import { readableIds, REJECTION_CITATION, type Rejection } from './rejection';

/** One input record as read from the requests topic. */
export interface InputRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
  /** The record's Kafka timestamp (epoch ms, as kafkajs gives it), for end-to-end latency. */
  timestamp?: string;
}

/** A record to write, topic and all. */
export interface OutputRecord {
  topic: string;
  key: string | Buffer | null;
  /** Encoded once here, so that neither sizing nor kafkajs encodes a string again. */
  value: Buffer;
  headers: IHeaders;
}

/** A share to write: its key is the subjectRef the recipient receives. */
export interface ShareRecord extends OutputRecord {
  key: string;
}

/** What one input record turns into: always an audit event, plus a share or a DLQ record. */
export interface ProcessedRecord {
  audit: AuditEventBody;
  share: ShareRecord | null;
  dlq: Rejection | null;
}

/**
 * The gateway's per-record logic, with no Kafka in it: validate, decide against the current
 * state, minimise, and describe the share and the audit event. Deterministic but for `now`.
 */
@Injectable()
export class ShareRequestProcessor {
  /** Key of the tokens that stand for unclassified field names in audit events. */
  private readonly fieldKey: Buffer;
  /** The pseudonym key prepared once: every research decision computes an HMAC with it. */
  private readonly preparedKey: KeyObject;

  constructor(
    @Inject(GATEWAY_POLICY) private readonly policy: CompiledPolicy,
    @Inject(GATEWAY_PSEUDONYM_KEY) pseudonymKey: Buffer,
    @Inject(ONWARD_ENV) private readonly env: GatewayEnv,
    private readonly recipients: RecipientsRegistry,
    private readonly subjects: SubjectsRegistry,
  ) {
    this.fieldKey = unclassifiedFieldKey(pseudonymKey);
    this.preparedKey = preparePseudonymKey(pseudonymKey);
  }

  /** Decides one record at `now`. */
  process(record: InputRecord, now: Date): ProcessedRecord {
    const maxBytes = this.env.ONWARD_MAX_MESSAGE_BYTES;
    // The key first: an oversize or non-UTF-8 key is refused before anything reads it further.
    const key = decodeRecordKey(record.key);
    if (!key.ok) return this.reject(record, now, { code: key.code, errors: [key.error] });
    if (record.value === null) {
      return this.reject(record, now, {
        code: 'INVALID_JSON',
        errors: ['(record): value is null'],
      });
    }
    const parsed = parseShareRequest(record.value, { maxBytes });
    if (!parsed.ok) return this.reject(record, now, { code: parsed.code, errors: parsed.errors });
    const request = parsed.value;
    if (key.key !== request.subjectId) {
      return this.reject(record, now, {
        code: 'KEY_MISMATCH',
        errors: ['subjectId: differs from the record key'],
      });
    }
    const decision = decide(
      this.policy,
      {
        request,
        recipient: this.recipients.get(request.recipientId),
        subject: this.subjects.get(request.subjectId),
      },
      now,
      { pseudonymKey: this.preparedKey },
    );
    const out =
      decision.decision === 'allow'
        ? this.allowed(request, decision, now)
        : { audit: this.auditOf(request, decision, null, null, now), share: null, dlq: null };
    const oversize = this.oversizeOutput(out, request);
    return oversize ? this.reject(record, now, oversize) : out;
  }

  /**
   * A share or audit event Kafka would refuse (e.g. a request with tens of thousands of field
   * names) would abort the batch on every retry and stall the partition: such a request is
   * refused instead, so that bad input always ends in the DLQ.
   */
  private oversizeOutput(out: ProcessedRecord, request: ShareRequest): Rejection | null {
    const limit = this.env.ONWARD_MAX_MESSAGE_BYTES + OUTPUT_HEADROOM_BYTES;
    const shareBytes = out.share ? out.share.value.length : 0;
    const part =
      shareBytes > limit
        ? 'share'
        : auditEventTooLarge(out.audit, Object.keys(request.data), limit)
          ? 'audit event'
          : null;
    if (part === null) return null;
    return {
      code: 'MESSAGE_TOO_LARGE',
      errors: [`(record): its ${part} would exceed ${limit} bytes`],
    };
  }

  private allowed(request: ShareRequest, decision: Decision, now: Date): ProcessedRecord {
    const share: Share = {
      shareId: shareIdFor(request.requestId, request.recipientId),
      requestId: request.requestId,
      recipientId: request.recipientId,
      purpose: request.purpose,
      subjectRef: decision.subjectRef,
      data: decision.data,
      policy: decision.policy,
      sharedAt: now.toISOString(),
    };
    // The trace headers (the decision's traceparent) are added with the audit event's, in
    // batch-output.ts: tracing is the pipeline's business, not the per-record logic's.
    const headers: IHeaders = {
      [MESSAGE_TYPE_HEADER]: MESSAGE_TYPES.share,
      [SHARE_HEADERS.shareId]: share.shareId,
      [SHARE_HEADERS.policyVersion]: share.policy.version,
    };
    // The delivered bytes are the canonical form, so its digest is the share's digest
    // (sha256Digest(share)) without serialising the share a second time.
    const text = canonicalShare(share);
    return {
      audit: this.auditOf(request, decision, share.shareId, sha256OfText(text), now),
      share: {
        topic: shareTopicFor(this.env.ONWARD_TOPIC_PREFIX, request.recipientId),
        key: share.subjectRef,
        value: Buffer.from(text, 'utf8'),
        headers,
      },
      dlq: null,
    };
  }

  private auditOf(
    request: ShareRequest,
    decision: Decision,
    shareId: string | null,
    payloadDigest: string | null,
    now: Date,
  ): AuditEventBody {
    const { reasons, fieldsWithheld } = auditFieldsOf(decision, this.fieldKey);
    return {
      eventId: eventIdFor({ requestId: request.requestId, recipientId: request.recipientId }),
      type: decision.decision === 'allow' ? 'share.allowed' : 'share.denied',
      requestId: request.requestId,
      subjectId: request.subjectId,
      recipientId: request.recipientId,
      purpose: request.purpose,
      producer: request.producer,
      decision: decision.decision,
      reasons,
      fieldsShared: decision.fieldsShared,
      fieldsWithheld,
      categoriesShared: decision.categoriesShared,
      transferMechanism: decision.transferMechanism,
      directMarketing: decision.directMarketing,
      shareId,
      payloadDigest,
      policy: decision.policy,
      decidedAt: now.toISOString(),
    };
  }

  private reject(record: InputRecord, now: Date, rejection: Rejection): ProcessedRecord {
    const ids = readableIds(record.value, this.env.ONWARD_MAX_MESSAGE_BYTES);
    const audit: AuditEventBody = {
      eventId: eventIdFor({
        topic: record.topic,
        partition: record.partition,
        offset: record.offset,
      }),
      type: 'request.rejected',
      ...ids,
      decision: 'reject',
      reasons: [{ code: rejection.code, ...REJECTION_CITATION }],
      fieldsShared: [],
      fieldsWithheld: [],
      categoriesShared: [],
      transferMechanism: null,
      directMarketing: false,
      shareId: null,
      payloadDigest: null,
      policy: this.policy.ref,
      decidedAt: now.toISOString(),
    };
    return { audit, share: null, dlq: rejection };
  }
}
