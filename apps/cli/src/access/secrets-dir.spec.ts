import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliUsageError } from '../cli-io';
import { SecretsDir } from './secrets-dir';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'onward-secrets-spec-')), 'secrets');
const mode = (path: string) => statSync(path).mode & 0o777;

describe('SecretsDir', () => {
  it('creates an owner-only directory and owner-only password and env files', () => {
    const secrets = new SecretsDir(fresh());
    const { password, created } = secrets.passwordFor('partner.acme');
    expect(created).toBe(true);
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const env = secrets.writeEnv('partner.acme');
    expect(mode(secrets.path)).toBe(0o700);
    expect(mode(secrets.passwordFile('partner.acme'))).toBe(0o600);
    expect(mode(env)).toBe(0o600);
    expect(readFileSync(env, 'utf8')).not.toContain(password);
    expect(readFileSync(env, 'utf8')).toContain(
      `KAFKA_SASL_PASSWORD_FILE=${secrets.passwordFile('partner.acme')}`,
    );
  });

  it('reuses the password on file, so provisioning again locks nobody out', () => {
    const dir = fresh();
    const first = new SecretsDir(dir).passwordFor('onward-gateway');
    const second = new SecretsDir(dir).passwordFor('onward-gateway');
    expect(second).toEqual({ password: first.password, created: false });
  });

  it("takes an operator's password file, and refuses one the tools cannot carry", () => {
    const secrets = new SecretsDir(fresh());
    const supplied = join(secrets.path, 'given');
    writeFileSync(supplied, 'a-fine-password-123\n');
    expect(secrets.passwordFor('partner.x', supplied)).toEqual({
      password: 'a-fine-password-123',
      created: true,
    });
    writeFileSync(supplied, 'short,pw\n');
    expect(() => secrets.passwordFor('partner.y', supplied)).toThrow(CliUsageError);
  });

  it('refuses a directory other users can enter', () => {
    const dir = fresh();
    new SecretsDir(dir);
    chmodSync(dir, 0o755);
    expect(() => new SecretsDir(dir)).toThrow(/chmod 700/);
  });
});
