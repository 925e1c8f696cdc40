import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { KafkaConnectionService } from '@app/runtime';
import { IngestStatus } from '../audit-stream/ingest-status';
import { NoticeAckStatus } from '../notices/notice-ack-status';

/**
 * Liveness and readiness for an orchestrator: 200 when connected, 503 otherwise or when the
 * ingest has failed for good (a restart resumes it from the store). No token: it says nothing
 * about the audit stream's content.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly connection: KafkaConnectionService,
    private readonly ingest: IngestStatus,
    private readonly noticeAcks: NoticeAckStatus,
  ) {}

  @Get()
  health(@Res({ passthrough: true }) res: Response): Record<string, unknown> {
    const connected = this.connection.isConnected();
    // A stopped acknowledgements reader is retried every refresh, but says so meanwhile.
    const acks = this.noticeAcks;
    const ok =
      connected && this.ingest.state !== 'failed' && acks.state !== 'failed' && !acks.truncated;
    if (!ok) res.status(503);
    return {
      app: 'auditor',
      status: ok ? 'ok' : 'degraded',
      kafka: { connected },
      ingest: { state: this.ingest.state },
      noticeAcks: { state: acks.state, topics: acks.topics, truncated: acks.truncated },
    };
  }
}
