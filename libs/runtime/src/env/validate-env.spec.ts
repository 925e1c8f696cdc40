import { IsInt, Matches, Max, Min } from 'class-validator';
import { ToInt } from './env-transforms';
import { InvalidEnvironmentError } from './invalid-environment.error';
import { validateEnv } from './validate-env';

class SampleEnv {
  @Matches(/^[a-z]+:\d+$/)
  BROKERS!: string;

  @ToInt()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 8080;
}

describe('validateEnv', () => {
  it('returns typed values with defaults applied', () => {
    const env = validateEnv('sample', SampleEnv, { BROKERS: 'kafka:9092' });
    expect(env).toBeInstanceOf(SampleEnv);
    expect(env.PORT).toBe(8080);
    expect(validateEnv('sample', SampleEnv, { BROKERS: 'kafka:9092', PORT: '9000' }).PORT).toBe(
      9000,
    );
  });

  it('lists every bad variable by name and never echoes a value', () => {
    let error: unknown;
    try {
      validateEnv('sample', SampleEnv, { BROKERS: 'secret-looking value', PORT: 'eighty' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    const { problems, message } = error as InvalidEnvironmentError;
    expect(problems.some((p) => p.startsWith('BROKERS:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('PORT:'))).toBe(true);
    expect(message).not.toContain('secret-looking value');
    expect(message).not.toContain('eighty');
  });

  it('treats a missing required variable as an error', () => {
    expect(() => validateEnv('sample', SampleEnv, {})).toThrow(/BROKERS/);
  });
});
