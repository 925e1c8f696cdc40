import { AccessToken } from './access-token';

describe('AccessToken', () => {
  it('accepts the token only', () => {
    const token = new AccessToken('0123456789abcdef');
    expect(token.matches('0123456789abcdef')).toBe(true);
    expect(token.matches('0123456789abcdeF')).toBe(false);
    expect(token.matches('short')).toBe(false);
    expect(token.matches(undefined)).toBe(false);
  });

  it('accepts nothing when no token is configured', () => {
    expect(new AccessToken(null).matches('')).toBe(false);
    expect(new AccessToken(null).matches('anything')).toBe(false);
  });
});
