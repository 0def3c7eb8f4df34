// npm run bench:pipeline — the whole ingestion pipeline, end to end, with the API and the workers as real separate
// processes (node -r @swc-node/register apps/{api,worker}/src/main.ts), against real Postgres and Redis:
//  1. worker throughput, 1 then 2 worker processes: with no worker running, EVENTS signed `session.upserted` webhooks
//     (ATHLETES athletes × EVENTS/ATHLETES sessions spread over DAYS days, oldest day first) are posted to the API,
//     CONCURRENCY in flight; they wait as raw events + outbox rows. Then the workers start, and once they are booted
//     and connected the backlog is handed over: timed from then until every raw event is normalized and every queue
//     is idle (ingest.normalize → load.recompute → alerts.evaluate for each session). Reported: sessions normalized/s
//     and athlete-days recomputed/s, where an athlete-day is one daily_metrics row written by a recompute (a session
//     of day D makes its athlete's rows from D to today be rewritten; counted exactly by Postgres, n_tup_ins), and
//     the ratio 2 workers / 1 worker. Each worker count gets a fresh database, API and queue prefix.
//  2. webhook-to-alert latency at a steady RATE webhooks/s for LATENCY_SECONDS s (open loop: sends follow a fixed
//     timetable, never waiting for answers), 1 API + 2 workers, athletes with 5 weeks of processed history. One
//     webhook in TRIGGER_EVERY is a self-report with back pain 4/10 and a red flag, for an athlete without an alert
//     (back-pain-referral opens a HIGH alert at once); the others update one of an athlete's sessions of the last
//     week (same code path as a new session, without piling load onto the athletes). Latency = alerts.created_at
//     (Postgres, when the evaluating transaction began) − when the trigger was sent; "seen" = when this process's
//     100 ms poll first saw the committed alert (an upper bound; what a coach could see). Goal, judged on "seen":
//     p95 ≤ 1 s (an evaluation transaction may run for hundreds of ms after created_at), every trigger alerted, and
//     nothing lost (2xx answers = raw events stored, all processed).
//  3. peak RSS (VmHWM from /proc) and CPU seconds of the API and of each worker process in both parts.
// The load generator, the API, the workers and Postgres share this machine's CPUs: on a small machine the figures are
// the whole system's, not one component's. WORKER_CONCURRENCY and OUTBOX_POLL_MS pass through to the children
// (unset: the app's defaults). Own database (BENCH_DATABASE_URL, default …/loadwatch_bench_pipeline), dropped and
// migrated for every run; own BullMQ prefix per run, removed afterwards. Results: bench/results/pipeline-<timestamp>.json, .md.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig, loadConfig } from '@app/config';
import { freePort } from '@app/testing';
import { addDays, localDate } from '@app/training-load';
import { childEnvironment, createTeam, openContext, redFlagEvent, resetDatabase, seedExternalId, seedHistory, sessionEvent, Team, trainsOn } from './pipeline-fixture';
import { closedLoop, Delivery, now, openLoop, OpenLoopResult, round, summarize, WebhookClient } from './pipeline-load';
import { BenchProcess, killChildrenOnExit, ProcessReport, stopAll } from './pipeline-processes';
import { JobTiming, PipelineState, QUEUE_PREFIX_STEM, removeStaleQueues, Snapshot } from './pipeline-state';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/loadwatch_bench_pipeline';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const EVENTS = Number(process.env.BENCH_PIPELINE_EVENTS ?? 20_000);
const ATHLETES = Number(process.env.BENCH_PIPELINE_ATHLETES ?? 200);
const DAYS = Number(process.env.BENCH_PIPELINE_DAYS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_PIPELINE_CONCURRENCY ?? 32);
const RATE = Number(process.env.BENCH_PIPELINE_RATE ?? 500);
/** 0 skips part 2 (the latency run). */
const LATENCY_SECONDS = Number(process.env.BENCH_PIPELINE_LATENCY_SECONDS ?? 20);
/** Worker counts of part 1, e.g. `1` or `1,2` (the default). */
const WORKER_COUNTS = (process.env.BENCH_PIPELINE_WORKERS ?? '1,2').split(',').map(Number);
/** Extra `node` arguments for the worker processes, space-separated (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`). */
const WORKER_NODE_ARGS = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const TRIGGER_EVERY = Number(process.env.BENCH_PIPELINE_TRIGGER_EVERY ?? 50);
const LATENCY_ATHLETES = Number(process.env.BENCH_PIPELINE_LATENCY_ATHLETES ?? 300);
const LATENCY_WORKERS = 2;
const HISTORY_DAYS = 35;
/** Longest wait for one drain (or for the triggers' alerts); a stuck pipeline fails the run instead of hanging. */
const TIMEOUT_MS = Number(process.env.BENCH_PIPELINE_TIMEOUT_S ?? 1800) * 1000;
const BOOT_TIMEOUT_MS = 180_000;
const GOAL_P95_MS = 1000;
const TODAY = localDate(new Date(), 'UTC');

