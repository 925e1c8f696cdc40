import type { RecipientVersion } from '../../store/store.types';

/** A recipient as it was registered at some moment. */
export interface Registration {
  recipientId: string;
  name: string | null;
  address: string | null;
  country: string | null;
  kind: string | null;
  /** When this registration came into force (ISO), null when the recipient is unknown. */
  registeredFrom: string | null;
  /**
   * True when this registration was in force at the moment asked about. False when the auditor
   * knows no registration from that moment (the recipients topic is compacted, so old versions
   * may be gone) and shows the nearest one it knows instead, or none.
   */
  inForceThen: boolean;
}

/**
 * The registration of `recipientId` in force at `atMs`, given its history oldest first: the
 * latest version from at or before that moment. When that is a tombstone or there is none,
 * the nearest registration known (the last before, else the first after), flagged.
 */
export function registrationAt(
  recipientId: string,
  history: readonly RecipientVersion[],
  atMs: number,
): Registration {
  const before = history.filter((v) => v.validFromMs <= atMs);
  const current = before.at(-1);
  if (current?.recipient) return registrationOf(current, true);
  const nearest =
    before.filter((v) => v.recipient !== null).at(-1) ??
    history.find((v) => v.validFromMs > atMs && v.recipient !== null);
  if (nearest) return registrationOf(nearest, false);
  return {
    recipientId,
    name: null,
    address: null,
    country: null,
    kind: null,
    registeredFrom: null,
    inForceThen: false,
  };
}

function registrationOf(version: RecipientVersion, inForceThen: boolean): Registration {
  const recipient = version.recipient!;
  return {
    recipientId: version.recipientId,
    name: recipient.name,
    address: recipient.address,
    country: recipient.country,
    kind: recipient.kind,
    registeredFrom: new Date(version.validFromMs).toISOString(),
    inForceThen,
  };
}

/** Groups a history by recipient id. */
export function historyById(
  versions: readonly RecipientVersion[],
): Map<string, RecipientVersion[]> {
  const byId = new Map<string, RecipientVersion[]>();
  for (const version of versions) {
    const list = byId.get(version.recipientId) ?? [];
    list.push(version);
    byId.set(version.recipientId, list);
  }
  return byId;
}
