// Imported first by main.ts: the tracing SDK (when OTEL_* asks for it) starts before Nest and
// kafkajs are loaded.
import { startTelemetry } from '@app/runtime/telemetry';

startTelemetry('gateway');
