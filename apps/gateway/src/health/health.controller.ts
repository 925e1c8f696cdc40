import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { KafkaConnectionService } from '@app/runtime';
import { NoticePipelineService } from '../notices/notice-pipeline.service';
import { SharePipelineService } from '../share-request/share-pipeline.service';
import { StateSyncService } from '../state/state-sync.service';

/**
 * Liveness and readiness: whether the instance is connected, which input partitions it
 * owns, which of them are not progressing, and whether its recipients/subjects state is
 * caught up. `degraded` (503) with `reasons` when not connected, a partition is stuck or the
 * state has a problem (a recipient whose topic cannot be created, a stalled state reader), or
 * the notices of a partition are not progressing.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly connection: KafkaConnectionService,
    private readonly pipeline: SharePipelineService,
    private readonly state: StateSyncService,
    private readonly notices: NoticePipelineService,
  ) {}

  @Get()
  health(@Res({ passthrough: true }) res: Response): Record<string, unknown> {
    const connected = this.connection.isConnected();
    const pipeline = this.pipeline.status();
    const reasons = [
      ...(connected ? [] : ['kafka: not connected']),
      ...pipeline.stuck.map((s) => `input partition ${s.partition}: ${s.reason}`),
      ...this.state.problems(),
      ...this.notices.problems(),
    ];
    if (reasons.length > 0) res.status(503);
    return {
      app: 'gateway',
      status: reasons.length === 0 ? 'ok' : 'degraded',
      reasons,
      kafka: { connected },
      pipeline,
      state: this.state.status(),
      notices: this.notices.status(),
    };
  }
}
