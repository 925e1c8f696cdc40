import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ONWARD_LOGGER, OnwardError } from '@app/runtime';
import type { Logger } from 'pino';
import { ShareTopicCollisionError, TopicAdminService } from '../kafka/topic-admin.service';
import { keyDigest } from './key-digest';
import type { ShareTopicReadiness } from './state.constants';

/** How long a batch may wait for the share topic of a recipient registered just before it. */
export const SHARE_TOPIC_HOLD_MS = 10_000;
/** Bounds of the creation retries: first retry after 1 s, then doubling up to one minute. */
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 60_000;
/** One creation attempt (list + create + leader election) never takes longer than this. */
const ATTEMPT_TIMEOUT_MS = 30_000;

type TopicState =
  | { kind: 'ready' }
  | {
      kind: 'pending';
      since: number;
      attempts: number;
      reason: string | null;
      /** Will not succeed while things stay as they are (a collision): not waited for. */
      hopeless: boolean;
    };

/**
 * Creates recipients' share topics outside the state consumer (DESIGN §2: a topic per
 * recipient). Registration only queues the creation, so no topic the broker refuses can stall
 * the state or the pipeline. A recipient whose topic does not exist yet cannot be delivered to
 * and so is not decidable: decisions treat it as unknown (deny) — after holding a batch at most
 * {@link SHARE_TOPIC_HOLD_MS} for a just-registered one. Ids whose topic would collide with
 * another (`col.lide` vs `col_lide`) stay in that state: the first one created keeps the name.
 */
@Injectable()
export class ShareTopicsService implements ShareTopicReadiness, OnModuleDestroy {
  private readonly states = new Map<string, TopicState>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private waiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly topicAdmin: TopicAdminService,
    @Inject(ONWARD_LOGGER) private readonly logger: Logger,
  ) {}

  /** Queues the creation of the recipient's topic unless it is ready or queued. Never blocks. */
  register(recipientId: string): void {
    if (this.states.has(recipientId) || this.stopped) return;
    this.states.set(recipientId, {
      kind: 'pending',
      since: Date.now(),
      attempts: 0,
      reason: null,
      hopeless: false,
    });
    this.attempt(recipientId);
  }

  /** Stops creating the topic of a recipient that was forgotten (tombstone or invalid record). */
  forget(recipientId: string): void {
    const state = this.states.get(recipientId);
    if (state?.kind !== 'pending') return;
    this.states.delete(recipientId);
    clearTimeout(this.timers.get(recipientId));
    this.timers.delete(recipientId);
    this.wake();
  }

  /** Whether the recipient's share topic exists, so a share to it can be delivered. */
  isReady(recipientId: string): boolean {
    return this.states.get(recipientId)?.kind === 'ready';
  }

  /**
   * Resolves once no recipient registered less than {@link SHARE_TOPIC_HOLD_MS} ago is still
   * waiting for its topic (a failed attempt, e.g. during a leader election, is retried within the
   * hold; a collision is not waited for). Never rejects: what is not ready by then is unknown.
   */
  async awaitFresh(): Promise<void> {
    for (;;) {
      const wait = this.freshWaitMs();
      if (wait <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, wait);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.push(done);
      });
    }
  }

  /** Recipients whose topic could not be created past the hold, for /health (digests only). */
  problems(): { recipient: string; reason: string; attempts: number }[] {
    const now = Date.now();
    const out: { recipient: string; reason: string; attempts: number }[] = [];
    for (const [id, s] of this.states) {
      if (s.kind === 'pending' && (s.hopeless || now - s.since > SHARE_TOPIC_HOLD_MS)) {
        const reason = s.reason ?? 'not created yet';
        out.push({ recipient: keyDigest(id), reason, attempts: s.attempts });
      }
    }
    return out;
  }

  onModuleDestroy(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.wake();
  }

  private freshWaitMs(): number {
    const now = Date.now();
    let wait = 0;
    for (const s of this.states.values()) {
      if (s.kind === 'pending' && !s.hopeless) {
        wait = Math.max(wait, s.since + SHARE_TOPIC_HOLD_MS - now);
      }
    }
    return wait;
  }

  private attempt(recipientId: string): void {
    void withTimeout(this.topicAdmin.ensureShareTopic(recipientId), ATTEMPT_TIMEOUT_MS).then(
      () => this.settle(recipientId, null),
      (err: unknown) => this.settle(recipientId, err),
    );
  }

  private settle(recipientId: string, err: unknown): void {
    const state = this.states.get(recipientId);
    if (state?.kind !== 'pending' || this.stopped) return;
    if (err === null) {
      this.states.set(recipientId, { kind: 'ready' });
    } else {
      const attempts = state.attempts + 1;
      const hopeless = err instanceof ShareTopicCollisionError;
      const reason = hopeless
        ? 'collides with an existing topic'
        : `creation failed: ${(err as Error)?.name ?? 'error'}`;
      this.states.set(recipientId, { ...state, attempts, reason, hopeless });
      const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(attempts - 1, 10));
      // Logged by digest: a refused id is still a partner's name, and the log is not the place.
      this.logger.warn(
        { recipient: keyDigest(recipientId), reason, attempts, retryInMs: delay },
        'share topic cannot be created; the recipient is undecidable (deny) until it is',
      );
      this.timers.set(
        recipientId,
        setTimeout(() => {
          this.timers.delete(recipientId);
          this.attempt(recipientId);
        }, delay),
      );
    }
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ShareTopicTimeoutError(ms)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** One creation attempt took longer than its bound; it is retried later. */
class ShareTopicTimeoutError extends OnwardError {
  override name = 'ShareTopicTimeoutError';
  override readonly retriable = true;
  constructor(ms: number) {
    super(`share topic creation did not finish within ${ms} ms`);
  }
}
