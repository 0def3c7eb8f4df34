// What bench/pipeline.bench.ts reads from outside the processes it measures: Postgres (raw events, outbox, alerts,
// table statistics) and the BullMQ queues in Redis. Its own connections, independent of the app's.
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { QueueName, redisConnection } from '@app/queue';
import { cpuTicksOf, ticksToSeconds } from './proc-stats';

/** Outbox rows parked with this relayed_at are invisible to the relay (it takes `relayed_at IS NULL`). */
const HELD = '9999-12-31T00:00:00Z';

export interface Snapshot {
  rawPending: number;
  rawProcessed: number;
  rawFailed: number;
  outboxPending: number;
  /** Jobs waiting, active, delayed or prioritized, per queue. */
  queued: Record<string, number>;
  /** finishedOn (ms) of the most recently completed job over all queues; 0 before the first. */
  lastFinishedOn: number;
}

export interface JobTiming {
  jobs: number;
  runMs: { mean: number; p95: number };
  waitMs: { p50: number; max: number };
  jobSeconds: number;
}

export class PipelineState {
  private readonly queues: Queue[];
  /** CPU ticks per Postgres backend pid seen serving this database (the highest reading: the counters only grow). */
  private readonly backendTicks = new Map<number, number>();
  private readonly backendSampler: NodeJS.Timeout;
  /** One query at a time on the one connection (the sampler runs alongside the waits). */
  private queries: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: Client,
    redisUrl: string,
    prefix: string,
  ) {
    this.queues = Object.values(QueueName).map((name) => new Queue(name, { connection: redisConnection(redisUrl), prefix }));
    this.backendSampler = setInterval(() => void this.sampleBackends().catch(() => undefined), 500);
  }

  static async open(databaseUrl: string, redisUrl: string, prefix: string): Promise<PipelineState> {
    const db = new Client({ connectionString: databaseUrl, application_name: 'pipeline-bench' });
    await db.connect();
    return new PipelineState(db, redisUrl, prefix);
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result = this.queries.then(() => this.db.query(sql, params));
    this.queries = result.catch(() => undefined);
    return (await result).rows as T[];
  }

  /** Removes this run's keys from the shared Redis (workers must be stopped) and closes the connections. */
  async close(): Promise<void> {
    clearInterval(this.backendSampler);
    for (const queue of this.queues) {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
    await this.db.end();
  }

  /**
   * CPU seconds used so far by the Postgres backends (and autovacuum workers) serving this database, except this
   * process's own: Postgres's share of the machine, which the app processes' own CPU figures leave out. Sampled
   * every 500 ms, so a backend that exits loses at most its last half second.
   */
  async postgresCpuSeconds(): Promise<number> {
    await this.sampleBackends();
    return ticksToSeconds([...this.backendTicks.values()].reduce((a, b) => a + b, 0));
  }

  private async sampleBackends(): Promise<void> {
    const rows = await this.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    for (const { pid } of rows) {
      const ticks = cpuTicksOf(pid);
      if (ticks !== null) this.backendTicks.set(pid, Math.max(ticks, this.backendTicks.get(pid) ?? 0));
    }
  }

  /** Every queue has `count` consumers connected (BullMQ names its worker connections; CLIENT LIST shows them). */
  async workersConnected(count: number): Promise<boolean> {
    const counts = await Promise.all(this.queues.map((q) => q.getWorkersCount()));
    return counts.every((c) => c >= count);
  }

  /**
   * Parks the pending outbox rows, so workers can boot (seconds of compiling and Nest start-up, on the same CPUs)
   * without touching the backlog; `release` hands it over to warm workers all at once.
   */
  async holdOutbox(): Promise<number> {
    const rows = await this.query(`UPDATE outbox SET relayed_at = $1 WHERE relayed_at IS NULL RETURNING id`, [HELD]);
    return rows.length;
  }

  async releaseOutbox(): Promise<number> {
    const rows = await this.query(`UPDATE outbox SET relayed_at = NULL WHERE relayed_at = $1 RETURNING id`, [HELD]);
    return rows.length;
  }

  async snapshot(): Promise<Snapshot> {
    const [raw] = await this.query<{ pending: number; processed: number; failed: number }>(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'processed')::int AS processed,
              count(*) FILTER (WHERE status = 'failed')::int AS failed FROM raw_events`,
    );
    const [{ pending }] = await this.query<{ pending: number }>(`SELECT count(*)::int AS pending FROM outbox WHERE relayed_at IS NULL`);
    const queued: Record<string, number> = {};
    let lastFinishedOn = 0;
    for (const queue of this.queues) {
      const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      queued[queue.name] = Object.values(c).reduce((a, b) => a + b, 0);
      const [latest] = await queue.getCompleted(0, 0);
      lastFinishedOn = Math.max(lastFinishedOn, latest?.finishedOn ?? 0);
    }
    return { rawPending: raw.pending, rawProcessed: raw.processed, rawFailed: raw.failed, outboxPending: pending, queued, lastFinishedOn };
  }

  /**
   * Waits until nothing is left anywhere: no raw event pending, no outbox row unrelayed, no job queued or running, and
   * no job completed between two such observations `quietMs` apart (a job that has just finished may have written an
   * outbox row the relay has not polled yet). Returns the last snapshot; its lastFinishedOn is when the work ended.
   */
  async waitIdle(options: { quietMs: number; timeoutMs: number; label: string; progress?: boolean }): Promise<Snapshot> {
    const deadline = Date.now() + options.timeoutMs;
    let idleSince: Snapshot | null = null;
    let idleAt = 0;
    let lastProgress = Date.now();
    for (;;) {
      const s = await this.snapshot();
      const empty = s.rawPending === 0 && s.outboxPending === 0 && Object.values(s.queued).every((n) => n === 0);
      if (!empty || (idleSince && idleSince.lastFinishedOn !== s.lastFinishedOn)) idleSince = null;
      else if (!idleSince) [idleSince, idleAt] = [s, Date.now()];
      else if (Date.now() - idleAt >= options.quietMs) return s;
      if (Date.now() > deadline) throw new Error(`${options.label}: not idle after ${options.timeoutMs / 1000} s: ${describe(s)}`);
      if (options.progress && Date.now() - lastProgress >= 5000) {
        lastProgress = Date.now();
        process.stderr.write(`  … ${options.label}: ${describe(s)}\n`);
      }
      await sleep(100);
    }
  }

  /** Completed and failed jobs per queue (BullMQ keeps up to 50 000 completed ids per queue: enough for the defaults). */
  async jobCounts(): Promise<Record<string, { completed: number; failed: number }>> {
    const out: Record<string, { completed: number; failed: number }> = {};
    for (const queue of this.queues) {
      const c = await queue.getJobCounts('completed', 'failed');
      out[queue.name] = { completed: c.completed ?? 0, failed: c.failed ?? 0 };
    }
    return out;
  }

  /**
   * Where the workers' time went, per queue, from the completed jobs BullMQ keeps (the newest 50 000 per queue):
   * run = finishedOn − processedOn (includes waiting for a pooled connection or a row lock), wait = processedOn −
   * when the relay added the job. jobSeconds = the sum of run times, to compare queues with each other.
   */
  async jobTimings(): Promise<Record<string, JobTiming>> {
    const out: Record<string, JobTiming> = {};
    for (const queue of this.queues) {
      const jobs = await queue.getCompleted(0, 49_999);
      if (jobs.length === 0) continue;
      const run = jobs.map((j) => (j.finishedOn ?? 0) - (j.processedOn ?? 0)).sort((a, b) => a - b);
      const wait = jobs.map((j) => (j.processedOn ?? 0) - j.timestamp).sort((a, b) => a - b);
      const total = run.reduce((a, b) => a + b, 0);
      out[queue.name] = {
        jobs: jobs.length,
        runMs: { mean: Math.round(total / jobs.length), p95: run[Math.ceil(0.95 * run.length) - 1] },
        waitMs: { p50: wait[Math.ceil(0.5 * wait.length) - 1], max: wait[wait.length - 1] },
        jobSeconds: Math.round(total / 100) / 10,
      };
    }
    return out;
  }

  /**
   * Rows ever inserted into daily_metrics (pg_stat_user_tables.n_tup_ins, which counts COPY rows too). A backend
   * reports its counts when it exits at the latest, so call this once the app's processes are gone: it waits until
   * no other backend is connected to the database.
   */
  async dailyMetricsInserted(): Promise<number> {
    for (let i = 0; i < 100; i++) {
      const [{ others }] = await this.query<{ others: number }>(
        `SELECT count(*)::int AS others FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      if (others === 0) break;
      await sleep(100);
    }
    await sleep(500); // exiting backends flush their statistics on the way out
    const [{ inserted }] = await this.query<{ inserted: string }>(`SELECT n_tup_ins AS inserted FROM pg_stat_user_tables WHERE relname = 'daily_metrics'`);
    return Number(inserted);
  }
}

/** Every BullMQ queue prefix of this benchmark starts with this; one random suffix per run. */
export const QUEUE_PREFIX_STEM = 'bench-pipeline-';

/**
 * Deletes the queue keys an interrupted earlier run left in the shared Redis (a completed run removes its own).
 * Only keys under this benchmark's own prefix stem; returns how many.
 */
export async function removeStaleQueues(redisUrl: string): Promise<number> {
  const redis = new Redis(redisUrl);
  let removed = 0;
  try {
    for await (const keys of redis.scanStream({ match: `${QUEUE_PREFIX_STEM}*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) removed += await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
  return removed;
}

export function describe(s: Snapshot): string {
  const queued = Object.entries(s.queued)
    .map(([q, n]) => `${q} ${n}`)
    .join(', ');
  return `raw events pending ${s.rawPending} / processed ${s.rawProcessed} / failed ${s.rawFailed}; outbox pending ${s.outboxPending}; queued jobs: ${queued}`;
}
