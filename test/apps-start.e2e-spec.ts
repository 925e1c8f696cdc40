// Both apps boot against the real broker, answer /health, refuse a bad environment with a
// message naming the variable, exit cleanly on SIGTERM, and log readable lines when asked.
import { startApp, type AppProcess } from './support/app-process';
import { testBrokers, uniqueName } from './support/kafka';
import { waitFor } from './support/wait-for';

const apps = [
  { name: 'gateway' as const, port: 'GATEWAY_HTTP_PORT' },
  { name: 'auditor' as const, port: 'AUDITOR_HTTP_PORT' },
];

describe.each(apps)('$name process', ({ name, port }) => {
  let app: AppProcess | undefined;

  afterEach(async () => {
    await app?.stop('SIGKILL');
    app = undefined;
  });

  it('answers /health while connected to Kafka and exits 0 on SIGTERM', async () => {
    app = startApp(name, {
      KAFKA_BROKERS: testBrokers().join(','),
      ONWARD_TOPIC_PREFIX: `${uniqueName('boot')}.`,
      ONWARD_PSEUDONYM_KEY: 'test-pseudonym-key-0123456789',
      [port]: '0',
    });
    const url = await app.url();
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ app: name, status: 'ok', kafka: { connected: true } });

    const code = await app.stop('SIGTERM');
    expect(code).toBe(0);
  });

  it('writes readable lines, not JSON, with LOG_FORMAT=pretty', async () => {
    app = startApp(name, {
      KAFKA_BROKERS: testBrokers().join(','),
      ONWARD_TOPIC_PREFIX: `${uniqueName('pretty')}.`,
      ONWARD_PSEUDONYM_KEY: 'test-pseudonym-key-0123456789',
      LOG_FORMAT: 'pretty',
      [port]: '0',
    });
    const listening = new RegExp(`INFO.*\\(${name}\\): ${name} listening`);
    await waitFor(() => listening.test(app?.output() ?? ''), { what: `${name} to listen` });
    const lines = app
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(lines.filter((line) => line.startsWith('{'))).toEqual([]);
    expect(await app.stop('SIGTERM')).toBe(0);
  });

  it('refuses to start on a bad variable and names it', async () => {
    app = startApp(name, { KAFKA_BROKERS: 'not a broker list', [port]: 'eighty' });
    const code = await waitFor(() => app?.child.exitCode ?? null, {
      what: `${name} to exit`,
    }).catch(() => null);
    expect(code).toBe(1);
    expect(app.output()).toContain('KAFKA_BROKERS');
    expect(app.output()).toContain(port);
    expect(app.output()).not.toContain('eighty');
  });
});
