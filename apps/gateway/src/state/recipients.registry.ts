import { Injectable } from '@nestjs/common';
import type { Recipient } from '@app/contracts';
import { LatestByKey } from './latest-by-key';

/** The recipients as last registered on the compacted recipients topic (all partitions). */
@Injectable()
export class RecipientsRegistry extends LatestByKey<Recipient> {}
