// Recognisable values planted in learner data and bad records: no log line and no span
// attribute may ever contain one of them.
import { randomBytes } from 'node:crypto';

/** A set of unique marker strings for one test run. */
export interface PlantedValues {
  name: string;
  email: string;
  grade: string;
  dateOfBirth: string;
  /** Inside a record that is not JSON. */
  broken: string;
  /** Inside a JSON record that violates the contract. */
  invalid: string;
  /** In an invalid state record (a subject whose residence is not a region code). */
  state: string;
  all(): string[];
}

/** Fresh markers: long random tokens that occur nowhere else by chance. */
export function plantedValues(): PlantedValues {
  const token = (label: string): string => `PLANTED${label}${randomBytes(6).toString('hex')}`;
  const values = {
    name: `Ada ${token('NAME')}`,
    email: `${token('MAIL')}@example.org`,
    grade: token('GRADE'),
    dateOfBirth: token('DOB'),
    broken: token('BROKEN'),
    invalid: token('INVALID'),
    state: token('STATE'),
  };
  return {
    ...values,
    all: () => [
      values.name.slice(4),
      values.email.split('@')[0],
      values.grade,
      values.dateOfBirth,
      values.broken,
      values.invalid,
      values.state,
    ],
  };
}

/** Learner data carrying the markers (names, emails, grades, a date of birth). */
export function plantedData(v: PlantedValues): Record<string, unknown> {
  return {
    name: v.name,
    email: v.email,
    grades: [{ item: v.grade, score: 0.91 }],
    dateOfBirth: v.dateOfBirth,
  };
}
