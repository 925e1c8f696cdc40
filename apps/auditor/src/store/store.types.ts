/**
 * What the auditor keeps: the audit records it read (parsed or not), the integrity alerts the
 * chain verifier raised, each recipient's registration history, and where to resume reading.
 * Plain data, independent of the database that holds it.
 */
import type {
  AuditDecision,
  AuditEvent,
  ChainAlert,
  ChainAlertKind,
  Recipient,
} from '@app/contracts';

/** One record of the audit topic as read: the event, or null when the bytes were no event. */
export interface AuditRecord {
  partition: number;
  offset: number;
  /** The Kafka record timestamp, epoch ms. */
  timestampMs: number;
  event: AuditEvent | null;
}

/** Where the verifier of a partition may safely resume after a restart. */
export interface ChainCheckpoint {
  /** The last event the verifier accepted at a quiet point; null: resume at genesis. */
  tip: { seq: number; hash: string; offset: number } | null;
  /** The offset to read next: every record before it is stored and verified. */
  nextOffset: number;
}

/** An audit partition taken over by one auditor: where to resume, and the fencing epoch. */
export interface PartitionClaim {
  checkpoint: ChainCheckpoint;
  /** Writes of this claim carry it; a later claim by anyone makes them fail. */
  epoch: number;
}

/** The verifier's live tip after a batch: what the integrity report shows. */
export interface LiveTip {
  seq: number;
  hash: string;
  /** Null when the verifier moved its tip to a record it no longer remembers the offset of. */
  offset: number | null;
}

/** Everything one batch of one audit partition changes, written in one transaction. */
export interface AuditBatchWrite {
  partition: number;
  /** The epoch of the claim the batch was read under (see {@link PartitionClaim}). */
  epoch: number;
  records: AuditRecord[];
  alerts: ChainAlert[];
  /** Null: keep the previous checkpoint (the verifier is holding a record back). */
  checkpoint: ChainCheckpoint | null;
  tip: LiveTip | null;
  /** ISO time the alerts were detected. */
  detectedAt: string;
}

/** One version of a recipient's registration, from `<prefix>recipients`. */
export interface RecipientVersion {
  recipientId: string;
  partition: number;
  offset: number;
  /** The record timestamp, epoch ms: the version is in force from then on. */
  validFromMs: number;
  /** Null: a tombstone, the recipient was deregistered. */
  recipient: Recipient | null;
}

/** One batch of one recipients partition. */
export interface RecipientBatchWrite {
  partition: number;
  versions: RecipientVersion[];
  nextOffset: number;
}

/** A stored integrity alert. */
export interface StoredAlert {
  id: number;
  partition: number;
  seq: number;
  offset: number | null;
  kind: ChainAlertKind;
  detail: string;
  detectedAt: string;
  acknowledgedAt: string | null;
  acknowledgementNote: string | null;
}

/** Filters of the event search; every field narrows, absent ones do not. */
export interface EventFilter {
  subjectId?: string;
  recipientId?: string;
  decision?: AuditDecision;
  reasonCode?: string;
  purpose?: string;
  /** A category among `categoriesShared`. */
  category?: string;
  /** The basis of `transferMechanism`. */
  transferBasis?: string;
  directMarketing?: boolean;
  /** decidedAt at or after, epoch ms. */
  fromMs?: number;
  /** decidedAt before, epoch ms. */
  toMs?: number;
}

/** Position of an event in the search order (decidedAt, partition, offset). */
export interface EventCursor {
  decidedMs: number;
  partition: number;
  offset: number;
}

/** A stored event with where it was read and any alert that names its record. */
export interface StoredEvent {
  partition: number;
  offset: number;
  event: AuditEvent;
  /** Kinds of integrity alerts naming this record (acknowledged or not). */
  alertKinds: ChainAlertKind[];
}

/** One page of an event search. */
export interface EventPage {
  items: StoredEvent[];
  /** Present when more events match. */
  next: EventCursor | null;
}

/** Decision counts of one recipient and purpose. */
export interface DecisionCount {
  recipientId: string | null;
  purpose: string | null;
  decision: AuditDecision;
  count: number;
}

/** What the store knows about one audit partition. */
export interface PartitionState {
  partition: number;
  records: number;
  events: number;
  tip: LiveTip | null;
  nextOffset: number;
  openAlerts: number;
}

/**
 * Allowed or denied requests counted together for the reports: same recipient, registration
 * period (the latest known version in force at decision time), purpose, decision, categories
 * shared (as the event lists them) and transfer mechanism.
 */
export interface ShareGroup {
  recipientId: string | null;
  purpose: string | null;
  decision: AuditDecision;
  categories: string[];
  /** The recorded transfer mechanism; null when the event recorded none. */
  transfer: {
    basis: string;
    country: string | null;
    reference: string | null;
    regime: string | null;
  } | null;
  count: number;
  /** Earliest and latest decision of the group, epoch ms and as the events wrote it. */
  firstMs: number;
  lastMs: number;
  firstAt: string;
  lastAt: string;
}

/** Events of one UTC day (the first 10 characters of decidedAt), partition and decision. */
export interface DailyActivity {
  day: string;
  partition: number;
  decision: AuditDecision;
  count: number;
  /** The highest chain position among them. */
  maxSeq: number;
  firstMs: number;
  lastMs: number;
}

/** A count of events (or withheld fields) under one reason code. */
export interface ReasonTally {
  reason: string;
  count: number;
}
