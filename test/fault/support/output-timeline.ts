// When each audit event became visible to a read_committed consumer, stamped by polling the
// harness's reader: the raw material of the failover time and the degraded throughput.
import type { GatewayHarness } from '../../support/gateway-harness';

/** An audit event's audit partition and the time the reader had it (epoch ms). */
interface Arrival {
  partition: number;
  at: number;
}

/** What a fault did to the output, for the test log and BENCHMARKS.md. */
export interface FaultFigures {
  /** Longest stretch without output on any audit partition across the fault (ms). */
  failoverMs: number;
  /** Longest stretch without any output at all across the fault (ms). */
  anyOutputGapMs: number;
  /** Audit events/s in the 5 s before the fault. */
  baselinePerSec: number;
  /** Audit events/s from the fault until the cluster was whole again. */
  degradedPerSec: number;
}

const POLL_MS = 25;

/** Stamps every audit record the harness reads, until stopped. */
export class OutputTimeline {
  private readonly arrivals: Arrival[] = [];
  private seen = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly harness: GatewayHarness) {
    this.timer = setInterval(() => this.stamp(), POLL_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.stamp();
  }

  /**
   * Failover: per audit partition, the last output before `faultAt` to the first output after
   * it (the measure), the worst partition reported; degraded throughput: outputs from
   * `faultAt` to `wholeAt` (the cluster whole again) per second.
   */
  figures(faultAt: number, wholeAt: number): FaultFigures {
    this.stamp();
    const partitions = new Set(this.arrivals.map((a) => a.partition));
    let failoverMs = 0;
    for (const p of partitions) failoverMs = Math.max(failoverMs, this.gapAround(faultAt, p));
    const count = (from: number, to: number) =>
      this.arrivals.filter((a) => a.at > from && a.at <= to).length;
    return {
      failoverMs,
      anyOutputGapMs: this.gapAround(faultAt),
      baselinePerSec: Math.round(count(faultAt - 5000, faultAt) / 5),
      degradedPerSec: Math.round((count(faultAt, wholeAt) * 1000) / Math.max(1, wholeAt - faultAt)),
    };
  }

  /** Last output at or before `at` to the first one after it (of one partition, or of any). */
  private gapAround(at: number, partition?: number): number {
    const of = this.arrivals.filter((a) => partition === undefined || a.partition === partition);
    const before = of.filter((a) => a.at <= at).pop()?.at ?? at;
    const after = of.find((a) => a.at > at)?.at ?? at;
    return after - before;
  }

  private stamp(): void {
    const now = Date.now();
    const records = this.harness.records;
    for (; this.seen < records.length; this.seen++) {
      const r = records[this.seen];
      if (r.topic === this.harness.topics.audit)
        this.arrivals.push({ partition: r.partition, at: now });
    }
  }
}
