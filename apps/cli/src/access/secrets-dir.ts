import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliUsageError } from '../cli-io';
import { PASSWORD_PATTERN, SCRAM_MECHANISM } from './scram-credentials';

/**
 * Where `onward access` keeps the passwords it generates: `<dir>/<user>.password` (mode 600)
 * and `<dir>/<user>.env` (the KAFKA_SASL_* variables an app needs, pointing at the password
 * file), in a directory only its owner can enter. An existing password file is reused, so
 * provisioning again does not lock running apps out. Passwords are never printed.
 */
export class SecretsDir {
  readonly path: string;

  constructor(path: string) {
    this.path = resolve(path);
    if (!existsSync(this.path)) mkdirSync(this.path, { recursive: true, mode: 0o700 });
    const mode = statSync(this.path).mode;
    if ((mode & 0o077) !== 0) {
      throw new CliUsageError(
        `secrets dir ${this.path} is open to other users (mode ${(mode & 0o777).toString(8)}): chmod 700 it`,
      );
    }
  }

  /** The password file of `user`. */
  passwordFile(user: string): string {
    return join(this.path, `${user}.password`);
  }

  /** The env file of `user`. */
  envFile(user: string): string {
    return join(this.path, `${user}.env`);
  }

  /**
   * The password of `user`: from `supplied` (a file the operator gives) when set, else the one
   * already on file, else a new random one. Written to the user's password file either way.
   */
  passwordFor(user: string, supplied?: string): { password: string; created: boolean } {
    const file = this.passwordFile(user);
    if (supplied === undefined && existsSync(file)) {
      return { password: readPassword(file), created: false };
    }
    const password =
      supplied === undefined ? randomBytes(24).toString('base64url') : readPassword(supplied);
    writePrivate(file, `${password}\n`);
    return { password, created: true };
  }

  /** Writes the env file of `user` (no secret in it: the password stays in its own file). */
  writeEnv(user: string): string {
    const file = this.envFile(user);
    const lines = [
      `KAFKA_SASL_MECHANISM=${SCRAM_MECHANISM}`,
      `KAFKA_SASL_USERNAME=${user}`,
      `KAFKA_SASL_PASSWORD_FILE=${this.passwordFile(user)}`,
      '',
    ];
    writePrivate(file, lines.join('\n'));
    return file;
  }
}

function writePrivate(file: string, text: string): void {
  // `mode` applies to a new file only; an existing one is narrowed first.
  if (existsSync(file)) chmodSync(file, 0o600);
  writeFileSync(file, text, { mode: 0o600 });
}

function readPassword(file: string): string {
  const password = readFileSync(file, 'utf8').trim();
  if (!PASSWORD_PATTERN.test(password)) {
    throw new CliUsageError(`${file}: a password must be 12..256 of [A-Za-z0-9._~+/@%:-]`);
  }
  return password;
}
