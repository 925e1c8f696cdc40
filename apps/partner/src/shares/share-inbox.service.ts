import { parseShare } from '@app/contracts';
import { isRetriable } from '@app/runtime';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { PartnerEnv } from '../config/partner-env';
import { NoticeService } from '../notices/notice.service';
import type { NoticeAcks } from '../notices/subject-notice';
import { PARTNER_ENV, PARTNER_LOGGER } from '../partner.constants';
import { ShareStore } from '../store/share-store';
import type { InboxOutcome, InboxRecord } from './inbox-record';

/**
 * Every record of the partner's share topic comes here: dispatched on `onward.message-type`
 * (absent or `share`: a Share; `notice`: a SubjectNotice), validated against the contract,
 * then stored or applied. A record that cannot be used is skipped: logged by partition,
 * offset and reason code (never its content) and noted in the store, and the next record
 * goes on. Only a retriable failure (the store's disk, the broker) is thrown, to be retried.
 */
@Injectable()
export class ShareInboxService {
  constructor(
    @Inject(PARTNER_ENV) private readonly env: PartnerEnv,
    @Inject(PARTNER_LOGGER) private readonly logger: Logger,
    private readonly store: ShareStore,
    private readonly notices: NoticeService,
  ) {}

  /** Handles one record; `acks` sends notice acknowledgements. */
  async receive(record: InboxRecord, acks: NoticeAcks, now = new Date()): Promise<InboxOutcome> {
    try {
      const outcome = await this.dispatch(record, acks, now);
      if ('skip' in outcome) return this.skip(record, outcome.skip, outcome.violations, now);
      this.logger.info(
        { partition: record.partition, offset: record.offset, ...outcome },
        'record handled',
      );
      return outcome;
    } catch (error) {
      if (isRetriable(error)) throw error;
      // A bug or a refusal on one record must not hold back the records after it.
      this.logger.error(
        { partition: record.partition, offset: record.offset, error: nameOf(error) },
        'record failed',
      );
      return this.skip(record, 'PROCESSING_FAILED', 1, now);
    }
  }

  private async dispatch(
    record: InboxRecord,
    acks: NoticeAcks,
    now: Date,
  ): Promise<InboxOutcome | { skip: string; violations: number }> {
    const { value } = record;
    if (value === null) return { skip: 'EMPTY_RECORD', violations: 1 };
    if (value.length > this.env.PARTNER_MAX_RECORD_BYTES) {
      return { skip: 'MESSAGE_TOO_LARGE', violations: 1 };
    }
    switch (record.messageType ?? 'share') {
      case 'share':
        return this.storeShare({ ...record, value }, now);
      case 'notice':
        return this.notices.apply({ ...record, value }, this.env.PARTNER_RECIPIENT_ID, acks, now);
      default:
        return { skip: 'UNKNOWN_MESSAGE_TYPE', violations: 1 };
    }
  }

  private storeShare(
    record: InboxRecord & { value: Buffer },
    now: Date,
  ): InboxOutcome | { skip: string; violations: number } {
    const parsed = parseShare(record.value, { maxBytes: this.env.PARTNER_MAX_RECORD_BYTES });
    if (!parsed.ok) return { skip: parsed.code, violations: parsed.errors.length };
    const share = parsed.value;
    if (share.recipientId !== this.env.PARTNER_RECIPIENT_ID) {
      return { skip: 'WRONG_RECIPIENT', violations: 1 };
    }
    if (record.key !== share.subjectRef) return { skip: 'KEY_MISMATCH', violations: 1 };
    this.store.put(share, record, now);
    return { kind: 'stored', shareId: share.shareId };
  }

  private skip(record: InboxRecord, reason: string, violations: number, now: Date): InboxOutcome {
    this.store.skip(record, reason, violations, now);
    this.logger.warn(
      { partition: record.partition, offset: record.offset, reason, violations },
      'record skipped',
    );
    return { kind: 'skipped', reason };
  }
}

/** An error's class name only: a message may quote the record. */
function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