/** One measured run: a fresh database, team and queue prefix, and the processes started for it. */
class Run {
  private readonly processes: BenchProcess[] = [];
  private context: INestApplicationContext | null;

  private constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly config: AppConfig,
    context: INestApplicationContext,
    readonly team: Team,
    readonly state: PipelineState,
  ) {
    this.context = context;
  }

  static async start(athletes: number): Promise<Run> {
    await resetDatabase(DATABASE_URL);
    const prefix = `${QUEUE_PREFIX_STEM}${randomBytes(4).toString('hex')}`;
    const env = childEnvironment({ DATABASE_URL, REDIS_URL, QUEUE_PREFIX: prefix, APP_SECRET: randomBytes(24).toString('hex'), PORT: undefined });
    const { app, config } = await openContext(env);
    const team = await createTeam(app, athletes);
    return new Run(env, config, app, team, await PipelineState.open(DATABASE_URL, REDIS_URL, prefix));
  }

  get app(): INestApplicationContext {
    if (!this.context) throw new Error('the Nest context of this run is closed');
    return this.context;
  }

  /** The API on a free port, once GET /health answers 200. */
  async startApi(): Promise<{ api: BenchProcess; baseUrl: string }> {
    const port = await freePort();
    const api = new BenchProcess('api', 'api', { ...this.env, PORT: String(port) });
    this.processes.push(api);
    const baseUrl = `http://127.0.0.1:${port}`;
    await this.until(BOOT_TIMEOUT_MS, 'the API to answer /health', async () => {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
      return res?.status === 200;
    });
    return { api, baseUrl };
  }

  startWorkers(count: number): BenchProcess[] {
    const started = Array.from({ length: count }, (_, i) => new BenchProcess(`worker ${i + 1}`, 'worker', this.env, WORKER_NODE_ARGS));
    this.processes.push(...started);
    return started;
  }

  /** Until each worker process has its consumers on every queue, plus a second for the rest of its bootstrap. */
  async workersReady(count: number): Promise<void> {
    await this.until(BOOT_TIMEOUT_MS, `${count} worker(s) to connect`, () => this.state.workersConnected(count));
    await sleep(1000);
  }

  /** `work`, unless one of this run's processes dies first. */
  guarded<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, ...this.processes.map((p) => p.guard())]);
  }

  async stopProcesses(): Promise<ProcessReport[]> {
    const reports = await stopAll(this.processes);
    this.processes.length = 0;
    return reports;
  }

  async closeContext(): Promise<void> {
    await this.context?.close();
    this.context = null;
  }

  async dispose(): Promise<void> {
    await stopAll(this.processes);
    await this.closeContext();
    await this.state.close();
  }

  private async until(timeoutMs: number, what: string, check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.guarded(check()))) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
      await sleep(200);
    }
  }
}

/** CPU % over an interval (100 = one core busy all along): each app process, and this database's Postgres backends. */
interface Cpu {
  api: number;
  workers: number[];
  postgres: number;
}

/** CPU seconds so far: [api, ...workers, postgres]. */
async function cpuSeconds(run: Run, api: BenchProcess, workers: BenchProcess[]): Promise<number[]> {
  return [...[api, ...workers].map((p) => p.cpuSecondsNow()), await run.state.postgresCpuSeconds()];
}

function cpuShare(before: number[], after: number[], seconds: number): Cpu {
  const percent = after.map((c, i) => round((100 * (c - before[i])) / Math.max(seconds, 0.001), 0));
  return { api: percent[0], workers: percent.slice(1, -1), postgres: percent[percent.length - 1] };
}

const quietMs = (config: AppConfig) => Math.max(1000, 3 * config.outboxPollMs);

// ─── Part 1: throughput ──────────────────────────────────────────────────────────────────────────────────────────

