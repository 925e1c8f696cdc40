/**
 * Whether the standard OTEL_* variables ask for traces to be exported: OTEL_TRACES_EXPORTER
 * names an exporter other than `none`, or an OTLP endpoint is set (the exporter then defaults
 * to OTLP). Nothing set, or OTEL_SDK_DISABLED=true: tracing stays off and the SDK is never
 * loaded. Pure, so the rule is unit-tested apart from the SDK.
 */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '' && name !== 'null');
  if (exporters.length > 0) return exporters.some((name) => name !== 'none');
  return Boolean(
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim(),
  );
}
