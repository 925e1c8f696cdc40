/**
 * The telemetry entry point of `@app/runtime`, separate from the lib's index on purpose: an
 * app's `telemetry/instrument.ts` imports it before anything else, and the main index would
 * load Nest and kafkajs first.
 */
export * from './start-telemetry';
export * from './tracing-config';