interface ThroughputRun {
  workers: number;
  ingest: {
    webhooks: number;
    accepted: number;
    failed: number;
    seconds: number;
    perSecond: number;
    latencyMs: ReturnType<typeof summarize>;
    /** CPU ms per webhook taken in: the API process, and Postgres (this database's backends). */
    cpuMsPerWebhook: { api: number; postgres: number };
  };
  /** Seconds from spawning the workers until every one had its consumers connected (not part of the drain). */
  workerBootSeconds: number;
  drain: {
    seconds: number;
    /** Until the last raw event was normalized (the recomputes and evaluations behind it may still run). */
    normalizeSeconds: number;
    sessions: number;
    sessionsPerSecond: number;
    athleteDaysWritten: number;
    athleteDaysPerSecond: number;
    dailyMetricsRows: number;
    alertsOpened: number;
    rawEvents: { stored: number; processed: number; failed: number };
    jobs: Record<string, { completed: number; failed: number }>;
    timings: Record<string, JobTiming>;
    /** CPU seconds used during the drain / drain seconds (100 = one core busy all along); postgres = this database's backends. */
    cpuPercent: Cpu;
    /**
     * CPU ms per session, all workers together and Postgres: what one session costs end to end, whatever the
     * contention. cores × 1000 / (workers + postgres) bounds the sessions/s this machine could reach.
     */
    cpuMsPerSession: { workers: number; postgres: number };
  };
  processes: ProcessReport[];
}

/** Event i of the backlog: athlete i mod ATHLETES, its sessions evenly over the last DAYS days, oldest day first. */
function backlogEvent(team: Team, i: number): object {
  const athletes = team.athleteIds.length;
  const perAthlete = Math.ceil(EVENTS / athletes);
  const daysAgo = DAYS - 1 - Math.floor((Math.floor(i / athletes) * DAYS) / perAthlete);
  return sessionEvent(team.athleteIds[i % athletes], `backlog-${i}`, addDays(TODAY, -daysAgo), i);
}

async function ingestBacklog(run: Run, api: BenchProcess, baseUrl: string): Promise<ThroughputRun['ingest']> {
  const client = new WebhookClient(baseUrl, run.team.secret, CONCURRENCY);
  const cpuBefore = await cpuSeconds(run, api, []);
  const started = now();
  const deliveries = await run.guarded(closedLoop(client, EVENTS, CONCURRENCY, (i) => backlogEvent(run.team, i)));
  const seconds = (now() - started) / 1000;
  const [apiCpu, postgresCpu] = (await cpuSeconds(run, api, [])).map((c, i) => c - cpuBefore[i]);
  client.close();
  const accepted = deliveries.filter((d) => d.status >= 200 && d.status < 300).length;
  return {
    webhooks: EVENTS,
    accepted,
    failed: EVENTS - accepted,
    seconds: round(seconds),
    perSecond: round(EVENTS / seconds, 1),
    latencyMs: summarize(deliveries.map((d) => d.latencyMs)),
    cpuMsPerWebhook: { api: round((1000 * apiCpu) / accepted), postgres: round((1000 * postgresCpu) / accepted) },
  };
}

/** Spawns the workers and waits until they are connected: their boot (compiling, Nest start-up) is not timed. */
async function bootWorkers(run: Run, count: number): Promise<{ workers: BenchProcess[]; bootSeconds: number }> {
  const started = now();
  const workers = run.startWorkers(count);
  await run.workersReady(count);
  return { workers, bootSeconds: round((now() - started) / 1000) };
}

/** Releases the held backlog to the warm workers and times it until the pipeline is idle; stops the processes. */
async function drainBacklog(run: Run, api: BenchProcess, workers: BenchProcess[], held: number): Promise<Pick<ThroughputRun, 'drain' | 'processes'>> {
  const cpuBefore = await cpuSeconds(run, api, workers);
  if ((await run.state.releaseOutbox()) !== held) throw new Error('the held outbox rows changed while the workers booted');
  const released = now();
  log(`  backlog of ${held} outbox rows released`);
  const idle = await run.guarded(run.state.waitIdle({ quietMs: quietMs(run.config), timeoutMs: TIMEOUT_MS, label: `${workers.length} worker(s)`, progress: true }));
  const seconds = (idle.lastFinishedOn - released) / 1000;
  const cpuAfter = await cpuSeconds(run, api, workers);
  const workerCpu = cpuAfter.slice(1, -1).reduce((sum, c, i) => sum + c - cpuBefore[i + 1], 0);
  const postgresCpu = cpuAfter[cpuAfter.length - 1] - cpuBefore[cpuBefore.length - 1];

  const [counts] = await run.state.query<{ sessions: number; metrics: number; alerts: number; last_processed: Date }>(
    `SELECT (SELECT count(*)::int FROM sessions) AS sessions, (SELECT count(*)::int FROM daily_metrics) AS metrics,
            (SELECT count(*)::int FROM alerts) AS alerts, (SELECT max(processed_at) FROM raw_events) AS last_processed`,
  );
  const jobs = await run.state.jobCounts();
  const timings = await run.state.jobTimings();
  const processes = await run.stopProcesses();
  await run.closeContext();
  // Only the workers' recomputes wrote daily_metrics in this database: every row inserted is an athlete-day.
  const athleteDaysWritten = await run.state.dailyMetricsInserted();
  const drain: ThroughputRun['drain'] = {
    seconds: round(seconds),
    normalizeSeconds: round((counts.last_processed.getTime() - released) / 1000),
    sessions: counts.sessions,
    sessionsPerSecond: round(counts.sessions / seconds, 1),
    athleteDaysWritten,
    athleteDaysPerSecond: Math.round(athleteDaysWritten / seconds),
    dailyMetricsRows: counts.metrics,
    alertsOpened: counts.alerts,
    rawEvents: rawEventsOf(idle),
    jobs,
    timings,
    cpuPercent: cpuShare(cpuBefore, cpuAfter, seconds),
    cpuMsPerSession: { workers: round((1000 * workerCpu) / counts.sessions), postgres: round((1000 * postgresCpu) / counts.sessions) },
  };
  return { drain, processes };
}

