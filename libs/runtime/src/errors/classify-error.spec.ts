import { KafkaJSConnectionError, KafkaJSError, KafkaJSProtocolError } from 'kafkajs';
import { classifyError, isRetriable } from './classify-error';
import { OnwardError } from './onward-error';

class StuckError extends OnwardError {
  override name = 'StuckError';
  override readonly retriable = true;
}

describe('OnwardError', () => {
  it('is an Error with retriable false by default and keeps its cause', () => {
    const cause = new Error('underneath');
    const error = new OnwardError('on top', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.retriable).toBe(false);
    expect(error.cause).toBe(cause);
    expect(new OnwardError('x', { retriable: true }).retriable).toBe(true);
  });

  it('lets a subclass fix retriable and its name', () => {
    const error = new StuckError('stuck');
    expect(error).toBeInstanceOf(OnwardError);
    expect(error.retriable).toBe(true);
    expect(error.name).toBe('StuckError');
  });
});

describe('isRetriable', () => {
  it("follows kafkajs' own marks", () => {
    expect(isRetriable(new KafkaJSConnectionError('broker went away'))).toBe(true);
    expect(isRetriable(new KafkaJSError('fatal', { retriable: false }))).toBe(false);
    // TOPIC_AUTHORIZATION_FAILED: a refusal, never retried.
    const denied = Object.assign(new Error('denied'), { type: 'X', code: 29, retriable: false });
    expect(isRetriable(new KafkaJSProtocolError(denied))).toBe(false);
  });

  it('looks through cause and originalError chains', () => {
    const inner = new KafkaJSConnectionError('gone');
    expect(isRetriable(new OnwardError('outer', { cause: inner }))).toBe(true);
    expect(isRetriable(Object.assign(new Error('wrap'), { originalError: inner }))).toBe(true);
    expect(isRetriable(new Error('plain'))).toBe(false);
    expect(isRetriable('a string')).toBe(false);
    expect(isRetriable(undefined)).toBe(false);
  });

  it('never retries a programming error, whatever it carries', () => {
    const bug = Object.assign(new TypeError('x is undefined'), { retriable: true });
    expect(isRetriable(bug)).toBe(false);
    expect(isRetriable(new OnwardError('wrapped bug', { cause: new RangeError('bad') }))).toBe(
      false,
    );
  });

  it('stops on a cycle of causes', () => {
    const a: { cause?: unknown } = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isRetriable(a)).toBe(false);
  });
});

describe('classifyError', () => {
  it('returns an OnwardError as it is', () => {
    const own = new StuckError('stuck');
    expect(classifyError(own)).toBe(own);
  });

  it('wraps a driver error, keeping it as cause and its retriability', () => {
    const driver = new KafkaJSConnectionError('gone');
    const classified = classifyError(driver, 'cannot reach the broker');
    expect(classified).toBeInstanceOf(OnwardError);
    expect(classified.retriable).toBe(true);
    expect(classified.cause).toBe(driver);
    expect(classified.message).toBe('cannot reach the broker');
    expect(classifyError(new TypeError('bug')).retriable).toBe(false);
  });
});
