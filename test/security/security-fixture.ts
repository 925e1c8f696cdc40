// One secured deployment for the security tests: a secured broker of its own, the provisioned
// principals, the real gateway running as User:onward-gateway, and two partners whose ids
// share a prefix ("acme" and "acme.eu") to show that neither ACL reaches the other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ED25519_NOTE_TYPE, generateNoteKey, topicNames, type TopicNames } from '@app/contracts';
import type { Kafka, KafkaConfig } from 'kafkajs';
import { FIXED_USERS, partnerUser } from '../../apps/cli/src/access/access-acls';
import { startApp, type AppProcess } from '../support/app-process';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { TEST_PSEUDONYM_KEY } from '../support/gateway-harness';
import { uniqueName } from '../support/kafka';
import { SecureBroker, type CliRun } from '../support/secure-broker';
import { waitFor } from '../support/wait-for';

/** A record read back as the super-user. */
export interface AdminRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  /** Header values as text (a missing or empty header is absent). */
  headers: Record<string, string>;
}

export class SecuredDeployment {
  readonly prefix = `${uniqueName('sec')}.`;
  readonly gatewayGroup = uniqueName('gw');
  readonly topics: TopicNames = topicNames(this.prefix);
  readonly secrets = join(mkdtempSync(join(tmpdir(), 'onward-secrets-')), 'principals');
  readonly partnerA = 'acme';
  readonly partnerB = 'acme.eu';
  readonly learner = 'learner-sec-1';
  broker!: SecureBroker;
  gateway: AppProcess | undefined;
  provisioned!: CliRun;

  /**
   * Starts the broker and provisions the principals; then starts the real gateway (which
   * creates the topics), or, with `gateway: false`, creates the topics as the super-user.
   */
  async start({ gateway = true } = {}): Promise<void> {
    this.broker = await SecureBroker.start();
    this.provisioned = await this.access([
      'provision',
      '--secrets-dir',
      this.secrets,
      '--gateway-group',
      this.gatewayGroup,
    ]);
    if (this.provisioned.code !== 0)
      throw new Error(`provision failed: ${this.provisioned.stderr}`);
    if (!gateway) return this.createTopics();
    this.gateway = startApp('gateway', {
      KAFKA_BROKERS: this.broker.brokers,
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: FIXED_USERS.gateway,
      KAFKA_SASL_PASSWORD_FILE: join(this.secrets, `${FIXED_USERS.gateway}.password`),
      ONWARD_TOPIC_PREFIX: this.prefix,
      GATEWAY_GROUP_ID: this.gatewayGroup,
      ONWARD_PARTITIONS: '2',
      ONWARD_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
      GATEWAY_HTTP_PORT: '0',
      GATEWAY_TRANSACTION_TIMEOUT_MS: '10000',
      // A checkpoint in every transaction: the gateway's write to the checkpoints topic is
      // exercised under its ACLs by every request.
      GATEWAY_CHECKPOINT_KEY: generateNoteKey('onward.test/secure', ED25519_NOTE_TYPE).signer,
      GATEWAY_CHECKPOINT_EVERY_EVENTS: '1',
    });
    try {
      await this.gateway.url();
    } catch (err: unknown) {
      // A gateway that exits at start (a refused ACL, say) says why only in its own output.
      const said = this.gateway.output().slice(-4000);
      throw new Error(`${(err as Error).message}; gateway output:\n${said}`);
    }
  }