async function throughputRun(workerCount: number): Promise<ThroughputRun> {
  log(`part 1, ${workerCount} worker(s): fresh database, ${ATHLETES} athletes`);
  const run = await Run.start(ATHLETES);
  try {
    const { api, baseUrl } = await run.startApi();
    log(`  posting ${EVENTS} webhooks, ${CONCURRENCY} in flight, no worker running`);
    const ingest = await ingestBacklog(run, api, baseUrl);
    log(`  ${ingest.accepted} accepted in ${ingest.seconds} s (${ingest.perSecond}/s); starting ${workerCount} worker(s)`);
    const held = await run.state.holdOutbox();
    const { workers, bootSeconds } = await bootWorkers(run, workerCount);
    log(`  worker(s) connected after ${bootSeconds} s`);
    return { workers: workerCount, ingest, workerBootSeconds: bootSeconds, ...(await drainBacklog(run, api, workers, held)) };
  } finally {
    await run.dispose();
  }
}

const rawEventsOf = (s: Snapshot) => ({ stored: s.rawPending + s.rawProcessed + s.rawFailed, processed: s.rawProcessed, failed: s.rawFailed });

// ─── Part 2: webhook-to-alert latency ────────────────────────────────────────────────────────────────────────────

interface LatencyResult {
  rate: number;
  seconds: number;
  athletes: number;
  sent: number;
  achievedSendRate: number;
  /** 2xx answers per second, from the first send to the last answer: what the API actually took in. */
  absorbedRate: number;
  sendLagMs: ReturnType<typeof summarize>;
  responses: { accepted: number; failed: number; latencyMs: ReturnType<typeof summarize> };
  rawEvents: { stored: number; processed: number; failed: number };
  /** Raw events not yet processed when the last webhook was sent (how far the workers fell behind). */
  backlogWhenSendingEnded: number;
  /** Seconds from the last send until every queue was idle again. */
  catchUpSeconds: number;
  triggers: { sent: number; alerted: number };
  /** alerts.created_at − send time, ms. */
  alertLatencyMs: ReturnType<typeof summarize>;
  /** First seen committed by a 100 ms poll − send time, ms (an upper bound). */
  alertSeenMs: ReturnType<typeof summarize>;
  /** CPU % per process while sending (first send → last answer) and from then until every queue was idle. */
  cpuPercent: { sending: Cpu; catchUp: Cpu };
  timings: Record<string, JobTiming>;
  processes: ProcessReport[];
}

/** Live event i: every TRIGGER_EVERY-th a red-flag self-report for the next athlete, else a session update. */
function liveEvent(team: Team, i: number): { event: object; trigger: string | null } {
  if (i % TRIGGER_EVERY === TRIGGER_EVERY - 1) {
    const athleteId = team.athleteIds[Math.floor(i / TRIGGER_EVERY)];
    return { event: redFlagEvent(athleteId, TODAY), trigger: athleteId };
  }
  const n = i % team.athleteIds.length;
  const trainingDays = [0, 1, 2, 3, 4, 5, 6].filter((d) => trainsOn(n, d));
  const daysAgo = trainingDays[Math.floor(i / team.athleteIds.length) % trainingDays.length];
  return { event: sessionEvent(team.athleteIds[n], seedExternalId(n, daysAgo), addDays(TODAY, -daysAgo), i), trigger: null };
}

/** Polls for the triggers' alerts every 100 ms; `done` resolves when every trigger athlete has one (or on stop()). */
function watchAlerts(state: PipelineState, athletes: string[]): { seen: Map<string, number>; done: Promise<void>; stop: () => void } {
  const seen = new Map<string, number>();
  let stopped = false;
  const done = (async () => {
    while (!stopped && seen.size < athletes.length) {
      const rows = await state.query<{ athlete_id: string }>(`SELECT athlete_id FROM alerts WHERE rule_id = 'back-pain-referral'`);
      const at = now();
      for (const r of rows) if (!seen.has(r.athlete_id)) seen.set(r.athlete_id, at);
      await sleep(100);
    }
  })();
  return { seen, done, stop: () => (stopped = true) };
}

