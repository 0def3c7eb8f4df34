import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobProducer } from './job-producer.service';
import { batchJobs, JobRequest } from './outbox-batching';
import { OutboxRepository, PendingOutboxMessage } from './outbox.repository';

export const OUTBOX_RELAY_AUTOSTART = Symbol('OUTBOX_RELAY_AUTOSTART');

/**
 * Moves outbox rows to BullMQ. While Redis is down the rows simply wait: the webhook was already answered,
 * and nothing is lost. Runs in every worker; SKIP LOCKED lets them share the work.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private paused = false;
  private lastFailureLoggedAt = 0;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly producer: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OUTBOX_RELAY_AUTOSTART) private readonly autostart: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (this.autostart) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pause();
  }

  start(): void {
    this.paused = false;
    this.schedule(0);
  }

  /** Stops relaying and waits for a batch in flight to finish. */
  async pause(): Promise<void> {
    this.paused = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Relays everything pending now; returns how many messages went out. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.outbox.relayBatch(100, (messages) => this.send(messages));
      total += n;
      if (n === 0) return total;
    }
  }

  private schedule(delayMs: number): void {
    if (this.paused) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
        this.schedule(this.config.outboxPollMs);
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    try {
      await this.drain();
    } catch (error) {
      // Redis or Postgres is away: say so at most every 30 s, keep trying every poll.
      if (Date.now() - this.lastFailureLoggedAt > 30_000) {
        this.lastFailureLoggedAt = Date.now();
        this.logger.warn(`outbox relay is waiting: ${(error as Error).message}`);
      }
    }
  }

  /** All or nothing: the messages' jobs (batched, see batchJobs) with one round trip per queue. */
  private async send(messages: PendingOutboxMessage[]): Promise<string[]> {
    await this.producer.enqueueMany(batchJobs(messages.map((m) => ({ name: m.jobName, data: m.payload }) as JobRequest)));
    return messages.map((m) => m.id);
  }
}
