import { OnwardError } from '../errors/onward-error';

/** The environment is wrong: the app refuses to start and names every bad variable. */
export class InvalidEnvironmentError extends OnwardError {
  constructor(
    readonly app: string,
    readonly problems: string[],
  ) {
    super(`${app}: invalid environment, refusing to start:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidEnvironmentError';
  }
}
