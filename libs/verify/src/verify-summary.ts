import type { ChainAlert, ChainTip } from '@app/contracts';

/** What verify learned about one partition. */
export interface PartitionSummary {
  partition: number;
  records: number;
  unparseable: number;
  tip: ChainTip | null;
  alerts: ChainAlert[];
  /** Offset reached and end offset, when the read stopped short of the end. */
  incomplete: { position: number; end: number } | null;
}

const describe = (a: ChainAlert): string =>
  `${a.kind} at seq ${a.seq}, offset ${a.offset ?? '?'} (${a.detail})`;

/** One line per partition. */
export function partitionLine(s: PartitionSummary): string {
  const head = `partition ${s.partition}: ${s.records} records`;
  const tip = s.tip ? `, last seq ${s.tip.seq} (${s.tip.hash})` : '';
  const garbage = s.unparseable > 0 ? `, ${s.unparseable} unparseable` : '';
  const state =
    s.alerts.length > 0
      ? `BROKEN, ${s.alerts.length} break(s): ${s.alerts.map(describe).join('; ')}`
      : s.incomplete
        ? `read to offset ${s.incomplete.position} of ${s.incomplete.end} only`
        : 'intact';
  return `${head}${tip}${garbage}: ${state}`;
}

/** The closing line and the exit code: 0 intact, 1 a break (the first named), 2 incomplete. */
export function verdict(
  topic: string,
  summaries: readonly PartitionSummary[],
): { line: string; code: number } {
  const first = summaries.flatMap((s) => s.alerts)[0];
  if (first) {
    return {
      line: `FAILED: ${topic} partition ${first.partition}, seq ${first.seq}, offset ${first.offset ?? '?'}: ${first.kind} (${first.detail})`,
      code: 1,
    };
  }
  const short = summaries.filter((s) => s.incomplete !== null).map((s) => s.partition);
  if (short.length > 0) {
    return {
      line: `INCOMPLETE: ${topic} partitions ${short.join(', ')} not read to the end (an open transaction?); no break in what was read`,
      code: 2,
    };
  }
  const events = summaries.reduce((n, s) => n + s.records - s.unparseable, 0);
  return {
    line: `OK: ${topic}, ${summaries.length} partition(s), ${events} events, every chain intact`,
    code: 0,
  };
}