  /** The topics of the deployment and both partners' share topics, made by the super-user. */
  private async createTopics(): Promise<void> {
    const admin = this.broker.admin().admin();
    await admin.connect();
    const t = this.topics;
    const compacted = [{ name: 'cleanup.policy', value: 'compact' }];
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: t.recipients, numPartitions: 2, configEntries: compacted },
        { topic: t.subjects, numPartitions: 2, configEntries: compacted },
        ...[t.shareRequests, t.audit, t.dlq, t.checkpoints].map((topic) => ({
          topic,
          numPartitions: 2,
        })),
        ...[this.partnerA, this.partnerB].map((id) => ({ topic: this.shareTopic(id) })),
      ],
    });
    await admin.disconnect();
  }

  /** `<prefix>shares.<recipientId>`. */
  shareTopic(recipientId: string): string {
    return `${this.prefix}shares.${recipientId}`;
  }

  /** Writes records to `topic` as the super-user (who may write anywhere). */
  async writeAsAdmin(topic: string, values: string[]): Promise<void> {
    // Retries for broker conditions (a leader still being elected on a loaded machine);
    // authorization failures are not retriable, so no refusal is hidden by them.
    const producer = this.broker.admin({ retry: { retries: 8 } }).producer();
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: values.map((value) => ({ value })) });
    } finally {
      await producer.disconnect();
    }
  }

  /** Registers both recipients (as compliance) and the learner (as accounts), adds partners. */
  async onboardPartners(): Promise<void> {
    await this.registerRecipient(this.partnerA, 'active');
    await this.registerRecipient(this.partnerB, 'active');
    await this.produceAs(
      FIXED_USERS.accounts,
      this.topics.subjects,
      this.learner,
      subject(this.learner),
    );
    for (const id of [this.partnerA, this.partnerB]) {
      const added = await this.access(['partner', 'add', id, '--secrets-dir', this.secrets]);
      if (added.code !== 0) throw new Error(`partner add ${id} failed: ${added.stderr}`);
    }
  }

  /** Publishes the learner's erasure (as accounts): the gateway then notices past recipients. */
  async eraseLearner(): Promise<void> {
    const erased = subject(this.learner, { erased: true });
    await this.produceAs(FIXED_USERS.accounts, this.topics.subjects, this.learner, erased);
  }

  /** Publishes a recipient record with `status` as User:onward-compliance. */
  async registerRecipient(recipientId: string, status: 'active' | 'suspended'): Promise<void> {
    const value = recipient('institution', { recipientId, status });
    await this.produceAs(FIXED_USERS.compliance, this.topics.recipients, recipientId, value);
  }

  /** Publishes a share request to `recipientId` as User:onward-producer. */
  async request(requestId: string, recipientId: string): Promise<void> {
    const value = shareRequest(requestId, this.learner, recipientId, 'course_administration');
    await this.produceAs(FIXED_USERS.producer, this.topics.shareRequests, this.learner, value);
  }

  /** Runs `onward access …` as the super-user. */
  access(args: string[]): Promise<CliRun> {
    return this.broker.access(this.prefix, args);
  }

  /** A client of a provisioned user (its password read from the secrets dir). */
  clientOf(user: string, config: Partial<KafkaConfig> = {}): Kafka {
    return this.broker.clientOf(this.secrets, user, config);
  }

  /** The SCRAM user of a partner. */
  partner(recipientId: string): string {
    return partnerUser(recipientId);
  }

  /** Reads `topic` as the super-user (read_committed) until `until` holds for the records. */
  async readAsAdmin(
    topic: string,
    until: (records: AdminRecord[]) => boolean,
    what: string,
  ): Promise<AdminRecord[]> {
    const consumer = this.broker.admin().consumer({ groupId: uniqueName('admin-reader') });
    const records: AdminRecord[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          records.push({
            topic,
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? null,
            headers: Object.fromEntries(
              Object.entries(message.headers ?? {}).flatMap(([k, v]) =>
                v ? [[k, v.toString()]] : [],
              ),
            ),
          });
        },
      });
      await waitFor(() => until(records), { what, timeoutMs: 60_000 });
      return records;
    } finally {
      await consumer.disconnect();
    }
  }

  async stop(): Promise<void> {
    await this.gateway?.stop('SIGKILL');
    await this.broker?.stop();
    rmSync(dirname(this.secrets), { recursive: true, force: true });
  }

  private async produceAs(user: string, topic: string, key: string, value: object): Promise<void> {
    const producer = this.clientOf(user, { retry: { retries: 8 } }).producer();
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: [{ key, value: JSON.stringify(value) }] });
    } finally {
      await producer.disconnect();
    }
  }
}
