import { KafkaToolError, redact, ScramCredentials } from './scram-credentials';

describe('redact', () => {
  it('cuts every occurrence of every secret out of tool output', () => {
    const out = 'bad property SCRAM-SHA-512=[password=s3cret-pw] (s3cret-pw) as adm1n-pw';
    expect(redact(out, ['s3cret-pw', 'adm1n-pw', ''])).toBe(
      'bad property SCRAM-SHA-512=[password=[redacted]] ([redacted]) as [redacted]',
    );
  });
});

describe('ScramCredentials', () => {
  it('refuses a password the tool syntax cannot carry, before running anything', async () => {
    const scram = new ScramCredentials({
      libsDir: '/nonexistent',
      java: '/nonexistent/java',
      log4j: '/dev/null',
      log4j2: '/dev/null',
      bootstrap: '127.0.0.1:1',
      admin: { mechanism: 'SCRAM-SHA-512', username: 'admin', password: 'admin-password' },
    });
    const attempt = scram.upsert('partner.acme', 'has,comma=and-more');
    await expect(attempt).rejects.toThrow(KafkaToolError);
    await expect(attempt).rejects.not.toThrow(/has,comma/);
  });

  it('reports a failed tool run without the secrets it was given', async () => {
    const scram = new ScramCredentials({
      libsDir: '/nonexistent',
      java: process.execPath,
      log4j: '/dev/null',
      log4j2: '/dev/null',
      bootstrap: '127.0.0.1:1',
      admin: { mechanism: 'SCRAM-SHA-512', username: 'admin', password: 'admin-password-1' },
    });
    // node rejects the JVM options and echoes them; none carries a secret, and any that did
    // would be cut out.
    const error = await scram.upsert('partner.acme', 'partner-password-1').catch((e: Error) => e);
    expect(error).toBeInstanceOf(KafkaToolError);
    expect(String(error)).not.toMatch(/partner-password-1|admin-password-1/);
  });
});
