import { parseRecipient } from '@app/contracts';
import type { RecipientBatchWrite, RecipientVersion } from '../store/store.types';
import { type RegistrationClock, registrationStartMs } from './registration-time';
import type { StreamRecord } from '@app/runtime';

/** A recipients record the auditor could not use, by offset and reason (never content). */
export interface SkippedRecipient {
  offset: string;
  reason: string;
}

/** The versions of one fetched batch of a recipients partition, and what was skipped. */
export interface RecipientBatch {
  write: RecipientBatchWrite;
  skipped: SkippedRecipient[];
}

/**
 * Turns a batch of `<prefix>recipients` into registration versions. A tombstone is a version
 * too (the recipient was deregistered then). Records before `from` were stored already. Each
 * version is in force from `registrationStartMs` of its timestamp under `clock`.
 */
export function readRecipientBatch(
  partition: number,
  messages: readonly StreamRecord[],
  from: number,
  clock: RegistrationClock,
): RecipientBatch {
  const versions: RecipientVersion[] = [];
  const skipped: SkippedRecipient[] = [];
  let nextOffset = from;
  for (const message of messages) {
    const offset = Number(message.offset);
    if (offset < from) continue;
    nextOffset = offset + 1;
    const read = versionOf(partition, message, clock);
    if ('reason' in read) skipped.push({ offset: message.offset, reason: read.reason });
    else versions.push(read);
  }
  return { write: { partition, versions, nextOffset }, skipped };
}

function versionOf(
  partition: number,
  message: StreamRecord,
  clock: RegistrationClock,
): RecipientVersion | { reason: string } {
  const recipientId = message.key?.toString('utf8') ?? '';
  if (recipientId === '') return { reason: 'no key' };
  const base = {
    recipientId,
    partition,
    offset: Number(message.offset),
    validFromMs: registrationStartMs(Number(message.timestamp), clock),
  };
  if (message.value === null) return { ...base, recipient: null };
  const parsed = parseRecipient(message.value);
  if (!parsed.ok) return { reason: parsed.code };
  if (parsed.value.recipientId !== recipientId) return { reason: 'KEY_MISMATCH' };
  return { ...base, recipient: parsed.value };
}
