import { logFormat } from './create-logger';

describe('logFormat', () => {
  it('is pretty only when LOG_FORMAT says exactly that', () => {
    expect(logFormat({ LOG_FORMAT: 'pretty' })).toBe('pretty');
    for (const value of [undefined, '', 'json', 'Pretty', 'pretty ', 'text']) {
      expect([value, logFormat({ LOG_FORMAT: value })]).toEqual([value, 'json']);
    }
  });
});
