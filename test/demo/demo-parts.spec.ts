// The demo's pieces without a broker: the request stream, the tally, the two ways of drawing
// the summary, and where settings come from when only `npm start`'s files are there.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { AuditEvent, Reason } from '@app/contracts';
import { demoRequests, purposesIn } from '../../apps/cli/src/demo/demo-requests';
import { DemoError, demoSettings } from '../../apps/cli/src/demo/demo-settings';
import { countEvent, newTally } from '../../apps/cli/src/demo/demo-tally';
import { DemoView } from '../../apps/cli/src/demo/demo-view';

const reason = (code: string, field?: string) =>
  ({ code, rule: 'r', clause: 'c', ...(field ? { field } : {}) }) as Reason;

function event(decision: AuditEvent['decision'], reasons: Reason[], basis?: string): AuditEvent {
  const transferMechanism = basis ? { basis } : null;
  return { decision, reasons, transferMechanism, partition: 0, seq: 0 } as unknown as AuditEvent;
}

function capture() {
  let text = '';
  const out = new Writable({ write: (chunk, _e, done) => ((text += String(chunk)), done()) });
  return { out, text: () => text };
}

describe('demoRequests', () => {
  const records = demoRequests('run1', 300, '2026-03-01T10:00:00Z');

  it('gives every request of a run its own id, plus two malformed records', () => {
    expect(records).toHaveLength(302);
    expect(new Set(records.map((r) => r.requestId)).size).toBe(302);
    expect(records.every((r) => r.requestId.startsWith('demo-run1-'))).toBe(true);
    const parsed = records.map((r) => JSON.parse(r.value) as Record<string, unknown>);
    expect(parsed.filter((v) => 'priority' in v)).toHaveLength(1);
    expect(records.filter((r, i) => r.key !== parsed[i].subjectId)).toHaveLength(1);
    expect(purposesIn(300)).toBe(9);
  });

  it('keeps the ids of two runs apart', () => {
    const other = demoRequests('run2', 300, '2026-03-01T10:00:00Z').map((r) => r.requestId);
    expect(other.some((id) => records.some((r) => r.requestId === id))).toBe(false);
  });
});

describe('the tally and the summary', () => {
  const tally = newTally();
  countEvent(tally, event('allow', [reason('NEVER_SHARED', 'paymentCard')], 'contract'));
  countEvent(tally, event('deny', [reason('SUBJECT_ERASED'), reason('SUBJECT_OPTED_OUT')]));
  countEvent(tally, event('reject', [reason('INVALID_JSON')]));

  it('counts the primary reason of a denial and the withheld fields of allowed shares', () => {
    expect(tally).toMatchObject({ decided: 3, allowed: 1, denied: 1, rejected: 1 });
    expect([...tally.denials]).toEqual([['SUBJECT_ERASED', 1]]);
    expect([...tally.withheld]).toEqual([['NEVER_SHARED', 1]]);
    expect([...tally.rejections]).toEqual([['INVALID_JSON', 1]]);
    expect([...tally.transfers]).toEqual([['contract', 1]]);
  });

  it('prints one plain line per tenth of the run without a terminal', () => {
    const { out, text } = capture();
    const view = new DemoView({
      out,
      live: false,
      color: false,
      total: 3,
      sharesTopic: 's',
      dlqTopic: 'd',
    });
    const partial = newTally();
    for (let i = 0; i < 3; i++) {
      countEvent(partial, event('allow', [], 'dpf'));
      view.update(partial, 100);
    }
    view.finish(partial, 100);
    expect(text()).not.toContain('\x1b');
    expect(text().match(/decided/g)).toHaveLength(3);
    expect(text()).toMatch(/^allowed\s+3 {2}delivered on s$/m);
  });

  it('redraws the block in place on a terminal', () => {
    const { out, text } = capture();
    const view = new DemoView({
      out,
      live: true,
      color: true,
      total: 3,
      sharesTopic: 's',
      dlqTopic: 'd',
    });
    view.update(tally, 100);
    const first = text();
    view.finish(tally, 200);
    const lines = first.split('\n').length - 1;
    expect(first).not.toContain('\x1b[J');
    expect(text().slice(first.length)).toMatch(
      new RegExp(`^\\x1b\\[${lines}F\\x1b\\[J\\[█+\\] 3/3`),
    );
  });
});

describe('demoSettings', () => {
  it('falls back to the broker address and token that `npm start` leaves in .onward/', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'onward-demo-'));
    mkdirSync(join(cwd, '.onward', 'kafka'), { recursive: true });
    writeFileSync(join(cwd, '.onward', 'kafka', 'bootstrap'), '127.0.0.1:40001\n');
    writeFileSync(join(cwd, '.onward', 'auditor.token'), 'dev-token-0123456789\n');
    expect(demoSettings({}, cwd)).toMatchObject({
      brokers: ['127.0.0.1:40001'],
      prefix: 'privacy.',
      auditorUrl: 'http://127.0.0.1:8081',
      token: 'dev-token-0123456789',
      tokenSource: join('.onward', 'auditor.token'),
    });
  });

  it('refuses to guess a broker', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'onward-demo-'));
    expect(() => demoSettings({}, cwd)).toThrow(DemoError);
    expect(() => demoSettings({}, cwd)).toThrow(/is `npm start` running\?/);
  });
});
