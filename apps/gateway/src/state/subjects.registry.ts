import { Injectable } from '@nestjs/common';
import type { SubjectProfile } from '@app/contracts';
import { StateStore } from './state-store';

/**
 * The subject profiles of the owned partitions, as last written on the compacted subjects
 * topic: read from the on-disk store, so the heap does not grow with learners.
 */
@Injectable()
export class SubjectsRegistry {
  constructor(private readonly store: StateStore) {}

  /** The profile, or null when unknown (deny). */
  get(subjectId: string): SubjectProfile | null {
    return this.store.get<SubjectProfile>('subjects', subjectId);
  }
}
