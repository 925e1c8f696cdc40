import { readRecipientBatch } from './recipient-batch';
import { registrationStartMs } from './registration-time';

const SEEN = Date.parse('2026-12-01T12:00:00Z');
const LAST_YEAR = Date.parse('2025-12-01T12:00:00Z');
const FUTURE = Date.parse('2027-01-01T00:00:00Z');

describe('registrationStartMs', () => {
  it('never lets a producer timestamp start a registration before the auditor saw it', () => {
    const clock = { logAppendTime: false, seenAtMs: SEEN };
    expect(registrationStartMs(LAST_YEAR, clock)).toBe(SEEN);
    expect(registrationStartMs(FUTURE, clock)).toBe(FUTURE);
    expect(registrationStartMs(Number.NaN, clock)).toBe(SEEN);
  });

  it('takes a log-append time as is, but never after the moment seen', () => {
    const clock = { logAppendTime: true, seenAtMs: SEEN };
    expect(registrationStartMs(LAST_YEAR, clock)).toBe(LAST_YEAR);
    expect(registrationStartMs(FUTURE, clock)).toBe(SEEN);
  });
});

describe('readRecipientBatch', () => {
  it('dates each version by the clock it is given', () => {
    const recipient = {
      recipientId: 'univ-stanford',
      name: 'Stanford University',
      kind: 'institution',
      country: 'US',
      address: '450 Serra Mall, Stanford, CA 94305, US',
      status: 'active',
      purposes: ['course_administration'],
      transferMechanisms: [],
    };
    const messages = [
      {
        offset: '0',
        key: Buffer.from('univ-stanford'),
        value: Buffer.from(JSON.stringify(recipient)),
        timestamp: String(LAST_YEAR),
      },
      { offset: '1', key: Buffer.from('gone'), value: null, timestamp: String(LAST_YEAR) },
    ];
    const { write } = readRecipientBatch(0, messages, 0, { logAppendTime: false, seenAtMs: SEEN });
    expect(write.versions.map((v) => v.validFromMs)).toEqual([SEEN, SEEN]);
  });
});
