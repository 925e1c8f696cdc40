import { isRetriable } from '../errors/classify-error';
import { retryRetriable } from './retry-retriable';

const retriable = (message: string) => Object.assign(new Error(message), { retriable: true });

describe('retryRetriable', () => {
  it('retries a retriable failure until the task succeeds', async () => {
    let calls = 0;
    const result = await retryRetriable(
      async () => {
        calls += 1;
        if (calls < 3) throw retriable('not the leader');
        return 'ok';
      },
      { initialDelayMs: 1 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('throws a non-retriable error at once', async () => {
    let calls = 0;
    const failing = retryRetriable(async () => {
      calls += 1;
      throw new TypeError('bug');
    });
    await expect(failing).rejects.toThrow(TypeError);
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt', async () => {
    let calls = 0;
    const failing = retryRetriable(
      async () => {
        calls += 1;
        throw retriable('still loading');
      },
      { attempts: 4, initialDelayMs: 1 },
    );
    await expect(failing).rejects.toThrow('still loading');
    expect(calls).toBe(4);
  });

  it('finds retriable errors down the cause chain', () => {
    expect(isRetriable(new Error('outer', { cause: retriable('inner') }))).toBe(true);
    expect(isRetriable(new Error('plain'))).toBe(false);
  });
});
