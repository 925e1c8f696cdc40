import { Injectable } from '@nestjs/common';
import type { SubjectProfile } from '@app/contracts';
import { LatestByKey } from './latest-by-key';

/** The subject profiles as last written on the compacted subjects topic. */
@Injectable()
export class SubjectsRegistry extends LatestByKey<SubjectProfile> {}
