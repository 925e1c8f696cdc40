import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { ONWARD_KAFKA, ONWARD_LOGGER } from '../runtime.constants';
import { TopicAdmin } from './topic-admin';

/** Holds the admin connection that proves the broker is reachable, for start-up and /health. */
@Injectable()
export class KafkaConnectionService implements OnModuleInit, OnApplicationShutdown {
  private admin: Admin | undefined;
  private connected = false;

  constructor(
    @Inject(ONWARD_KAFKA) private readonly kafka: Kafka,
    @Inject(ONWARD_LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    this.admin = this.kafka.admin();
    this.admin.on(this.admin.events.CONNECT, () => (this.connected = true));
    this.admin.on(this.admin.events.DISCONNECT, () => (this.connected = false));
    await this.admin.connect();
    const cluster = await this.admin.describeCluster();
    this.connected = true;
    this.logger.info(
      { clusterId: cluster.clusterId, brokers: cluster.brokers.length },
      'connected to Kafka',
    );
  }

  /** Whether the admin client is connected right now. */
  isConnected(): boolean {
    return this.connected;
  }

  /** The shared admin client (connected after module init). */
  adminClient(): Admin {
    if (!this.admin) throw new Error('Kafka admin used before module init');
    return this.admin;
  }

  /** Topic operations over the shared admin client (connected after module init). */
  topicAdmin(): TopicAdmin {
    return TopicAdmin.over(this.adminClient());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }
}