/**
 * Part 2's starting point: `athletes` athletes with HISTORY_DAYS of processed history, the API and the workers up,
 * and the seed's alert evaluations (one per athlete) done: a warm-up, and the alert state the triggers start from.
 */
async function prepareLatencyRun(athletes: number, triggerAthletes: number): Promise<{ run: Run; api: BenchProcess; workers: BenchProcess[]; baseUrl: string }> {
  log(`part 2: fresh database, ${athletes} athletes with ${HISTORY_DAYS} days of history`);
  const run = await Run.start(athletes);
  try {
    await seedHistory(run.app, run.team, HISTORY_DAYS, TODAY);
    await run.closeContext();
    const { api, baseUrl } = await run.startApi();
    const { workers } = await bootWorkers(run, LATENCY_WORKERS);
    await run.guarded(run.state.waitIdle({ quietMs: quietMs(run.config), timeoutMs: TIMEOUT_MS, label: 'seed evaluations' }));
    const [{ existing }] = await run.state.query<{ existing: number }>(
      `SELECT count(*)::int AS existing FROM alerts WHERE athlete_id = ANY($1) AND rule_id LIKE 'back-pain%'`,
      [run.team.athleteIds.slice(0, triggerAthletes)],
    );
    if (existing > 0) throw new Error(`${existing} trigger athletes already have a back-pain alert after seeding`);
    return { run, api, workers, baseUrl };
  } catch (error) {
    await run.dispose();
    throw error;
  }
}

/** The open-loop phase: RATE webhooks/s for LATENCY_SECONDS, remembering which send was which athlete's trigger. */
async function sendLive(run: Run, baseUrl: string): Promise<OpenLoopResult & { triggerOf: Map<number, string> }> {
  const client = new WebhookClient(baseUrl, run.team.secret, 256);
  const triggerOf = new Map<number, string>();
  try {
    const sending = await run.guarded(
      openLoop(client, RATE, LATENCY_SECONDS, (i) => {
        const { event, trigger } = liveEvent(run.team, i);
        if (trigger) triggerOf.set(i, trigger);
        return event;
      }),
    );
    return { ...sending, triggerOf };
  } finally {
    client.close();
  }
}

/** Per trigger: alerts.created_at − sent, and first seen by the poll − sent; triggers without an alert are left out. */
async function alertLatencies(run: Run, sending: OpenLoopResult & { triggerOf: Map<number, string> }, seen: Map<string, number>) {
  const alerts = await run.state.query<{ athlete_id: string; created_at: Date }>(
    `SELECT athlete_id, min(created_at) AS created_at FROM alerts WHERE rule_id = 'back-pain-referral' GROUP BY athlete_id`,
  );
  const createdAt = new Map(alerts.map((a) => [a.athlete_id, a.created_at.getTime()]));
  const created: number[] = [];
  const firstSeen: number[] = [];
  for (const [i, athleteId] of sending.triggerOf) {
    const sentAt = sending.deliveries[i].sentAt;
    const c = createdAt.get(athleteId);
    const s = seen.get(athleteId);
    if (c !== undefined) created.push(c - sentAt);
    if (s !== undefined) firstSeen.push(s - sentAt);
  }
  return { created, firstSeen };
}

