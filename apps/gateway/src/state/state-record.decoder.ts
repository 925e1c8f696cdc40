import {
  isTopicSafeRecipientId,
  parseRecipient,
  parseSubjectProfile,
  type ParseResult,
} from '@app/contracts';
import type { KafkaMessage } from '@app/runtime';
import type { Logger } from 'pino';
import { keyDigest } from './key-digest';
import type { StateKind, StoreRecord } from './state-store';

const MAX_LOGGED_ERRORS = 10;
const MAX_ERROR_CHARS = 200;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns state records into what the store applies. Invalid state is never applied, and it does
 * not leave an older value standing either: the key becomes unknown (deny by default), since the
 * invalid record may have been an opt-out, an erasure or a suspension. A key that is not UTF-8
 * names no valid id, so such a record changes nothing. Refusals are counted and logged with a
 * digest of the key (it may be huge), partition and offset, never a value.
 */
export class StateRecordDecoder {
  private refused = 0;

  constructor(
    private readonly logger: Logger,
    private readonly topicPrefix: string,
  ) {}

  /** State records refused so far. */
  invalidRecords(): number {
    return this.refused;
  }

  /** The record to apply, or null when its key is unusable (nothing to change). */
  decode(kind: StateKind, partition: number, message: KafkaMessage): StoreRecord | null {
    const offset = BigInt(message.offset);
    const at = { kind, partition, offset: message.offset, rawKey: message.key };
    const key = decodeKey(message.key);
    if (key === null) {
      if (message.value !== null) this.refuse(at, ['(key): absent or not valid UTF-8']);
      return null;
    }
    if (message.value === null) return { key, offset, value: null };
    const value =
      kind === 'recipients'
        ? this.accept(parseRecipient(message.value), key, 'recipientId', at)
        : this.accept(parseSubjectProfile(message.value), key, 'subjectId', at);
    if (kind === 'recipients' && value && !isTopicSafeRecipientId(key, this.topicPrefix)) {
      return { key, offset, value: this.refuse(at, ['recipientId: cannot be a topic name']) };
    }
    return { key, offset, value };
  }

  private accept<T extends object>(
    parsed: ParseResult<T>,
    key: string,
    idField: keyof T,
    at: RecordAt,
  ): T | null {
    if (!parsed.ok) return this.refuse(at, parsed.errors);
    if (parsed.value[idField] !== key) {
      return this.refuse(at, [`${String(idField)}: differs from the key`]);
    }
    return parsed.value;
  }

  private refuse(at: RecordAt, errors: string[]): null {
    this.refused += 1;
    this.logger.warn(
      {
        topic: at.kind,
        key: keyDigest(at.rawKey),
        partition: at.partition,
        offset: at.offset,
        errors: errors.slice(0, MAX_LOGGED_ERRORS).map((e) => e.slice(0, MAX_ERROR_CHARS)),
      },
      'skipped invalid state record',
    );
    return null;
  }
}

interface RecordAt {
  kind: StateKind;
  partition: number;
  offset: string;
  rawKey: Buffer | null;
}

/** The key as a string, or null when absent or not valid UTF-8 (DESIGN §2: keys are UTF-8). */
function decodeKey(raw: Buffer | null): string | null {
  if (raw === null) return null;
  try {
    return strictUtf8.decode(raw);
  } catch {
    return null;
  }
}
