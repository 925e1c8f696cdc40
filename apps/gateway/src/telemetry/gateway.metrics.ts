import { Inject, Injectable } from '@nestjs/common';
import type { ChainTip } from '@app/contracts';
import { ONWARD_METRICS } from '@app/runtime';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { StateSyncService } from '../state/state-sync.service';
import { tallyBatch } from './decision-summary';
import type { ObservedDecision, ObservedInput } from './observed-record';

/** What a committed batch reports to the metrics. */
export interface CommittedBatch {
  partition: number;
  inputs: readonly ObservedInput[];
  processed: readonly ObservedDecision[];
  /** The partition's high watermark when the batch was fetched. */
  highWatermark: string;
  nextOffset: bigint;
  tip: ChainTip | null;
  nowMs: number;
}

/**
 * The gateway's Prometheus metrics. Labels are low-cardinality on purpose: outcome, reason
 * code and input partition; never a requestId, subjectId or recipientId (recipients are
 * bounded, but one series per recipient and reason multiplies fast and names partners on a
 * dashboard). Decision counts are added when their transaction commits, so a batch that is
 * aborted and decided again is counted once; decide time is observed on every attempt.
 */
@Injectable()
export class GatewayMetrics {
  private readonly decisions: Counter<'outcome' | 'reason'>;
  private readonly withheld: Counter<'reason'>;
  private readonly dlq: Counter<'code'>;
  private readonly aborts: Counter;
  private readonly decisionSeconds: Histogram;
  private readonly endToEndSeconds: Histogram;
  private readonly batchRecords: Histogram;
  private readonly consumerLag: Gauge<'partition'>;
  private readonly chainLength: Gauge<'partition'>;

  constructor(@Inject(ONWARD_METRICS) registry: Registry, state: StateSyncService) {
    const registers = [registry];
    this.decisions = new Counter({
      name: 'onward_gateway_decisions_total',
      help: 'Committed decisions by outcome (allow, deny, reject) and primary reason code',
      labelNames: ['outcome', 'reason'],
      registers,
    });
    this.withheld = new Counter({
      name: 'onward_gateway_withheld_fields_total',
      help: 'Fields withheld from allowed shares, by reason code',
      labelNames: ['reason'],
      registers,
    });
    this.dlq = new Counter({
      name: 'onward_gateway_dlq_records_total',
      help: 'Requests refused to the DLQ, by rejection code',
      labelNames: ['code'],
      registers,
    });
    this.aborts = new Counter({
      name: 'onward_gateway_transaction_aborts_total',
      help: 'Batches whose transaction was aborted or never committed; each is decided again',
      registers,
    });
    this.decisionSeconds = new Histogram({
      name: 'onward_gateway_decision_duration_seconds',
      help: 'Time to decide one record (parse, policy, minimise, describe outputs)',
      buckets: [1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 0.01, 0.025, 0.1],
      registers,
    });
    this.endToEndSeconds = new Histogram({
      name: 'onward_gateway_end_to_end_latency_seconds',
      help: "From a request record's Kafka timestamp to the commit of its outputs",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    });
    this.batchRecords = new Histogram({
      name: 'onward_gateway_batch_records',
      help: 'Records decided per committed transaction',
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'onward_gateway_consumer_lag_records',
      help: 'Share requests behind the high watermark of an owned input partition, after its last commit',
      labelNames: ['partition'],
      registers,
    });
    this.chainLength = new Gauge({
      name: 'onward_gateway_audit_chain_length',
      help: 'Committed audit events in the chain of an owned partition (tip seq + 1)',
      labelNames: ['partition'],
      registers,
    });
    new Gauge({
      name: 'onward_gateway_state_catchup_lag_records',
      help: 'State records (recipients, subjects) not yet applied at the last consent barrier',
      registers,
      collect() {
        this.set(state.catchUpLag());
      },
    });
  }

  /** One record decided in `seconds` (every attempt, committed or not). */
  decided(seconds: number): void {
    this.decisionSeconds.observe(seconds);
  }

  /** A batch's transaction committed. */
  committed(batch: CommittedBatch): void {
    const tally = tallyBatch(batch.processed);
    for (const { outcome, reason, count } of tally.decisions.values()) {
      this.decisions.inc({ outcome, reason }, count);
    }
    for (const [reason, count] of tally.withheld) this.withheld.inc({ reason }, count);
    for (const [code, count] of tally.dlq) this.dlq.inc({ code }, count);
    this.batchRecords.observe(batch.inputs.length);
    for (const input of batch.inputs) {
      const timestamp = Number(input.timestamp);
      if (timestamp > 0) this.endToEndSeconds.observe(Math.max(0, batch.nowMs - timestamp) / 1000);
    }
    const lag = BigInt(batch.highWatermark) - batch.nextOffset;
    this.consumerLag.set({ partition: batch.partition }, Number(lag > 0n ? lag : 0n));
    this.chainTip(batch.partition, batch.tip);
  }

  /** The committed chain of `partition` ends at `tip` (read when its writer opens, or committed). */
  chainTip(partition: number, tip: ChainTip | null): void {
    this.chainLength.set({ partition }, tip === null ? 0 : tip.seq + 1);
  }

  /** A batch failed before or during its transaction. */
  aborted(): void {
    this.aborts.inc();
  }

  /** The partition was revoked: its gauges would otherwise keep reporting stale values. */
  forget(partition: number): void {
    this.consumerLag.remove({ partition });
    this.chainLength.remove({ partition });
  }
}