async function latencyRun(): Promise<LatencyResult> {
  const triggerCount = Math.floor(Math.round(RATE * LATENCY_SECONDS) / TRIGGER_EVERY);
  const athletes = Math.max(LATENCY_ATHLETES, triggerCount);
  const { run, api, workers, baseUrl } = await prepareLatencyRun(athletes, triggerCount);
  try {
    log(`  ${RATE} webhooks/s for ${LATENCY_SECONDS} s, 1 in ${TRIGGER_EVERY} a red-flag self-report (${triggerCount} triggers)`);
    const watcher = watchAlerts(run.state, run.team.athleteIds.slice(0, triggerCount));
    const cpuBefore = await cpuSeconds(run, api, workers);
    const sending = await sendLive(run, baseUrl);
    const sendingEnded = now(); // every answer is in
    const cpuSending = await cpuSeconds(run, api, workers);
    const backlog = await run.state.snapshot();
    log(`  sent ${sending.deliveries.length} in ${round(sending.sendSeconds)} s; ${backlog.rawPending} raw events still pending; waiting for the alerts`);

    await run.guarded(Promise.race([watcher.done, sleep(TIMEOUT_MS)]));
    watcher.stop();
    await watcher.done;
    const idle = await run.guarded(run.state.waitIdle({ quietMs: quietMs(run.config), timeoutMs: TIMEOUT_MS, label: 'latency run', progress: true }));
    const catchUpSeconds = (Math.max(idle.lastFinishedOn, sendingEnded) - sendingEnded) / 1000;
    const sendingSeconds = (sendingEnded - sending.deliveries[0].sentAt) / 1000;
    const cpuIdle = await cpuSeconds(run, api, workers);
    const latencies = await alertLatencies(run, sending, watcher.seen);
    const timings = await run.state.jobTimings();
    const processes = await run.stopProcesses();
    const accepted = sending.deliveries.filter((d: Delivery) => d.status >= 200 && d.status < 300).length;
    return {
      rate: RATE,
      seconds: LATENCY_SECONDS,
      athletes,
      sent: sending.deliveries.length,
      achievedSendRate: round(sending.deliveries.length / sending.sendSeconds, 1),
      absorbedRate: round(accepted / sendingSeconds, 1),
      sendLagMs: summarize(sending.lagMs),
      responses: { accepted, failed: sending.deliveries.length - accepted, latencyMs: summarize(sending.deliveries.map((d) => d.latencyMs)) },
      rawEvents: rawEventsOf(idle),
      backlogWhenSendingEnded: backlog.rawPending,
      catchUpSeconds: round(catchUpSeconds),
      triggers: { sent: sending.triggerOf.size, alerted: latencies.created.length },
      alertLatencyMs: summarize(latencies.created),
      alertSeenMs: summarize(latencies.firstSeen),
      cpuPercent: { sending: cpuShare(cpuBefore, cpuSending, sendingSeconds), catchUp: cpuShare(cpuSending, cpuIdle, catchUpSeconds) },
      timings,
      processes,
    };
  } finally {
    await run.dispose();
  }
}

// ─── Report ──────────────────────────────────────────────────────────────────────────────────────────────────────

interface BenchResult {
  benchmark: 'pipeline';
  at: string;
  machine: { cpus: number; cpu: string | undefined; memoryGiB: number; node: string; postgres: string; loadAverage: { start: number[]; end: number[] } };
  setup: {
    events: number;
    athletes: number;
    days: number;
    concurrency: number;
    workerConcurrency: number;
    outboxPollMs: number;
    latency: { rate: number; seconds: number; triggerEvery: number; athletes: number; historyDays: number; workers: number };
  };
  /** ratio2to1: null unless part 1 ran with both 1 and 2 workers. */
  throughput: { runs: ThroughputRun[]; ratio2to1: { sessionsPerSecond: number; athleteDaysPerSecond: number } | null };
  /** null when part 2 was skipped (BENCH_PIPELINE_LATENCY_SECONDS=0). */
  latency: LatencyResult | null;
  goals: { alertP95: boolean; everyTriggerAlerted: boolean; nothingLost: boolean };
}

function goals(runs: ThroughputRun[], latency: LatencyResult | null): BenchResult['goals'] {
  const intact = (accepted: number, raw: { stored: number; processed: number; failed: number }) => accepted === raw.stored && raw.processed === raw.stored;
  return {
    alertP95: latency !== null && latency.triggers.alerted > 0 && latency.alertSeenMs.p95 <= GOAL_P95_MS,
    everyTriggerAlerted: latency !== null && latency.triggers.alerted === latency.triggers.sent,
    nothingLost:
      runs.every((r) => r.ingest.failed === 0 && intact(r.ingest.accepted, r.drain.rawEvents)) &&
      (latency === null || (latency.responses.failed === 0 && intact(latency.responses.accepted, latency.rawEvents))),
  };
}

