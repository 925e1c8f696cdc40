/**
 * When a recipient registration came into force. A record's Kafka timestamp is set by its
 * producer unless the topic's `message.timestamp.type` is `LogAppendTime`: a registration
 * written today with a timestamp of last year would otherwise show as "in force" for last
 * year's shares. So a producer timestamp is only ever a lower bound pushed up to when the
 * auditor saw the record; only a broker's log-append time is taken as is (capped by the moment
 * seen, which it cannot follow, against clock skew).
 */
import { ConfigResourceTypes, type Admin } from '@app/runtime';

/** How far the auditor trusts the record timestamps of the recipients topic. */
export interface RegistrationClock {
  /** True when the topic stamps records with the broker's log-append time. */
  logAppendTime: boolean;
  /** When the auditor read the batch (epoch ms). */
  seenAtMs: number;
}

/** The moment a registration record written at `timestampMs` came into force. */
export function registrationStartMs(timestampMs: number, clock: RegistrationClock): number {
  if (!Number.isFinite(timestampMs) || timestampMs < 0) return clock.seenAtMs;
  return clock.logAppendTime
    ? Math.min(timestampMs, clock.seenAtMs)
    : Math.max(timestampMs, clock.seenAtMs);
}

/**
 * Whether `topic` stamps records with log-append time. Anything else, including a broker that
 * does not let this principal describe the topic's configs, counts as producer time: the
 * untrusted reading is the safe one.
 */
export async function usesLogAppendTime(admin: Admin, topic: string): Promise<boolean> {
  try {
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        { type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['message.timestamp.type'] },
      ],
    });
    const entry = described.resources[0]?.configEntries.find(
      (e) => e.configName === 'message.timestamp.type',
    );
    return entry?.configValue === 'LogAppendTime';
  } catch {
    return false;
  }
}
