import { OnwardError } from '../errors/onward-error';

/** Configuration a process cannot run with (unreadable file, missing key): it refuses to start. */
export class ConfigurationError extends OnwardError {
  override readonly name = 'ConfigurationError';
}