function markdown(r: BenchResult): string {
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const l = r.latency;
  const cpu = (c: Cpu) => `${c.api} / ${c.workers.join(', ')} / ${c.postgres}`;
  const rss = (p: ProcessReport[]) => p.map((x) => `${x.name} ${x.peakRssMiB}`).join(', ');
  return [
    `# Ingestion pipeline (separate API and worker processes) — ${r.at}`,
    '',
    `Machine: ${r.machine.cpus} CPUs (${r.machine.cpu}), ${r.machine.memoryGiB} GiB RAM, Node ${r.machine.node}, ${r.machine.postgres}; ` +
      `load average ${r.machine.loadAverage.start.join(' / ')} at the start, ${r.machine.loadAverage.end.join(' / ')} at the end. ` +
      `Load generator, API, workers and Postgres share these CPUs.`,
    `App settings: WORKER_CONCURRENCY=${r.setup.workerConcurrency} (per queue, per process), OUTBOX_POLL_MS=${r.setup.outboxPollMs}, LOG_LEVEL=warn, NODE_ENV=development.`,
    '',
    `## 1. Worker throughput`,
    '',
    `${r.setup.events} signed session.upserted webhooks (${r.setup.athletes} athletes, sessions spread over ${r.setup.days} days, oldest first) posted ` +
      `${r.setup.concurrency} in flight with no worker running, then drained by warm workers: timed from handing over the backlog until every ` +
      `raw event was normalized and every queue idle. Athlete-days = daily_metrics rows written by the recomputes (a session on day D rewrites ` +
      `its athlete's days D … today), counted by Postgres (n_tup_ins).`,
    '',
    '| Workers | Ingest webhooks/s (API alone) | Ingest p95 ms | Ingest CPU ms/webhook API / Postgres | Drain s | Normalized after s | Sessions/s | Athlete-days written | Athlete-days/s | ' +
      'Alerts opened | CPU % API / workers / Postgres | CPU ms/session workers / Postgres | Peak RSS MiB |',
    '|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|---|---|',
    ...r.throughput.runs.map(
      (t) =>
        `| ${t.workers} | ${t.ingest.perSecond} | ${t.ingest.latencyMs.p95} | ${t.ingest.cpuMsPerWebhook.api} / ${t.ingest.cpuMsPerWebhook.postgres} | ${t.drain.seconds} | ${t.drain.normalizeSeconds} | ${t.drain.sessionsPerSecond} | ` +
        `${t.drain.athleteDaysWritten} | ${t.drain.athleteDaysPerSecond} | ${t.drain.alertsOpened} | ${cpu(t.drain.cpuPercent)} | ${t.drain.cpuMsPerSession.workers} / ${t.drain.cpuMsPerSession.postgres} | ${rss(t.processes)} |`,
    ),
    '',
    (r.throughput.ratio2to1
      ? `2 workers / 1 worker: sessions/s × ${r.throughput.ratio2to1.sessionsPerSecond}, athlete-days/s × ${r.throughput.ratio2to1.athleteDaysPerSecond}. `
      : '') +
      `Worker boot (spawn → consumers connected, not timed above): ${r.throughput.runs.map((t) => `${t.workerBootSeconds} s`).join(', ')}. ` +
      `CPU ceiling: with all ${r.machine.cpus} CPUs on nothing else, ${r.machine.cpus} × 1000 / (worker + Postgres CPU ms per session) = ` +
      `${r.throughput.runs.map((t) => Math.round((r.machine.cpus * 1000) / (t.drain.cpuMsPerSession.workers + t.drain.cpuMsPerSession.postgres))).join(' / ')} sessions/s.`,
    '',
    ...(l ? latencySection(r, l) : ['## 2. Webhook-to-alert latency', '', 'Skipped (BENCH_PIPELINE_LATENCY_SECONDS=0).', '']),
    `## Where the worker time went`,
    '',
    'From the completed jobs in Redis: run = processedOn → finishedOn (includes waiting for a pooled connection or a lock); job-seconds = sum of run times; ' +
      'wait = relayed → picked up.',
    '',
    '| Run | Queue | Jobs | Mean run ms | p95 run ms | Job-seconds | Wait p50 / max ms |',
    '|---|---|---:|---:|---:|---:|---|',
    ...[...r.throughput.runs.map((t) => [`part 1, ${t.workers} worker(s)`, t.drain.timings] as const), ...(l ? [['part 2', l.timings] as const] : [])].flatMap(([name, timings]) =>
      Object.entries(timings).map(([q, t]) => `| ${name} | ${q} | ${t.jobs} | ${t.runMs.mean} | ${t.runMs.p95} | ${t.jobSeconds} | ${t.waitMs.p50} / ${t.waitMs.max} |`),
    ),
    '',
    `## Goals`,
    '',
    ...(l
      ? [
          `- Webhook → alert p95 ≤ ${GOAL_P95_MS} ms at ${l.rate}/s, alert seen committed: **${met(r.goals.alertP95)}** (p95 ${l.alertSeenMs.p95} ms; ${l.alertLatencyMs.p95} ms to the evaluating transaction's start)`,
          `- Every trigger raised its alert: **${met(r.goals.everyTriggerAlerted)}** (${l.triggers.alerted} of ${l.triggers.sent})`,
        ]
      : []),
    `- Nothing lost (every webhook answered 2xx, 2xx = raw events stored = processed, in every run): **${met(r.goals.nothingLost)}**`,
    '',
  ].join('\n');
}

