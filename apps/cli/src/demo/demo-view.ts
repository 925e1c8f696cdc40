import type { Writable } from 'node:stream';
import type { DemoTally } from './demo-tally';

const BAR_WIDTH = 30;
const REDRAW_EVERY_MS = 80;

/** How the summary is drawn: redrawn in place on a terminal, appended line by line otherwise. */
export interface ViewOptions {
  out: Writable;
  /** Redraw in place with ANSI cursor movement (a TTY). */
  live: boolean;
  /** ANSI colours (a TTY without NO_COLOR). */
  color: boolean;
  /** How many audit events the run waits for. */
  total: number;
  /** Where allowed shares and rejected records went, for the labels. */
  sharesTopic: string;
  dlqTopic: string;
}

/** The live summary of a demo run: a progress bar and the counts by outcome and reason. */
export class DemoView {
  private drawnLines = 0;
  private drawnAt = 0;
  private nextStep = 1;

  constructor(private readonly o: ViewOptions) {}

  /** Shows progress; cheap to call on every event (redraws are throttled). */
  update(tally: DemoTally, elapsedMs: number): void {
    if (this.o.live) {
      if (Date.now() - this.drawnAt >= REDRAW_EVERY_MS) this.redraw(this.block(tally, elapsedMs));
      return;
    }
    // Without a terminal, one line per tenth of the run keeps logs short and still shows pace.
    if (tally.decided * 10 < this.nextStep * this.o.total) return;
    while (tally.decided * 10 >= this.nextStep * this.o.total) this.nextStep++;
    const { allowed, denied, rejected } = tally;
    this.o.out.write(
      `${this.bar(tally.decided, elapsedMs)} · allowed ${allowed} · denied ${denied} · rejected ${rejected}\n`,
    );
  }

  /** Draws the final summary (in place of the live one on a terminal). */
  finish(tally: DemoTally, elapsedMs: number): void {
    const lines = this.block(tally, elapsedMs);
    if (this.o.live) this.redraw(lines);
    else this.o.out.write(`\n${lines.slice(1).join('\n')}\n`);
  }

  private redraw(lines: string[]): void {
    // Cursor to the start of the first line drawn last time, clear to the end, draw again.
    const back = this.drawnLines > 0 ? `\x1b[${this.drawnLines}F\x1b[J` : '';
    this.o.out.write(`${back}${lines.join('\n')}\n`);
    this.drawnLines = lines.length;
    this.drawnAt = Date.now();
  }

  private block(t: DemoTally, elapsedMs: number): string[] {
    const paint = (code: number, text: string) =>
      this.o.color ? `\x1b[${code}m${text}\x1b[0m` : text;
    const n = (count: number) => String(count).padStart(5);
    return [
      this.bar(t.decided, elapsedMs),
      `${paint(32, 'allowed ')}${n(t.allowed)}  delivered on ${this.o.sharesTopic}`,
      `${paint(33, 'denied  ')}${n(t.denied)}  by primary reason:`,
      ...reasonLines(t.denials),
      `${paint(31, 'rejected')}${n(t.rejected)}  sent to ${this.o.dlqTopic}:`,
      ...reasonLines(t.rejections),
      'fields withheld from allowed shares, by reason:',
      ...reasonLines(t.withheld),
      'transfer basis of allowed shares:',
      `    ${
        sorted(t.transfers)
          .map(([basis, c]) => `${basis} ${c}`)
          .join(' · ') || 'none yet'
      }`,
    ];
  }

  private bar(done: number, elapsedMs: number): string {
    const filled = Math.round((BAR_WIDTH * Math.min(done, this.o.total)) / this.o.total);
    const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
    const seconds = (elapsedMs / 1000).toFixed(1);
    return `[${bar}] ${String(done).padStart(String(this.o.total).length)}/${this.o.total} decided · ${seconds} s`;
  }
}

function sorted(counts: Map<string, number>): [string, number][] {
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}

function reasonLines(counts: Map<string, number>): string[] {
  return sorted(counts).map(([code, c]) => `    ${code.padEnd(24)}${String(c).padStart(5)}`);
}
