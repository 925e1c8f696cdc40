import {
  diag,
  DiagLogLevel,
  ROOT_CONTEXT,
  type Context,
  type ContextManager,
  type DiagLogger,
} from '@opentelemetry/api';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Logger } from 'pino';
import { createLogger } from '../logging/create-logger';
import { tracingRequested } from './tracing-config';

/** What {@link startTelemetry} may be given besides the environment. */
export interface TelemetryOptions {
  /** Span processors to use instead of the exporters the OTEL_* variables name (tests). */
  spanProcessors?: SpanProcessor[];
  env?: NodeJS.ProcessEnv;
}

const SHUTDOWN_TIMEOUT_MS = 5000;
let sdk: NodeSDK | undefined;

/**
 * Starts the OpenTelemetry Node SDK for traces when the OTEL_* variables ask for it (see
 * {@link tracingRequested}); returns whether tracing is on. Call it before Nest and kafkajs
 * are loaded: each app's `main.ts` imports its `telemetry/instrument.ts` first.
 *
 * Only tracing goes through the SDK: metrics are prom-client's on `GET /metrics` and logs are
 * pino's on stdout, so the SDK's own metric and log exporters are switched off. No
 * instrumentation and no context manager are registered (`context.active()` stays the root): the gateway makes its spans and propagates `traceparent` by
 * hand (see the gateway's `telemetry/pipeline-tracer.ts` for why not instrumentation-kafkajs).
 */
export function startTelemetry(app: string, options: TelemetryOptions = {}): boolean {
  const env = options.env ?? process.env;
  if (sdk) return true;
  if (!options.spanProcessors && !tracingRequested(env)) return false;
  // Loaded only when tracing is on: the SDK and its exporters cost ~100 ms and ~20 MB.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdkNode: typeof import('@opentelemetry/sdk-node') = require('@opentelemetry/sdk-node');
  sdk = new sdkNode.NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ? undefined : `onward-${app}`,
    spanProcessors: options.spanProcessors,
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
    contextManager: new RootContextManager(),
  });
  // After the SDK's constructor, which installs a console logger when OTEL_LOG_LEVEL is set:
  // the SDK's own warnings (an unreachable collector) become JSON lines like every other.
  diag.setLogger(diagToPino(createLogger(app)), {
    logLevel: diagLevel(env.OTEL_LOG_LEVEL),
    suppressOverrideMessage: true,
  });
  sdk.start();
  return true;
}

/** Whether {@link startTelemetry} started the SDK in this process. */
export function isTracingEnabled(): boolean {
  return sdk !== undefined;
}

/** Flushes and stops the SDK (spans still queued are exported), waiting at most 5 s. */
export async function shutdownTelemetry(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  if (!running) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
  });
  await Promise.race([running.shutdown().catch(() => undefined), timeout]);
  clearTimeout(timer);
}

/**
 * Keeps no context across async calls: every span is given its parent explicitly. The SDK's
 * default, AsyncLocalStorage, is switched on by the exporter's first `context.with()` and from
 * then on taxes every promise in the process, and kafkajs makes many.
 */
class RootContextManager implements ContextManager {
  active(): Context {
    return ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    _context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return fn.call(thisArg, ...args);
  }
  bind<T>(_context: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    return this;
  }
}

function diagLevel(name: string | undefined): DiagLogLevel {
  const level = DiagLogLevel[(name ?? '').trim().toUpperCase() as keyof typeof DiagLogLevel];
  return typeof level === 'number' ? level : DiagLogLevel.WARN;
}

function diagToPino(logger: Logger): DiagLogger {
  // Only the message: the extra arguments may be whole export requests or responses.
  const at =
    (level: 'error' | 'warn' | 'info' | 'debug' | 'trace') =>
    (message: string): void =>
      logger[level]({ component: 'opentelemetry' }, message);
  return {
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    verbose: at('trace'),
  };
}