function latencySection(r: BenchResult, l: LatencyResult): string[] {
  const cpu = (c: Cpu) => `${c.api} / ${c.workers.join(', ')} / ${c.postgres}`;
  const rss = (p: ProcessReport[]) => p.map((x) => `${x.name} ${x.peakRssMiB}`).join(', ');
  return [
    `## 2. Webhook-to-alert latency`,
    '',
    `${l.rate} webhooks/s for ${l.seconds} s, open loop, 1 API + ${r.setup.latency.workers} workers, ${l.athletes} athletes with ${r.setup.latency.historyDays} days of processed ` +
      `history; 1 webhook in ${r.setup.latency.triggerEvery} a red-flag self-report (back-pain-referral, HIGH), the rest updates of recent sessions.`,
    '',
    '| Measure | Value |',
    '|---|---|',
    `| Webhooks sent / achieved send rate | ${l.sent} / ${l.achievedSendRate} per s (send lag p95 ${l.sendLagMs.p95} ms, max ${l.sendLagMs.max} ms) |`,
    `| Taken in by the API (2xx per s, first send → last answer) | ${l.absorbedRate} per s |`,
    `| API answers 2xx / failed; response p50 / p95 / max ms | ${l.responses.accepted} / ${l.responses.failed}; ${l.responses.latencyMs.p50} / ${l.responses.latencyMs.p95} / ${l.responses.latencyMs.max} |`,
    `| Raw events stored / processed / failed | ${l.rawEvents.stored} / ${l.rawEvents.processed} / ${l.rawEvents.failed} |`,
    `| Raw events pending when sending ended; catch-up after the last send | ${l.backlogWhenSendingEnded}; ${l.catchUpSeconds} s |`,
    `| Triggers sent / alerted | ${l.triggers.sent} / ${l.triggers.alerted} |`,
    `| Webhook → alert (alerts.created_at) p50 / p95 / p99 / max ms | ${l.alertLatencyMs.p50} / ${l.alertLatencyMs.p95} / ${l.alertLatencyMs.p99} / ${l.alertLatencyMs.max} |`,
    `| Webhook → alert seen committed (100 ms poll) p50 / p95 / max ms | ${l.alertSeenMs.p50} / ${l.alertSeenMs.p95} / ${l.alertSeenMs.max} |`,
    `| CPU % API / workers / Postgres while sending; while catching up | ${cpu(l.cpuPercent.sending)}; ${cpu(l.cpuPercent.catchUp)} |`,
    `| Peak RSS MiB | ${rss(l.processes)} |`,
    '',
  ];
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function postgresVersion(): Promise<string> {
  const client = new Client({ connectionString: DATABASE_URL.replace(/\/[^/]+$/, '/postgres') });
  await client.connect();
  const { rows } = await client.query<{ version: string }>(`SELECT split_part(version(), ' ', 1) || ' ' || split_part(version(), ' ', 2) AS version`);
  await client.end();
  return rows[0].version;
}

async function main(): Promise<void> {
  killChildrenOnExit();
  const stale = await removeStaleQueues(REDIS_URL);
  if (stale > 0) log(`removed ${stale} Redis keys an interrupted earlier run left`);
  const loadStart = os.loadavg().map((x) => round(x));
  const postgres = await postgresVersion();
  const runs: ThroughputRun[] = [];
  for (const workers of WORKER_COUNTS) runs.push(await throughputRun(workers));
  const latency = LATENCY_SECONDS > 0 ? await latencyRun() : null;
  // The settings the children ran with: the app's defaults unless WORKER_CONCURRENCY / OUTBOX_POLL_MS were set.
  const config = loadConfig(childEnvironment({}));
  const one = runs.find((r) => r.workers === 1);
  const two = runs.find((r) => r.workers === 2);
  const at = new Date().toISOString();
  const result: BenchResult = {
    benchmark: 'pipeline',
    at,
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      postgres,
      loadAverage: { start: loadStart, end: os.loadavg().map((x) => round(x)) },
    },
    setup: {
      events: EVENTS,
      athletes: ATHLETES,
      days: DAYS,
      concurrency: CONCURRENCY,
      workerConcurrency: config.workerConcurrency,
      outboxPollMs: config.outboxPollMs,
      latency: { rate: RATE, seconds: LATENCY_SECONDS, triggerEvery: TRIGGER_EVERY, athletes: latency?.athletes ?? 0, historyDays: HISTORY_DAYS, workers: LATENCY_WORKERS },
    },
    throughput: {
      runs,
      ratio2to1:
        one && two
          ? {
              sessionsPerSecond: round(two.drain.sessionsPerSecond / one.drain.sessionsPerSecond),
              athleteDaysPerSecond: round(two.drain.athleteDaysPerSecond / one.drain.athleteDaysPerSecond),
            }
          : null,
    },
    latency,
    goals: goals(runs, latency),
  };
  const out = path.resolve('bench/results', `pipeline-${at.replace(/[:.]/g, '-')}`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(`${out}.json`, JSON.stringify(result, null, 2) + '\n');
  const table = markdown(result);
  writeFileSync(`${out}.md`, table);
  process.stdout.write(`${table}\n→ ${path.relative(process.cwd(), out)}.json, .md\n`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
