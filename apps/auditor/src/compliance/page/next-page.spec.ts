import { loginPageFor, safeNextPage } from './next-page';

describe('safeNextPage', () => {
  it.each(['/ui', '/ui/events', '/ui/events?partition=1&offset=20', '/ui/disclosures?subjectId=a'])(
    'keeps our own page %s',
    (page) => expect(safeNextPage(page)).toBe(page),
  );

  it.each([
    undefined,
    42,
    ['/ui/events'],
    '',
    'https://evil.example/ui',
    '//evil.example/ui',
    '/ui//evil.example',
    '/ui\\evil',
    '/uix',
    '/api/events',
    '/ui/login',
    '/ui/login?next=%2Fui',
    '/ui/events\nSet-Cookie: x',
    `/ui/${'a'.repeat(2048)}`,
  ])('sends %p to /ui', (next) => expect(safeNextPage(next)).toBe('/ui'));
});

describe('loginPageFor', () => {
  it('names the page to come back to, and none for the default page', () => {
    expect(loginPageFor('/ui/events?partition=1')).toBe(
      '/ui/login?next=%2Fui%2Fevents%3Fpartition%3D1',
    );
    expect(loginPageFor('/ui')).toBe('/ui/login');
    expect(loginPageFor('https://evil.example')).toBe('/ui/login');
  });
});
