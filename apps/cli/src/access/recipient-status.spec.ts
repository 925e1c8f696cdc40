import { accessStatusOf } from './recipient-status';

const recipient = (overrides: Record<string, unknown> = {}) =>
  Buffer.from(
    JSON.stringify({
      recipientId: 'acme',
      name: 'Acme',
      kind: 'institution',
      country: 'US',
      address: '1 Test Way, Springfield, US',
      status: 'active',
      purposes: ['course_administration'],
      transferMechanisms: [],
      ...overrides,
    }),
  );

describe('accessStatusOf', () => {
  it.each([
    ['an active recipient', recipient(), 'active'],
    ['a suspended recipient', recipient({ status: 'suspended' }), 'suspended'],
    ['a tombstone (recipient deleted)', null, 'unknown'],
    [
      'an invalid record (it may have been a suspension)',
      recipient({ status: 'paused' }),
      'unknown',
    ],
    [
      'a record whose recipientId differs from its key',
      recipient({ recipientId: 'other' }),
      'unknown',
    ],
    ['bytes that are not JSON', Buffer.from('{"status":"active"'), 'unknown'],
  ])('gives %s the status %s', (_what, value, expected) => {
    expect(accessStatusOf('acme', value)).toBe(expected);
  });
});
