import {
  ConflictException,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  UseGuards,
} from '@nestjs/common';
import type { EventProof } from '@app/contracts';
import { storedEventProof } from '../../witness/stored-tree';
import { WITNESS_CONTEXT, type WitnessContext } from '../../witness/witness-context';
import type { StoredCheckpointAlert } from '../../witness/witness.repository';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';

/** Latest cosigned checkpoint of one partition, as the API shows it. */
export interface CosignedView {
  partition: number;
  size: number;
  rootHash: string;
  cosignedAt: string;
  checkpoint: string;
}

/**
 * Receipts (issue 13): `GET /api/events/:eventId/proof` gives the event, its inclusion proof
 * and the checkpoint the witness cosigned, for `onward proof verify` to check offline;
 * `GET /api/checkpoints` the latest cosigned checkpoint per partition and the witness alerts.
 */
@Controller('api')
@UseGuards(BearerAuthGuard)
export class ProofController {
  constructor(@Inject(WITNESS_CONTEXT) private readonly witness: WitnessContext) {}

  @Get('events/:eventId/proof')
  async proof(@Param('eventId') eventId: string): Promise<EventProof> {
    const leaf = await this.witness.repo.leafOfEvent(eventId.slice(0, 200));
    if (!leaf) throw new NotFoundException(`no witnessed event ${eventId.slice(0, 200)}`);
    const head = (await this.witness.repo.cosignedHeads()).find(
      (h) => h.partition === leaf.partition,
    );
    if (!head || head.size <= leaf.seq) {
      throw new ConflictException('the event is not yet covered by a cosigned checkpoint');
    }
    const proof = await storedEventProof(this.witness.repo, leaf, head);
    if (!proof) throw new ConflictException('the witness is still building its tree nodes');
    return proof;
  }

  @Get('checkpoints')
  async checkpoints(): Promise<{ cosigned: CosignedView[]; alerts: StoredCheckpointAlert[] }> {
    const heads = await this.witness.repo.cosignedHeads();
    return {
      cosigned: heads.map((h) => ({
        partition: h.partition,
        size: h.size,
        rootHash: h.rootHash.toString('base64'),
        cosignedAt: h.cosignedAt,
        checkpoint: h.note,
      })),
      alerts: await this.witness.repo.alerts(),
    };
  }
}
