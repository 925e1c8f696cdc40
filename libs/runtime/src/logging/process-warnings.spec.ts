import pino from 'pino';
import { logProcessWarnings } from './process-warnings';

describe('logProcessWarnings', () => {
  const saved = process.listeners('warning');
  afterEach(() => {
    process.removeAllListeners('warning');
    for (const listener of saved) process.on('warning', listener);
  });

  it('logs a warning as one JSON line and leaves no other warning listener', () => {
    const lines: string[] = [];
    logProcessWarnings(pino({ level: 'info' }, { write: (l: string) => lines.push(l) }));
    expect(process.listenerCount('warning')).toBe(1);
    const warning = Object.assign(new Error('-5 is a negative number.'), {
      name: 'TimeoutNegativeWarning',
      code: 'X_TEST',
    });
    process.emit('warning', warning);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 40,
      warning: 'TimeoutNegativeWarning',
      code: 'X_TEST',
      msg: '-5 is a negative number.',
    });
  });
});
