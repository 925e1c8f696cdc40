/** Configuration a process cannot run with (unreadable file, missing key): it refuses to start. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}
