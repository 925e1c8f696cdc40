// The project's local three-node KRaft cluster for the fault tests: started once per suite
// with scripts/kafka/start.sh --nodes 3 (beside, never instead of, the single broker of the
// other suites), and the faults done to it with scripts/kafka/node.sh.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { waitFor } from '../../support/wait-for';

const run = promisify(execFile);
const scripts = resolve(__dirname, '../../../scripts/kafka');

/** The internal topics whose replicas must be back before the next fault. */
const INTERNAL_TOPICS = ['__consumer_offsets', '__transaction_state'];

/** A running local cluster and the faults a test can do to it. */
export class LocalCluster {
  private admin: Admin | undefined;

  private constructor(
    readonly dir: string,
    readonly brokers: string,
    readonly nodeIds: number[],
    private readonly ports: Map<number, number>,
  ) {}

  /** Starts a cluster of `nodes` nodes that stops with this process (start.sh --owner). */
  static async start(nodes = 3): Promise<LocalCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'onward-fault-cluster-'));
    const { stdout } = await run(
      'bash',
      [
        join(scripts, 'start.sh'),
        '--nodes',
        String(nodes),
        '--dir',
        dir,
        '--owner',
        String(process.pid),
      ],
      { maxBuffer: 1 << 20 },
    );
    const brokers = stdout.trim().split('\n').pop() ?? '';
    const ports = new Map(
      readFileSync(join(dir, 'nodes'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(' ').map(Number) as [number, number]),
    );
    return new LocalCluster(dir, brokers, [...ports.keys()], ports);
  }

  /** An admin client on every node of the cluster, made once. */
  async adminClient(): Promise<Admin> {
    if (!this.admin) {
      const kafka = new Kafka({
        clientId: 'onward-fault-admin',
        brokers: this.brokers.split(','),
        logLevel: logLevel.NOTHING,
        retry: { retries: 10, maxRetryTime: 2000 },
      });
      this.admin = kafka.admin();
      await this.admin.connect();
    }
    return this.admin;
  }

  /** kill -9 of node `id`; resolves once the process is gone. */
  kill(id: number): Promise<void> {
    return this.node(id, 'kill');
  }

  /** A controlled shutdown (SIGTERM) of node `id`; resolves once the process is gone. */
  stop(id: number): Promise<void> {
    return this.node(id, 'stop');
  }

  /** Starts node `id` again on its data; resolves once it answers a metadata request. */
  restart(id: number): Promise<void> {
    return this.node(id, 'start');
  }

  /** The node leading the most partitions of `topic` (the lowest id on a tie). */
  async leaderOfMostPartitions(topic: string): Promise<{ id: number; partitions: number }> {
    const admin = await this.adminClient();
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    const led = new Map<number, number>();
    for (const p of meta.topics[0]?.partitions ?? [])
      led.set(p.leader, (led.get(p.leader) ?? 0) + 1);
    const [id, partitions] = [...led].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [0, 0];
    return { id, partitions };
  }

  /**
   * The active controller: the KRaft quorum leader. Clients' metadata does not name it (KRaft
   * answers with a random broker), so it is read from the voters' own quorum-state files; the
   * highest epoch any voter has seen names the current leader.
   */
  activeController(): number {
    let best = { leaderId: -1, leaderEpoch: -1 };
    for (const id of this.nodeIds) {
      const file = join(this.dir, `node-${id}`, 'data', '__cluster_metadata-0', 'quorum-state');
      if (!existsSync(file)) continue;
      const state = JSON.parse(readFileSync(file, 'utf8')) as typeof best;
      if (state.leaderId >= 0 && state.leaderEpoch > best.leaderEpoch) best = state;
    }
    if (best.leaderId < 0) throw new Error('no voter has recorded a quorum leader');
    return best.leaderId;
  }

  /**
   * Waits until every partition of `topics` and of the internal topics has every replica in
   * sync (with no topics: until the internal ones are, which needs every node up).
   */
  async awaitFullIsr(topics: string[], timeoutMs = 120_000): Promise<void> {
    const admin = await this.adminClient();
    await waitFor(
      async () => {
        // The internal topics exist once a group or a transaction has used them.
        const existing = new Set(await admin.listTopics());
        const internal = INTERNAL_TOPICS.filter((t) => existing.has(t));
        const meta = await admin.fetchTopicMetadata({ topics: [...topics, ...internal] });
        return meta.topics.every((t) =>
          t.partitions.every((p) => p.isr.length === this.nodeIds.length && p.leader >= 0),
        );
      },
      { timeoutMs, intervalMs: 250, what: `every replica of ${topics.join(', ')} in sync` },
    );
  }

  /**
   * Waits until every node answers metadata for `topics` with a leader for each partition: a
   * node that was restarted a moment ago may not know a topic created since, and a client that
   * asks it first fails (kafkajs does not retry UNKNOWN_TOPIC_OR_PARTITION on subscribe).
   */
  async awaitTopicsOnEveryNode(topics: string[], timeoutMs = 60_000): Promise<void> {
    for (const [id, port] of this.ports) {
      const kafka = new Kafka({
        clientId: `onward-fault-node-${id}`,
        brokers: [`127.0.0.1:${port}`],
        logLevel: logLevel.NOTHING,
        retry: { retries: 0 },
      });
      const admin = kafka.admin();
      try {
        await waitFor(
          async () => {
            await admin.connect();
            const meta = await admin.fetchTopicMetadata({ topics });
            return meta.topics.every((t) => t.partitions.every((p) => p.leader >= 0));
          },
          { timeoutMs, intervalMs: 250, what: `node ${id} to know ${topics.join(', ')}` },
        );
      } finally {
        await admin.disconnect();
      }
    }
  }

  /** Stops every node (stop.sh) and removes the cluster's data. */
  async stopAll(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    await run('bash', [join(scripts, 'stop.sh'), '--dir', this.dir]);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async node(id: number, action: 'kill' | 'stop' | 'start'): Promise<void> {
    await run('bash', [join(scripts, 'node.sh'), '--dir', this.dir, '--node', String(id), action], {
      maxBuffer: 1 << 20,
    });
  }
}
