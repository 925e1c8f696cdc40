// Test support: the partner built in this process, so that a notice validator can be injected
// (the contract's SubjectNotice validator is wired at merge with the notices feature).
import { NestFactory } from '@nestjs/core';
import type { INestMicroservice } from '@nestjs/common';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
} from 'kafkajs';
import pino from 'pino';
import { PartnerEnv } from '../../apps/partner/src/config/partner-env';
import { PartnerModule } from '../../apps/partner/src/partner.module';
import { partnerKafkaServer } from '../../apps/partner/src/partner-transport';
import type { SecuredDeployment } from '../security/security-fixture';

/**
 * Creates `<prefix>notice-acks.<recipientId>` and lets the partner write it. The notices
 * feature provisions this grant with the partner (access-acls); until it lands, the test does.
 */
export async function openAckTopic(d: SecuredDeployment, recipientId: string): Promise<string> {
  const topic = noticeAckTopicFor(d.prefix, recipientId);
  const admin = d.broker.admin({ retry: { retries: 8 } }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic }] });
    await admin.createAcls({
      acl: [
        {
          principal: `User:${d.partner(recipientId)}`,
          host: '*',
          resourceType: AclResourceTypes.TOPIC,
          resourceName: topic,
          resourcePatternType: ResourcePatternTypes.LITERAL,
          operation: AclOperationTypes.WRITE,
          permissionType: AclPermissionTypes.ALLOW,
        },
      ],
    });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

/** Starts the partner module in this process with `env` and the stand-in notice validator. */
export async function startPartnerInProcess(
  env: Record<string, string>,
): Promise<INestMicroservice> {
  const config = Object.assign(new PartnerEnv(), env);
  const logger = pino({ level: 'silent' });
  const app = await NestFactory.createMicroservice(
    PartnerModule.forRoot(config, logger),
    { strategy: partnerKafkaServer(config), logger: false },
  );
  await app.listen();
  return app;
}
