import { forwardedTraceHeaders, headerText, kafkaHeaderGetter } from './trace-headers';

const VALID = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('trace headers', () => {
  it('reads kafkajs header values, Buffers and repeated values included', () => {
    expect(headerText(Buffer.from(VALID))).toBe(VALID);
    expect(headerText([Buffer.from('a'), 'b'])).toBe('a');
    expect(headerText(undefined)).toBeUndefined();
    expect(kafkaHeaderGetter.get({ traceparent: Buffer.from(VALID) }, 'traceparent')).toBe(VALID);
    expect(kafkaHeaderGetter.keys({ a: 'x', b: undefined })).toEqual(['a', 'b']);
  });

  it('forwards a valid traceparent, and tracestate with it', () => {
    expect(forwardedTraceHeaders({ traceparent: Buffer.from(VALID) })).toEqual({
      traceparent: VALID,
    });
    expect(forwardedTraceHeaders({ traceparent: VALID, tracestate: 'vendor=1' })).toEqual({
      traceparent: VALID,
      tracestate: 'vendor=1',
    });
    expect(forwardedTraceHeaders({ traceparent: VALID, tracestate: 'x'.repeat(513) })).toEqual({
      traceparent: VALID,
    });
  });

  it.each([
    ['no headers', undefined],
    ['no traceparent', { tracestate: 'vendor=1' }],
    ['garbage', { traceparent: 'not-a-traceparent' }],
    ['an all-zero trace id', { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` }],
    [
      'an all-zero span id',
      { traceparent: `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01` },
    ],
    ['upper-case hex', { traceparent: VALID.toUpperCase() }],
  ])('forwards nothing for %s', (_name, headers) => {
    expect(forwardedTraceHeaders(headers)).toBeUndefined();
  });
});
