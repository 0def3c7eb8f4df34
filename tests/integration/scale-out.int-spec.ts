import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@app/config';
import { IntegrationService } from '@app/ingestion';
import { QueueName, redisConnection } from '@app/queue';
import { Athlete, RosterService } from '@app/roster';
import { createTestDatabase, pollUntil, standardWebhookHeaders } from '@app/testing';
import { addDays, LoadRecomputeService, localDate, SessionStore } from '@app/training-load';
import { apiHttpAdapter, configureApp } from '../../apps/api/src/configure-app';
import { apiRoot } from '../../apps/api/src/main';
import { describeOutput, spawnWorkerProcess, waitForQueueWorkers, WorkerProcess } from '../setup/worker-process';

// Scale-out for real: the API in this process (no relay, no consumers) and two worker OS processes started from
// apps/worker/src/main.ts, sharing one Redis prefix and one Postgres database. One athlete is hammered with edits
// and deletions so that recomputes of that athlete run in both workers at the same time; the advisory lock must
// serialise them, and the stored metrics must come out exactly as a full recompute of the final sessions.
//
// Which process did what: each worker connects to Postgres with its own application_name (PGAPPNAME), and a
// test-only trigger on this file's cloned database records, for every INSERT into daily_metrics (the recompute's
// COPY), the writer's application_name, transaction id, transaction start and write time. BullMQ does not record
// the consumer of unnamed workers (job.processedBy stays empty) and the workers log nothing per job at LOG_LEVEL
// error, so the database is the one witness that is both exact and independent of log formats.
describe('scale-out: API and two worker processes on one Redis and one Postgres', () => {
  const WORKER_NAMES = ['scale-out-worker-a', 'scale-out-worker-b'];
  const IN_FLIGHT = 16;

  let drop: (() => Promise<void>) | undefined;
  let config: AppConfig;
  let app: NestFastifyApplication | undefined;
  let dataSource: DataSource;
  let baseUrl: string;
  let mailDir: string | undefined;
  const workers: WorkerProcess[] = [];
  const probeQueues = new Map<QueueName, Queue>();

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    mailDir = mkdtempSync(path.join(os.tmpdir(), 'loadwatch-scale-out-'));
    config = {
      ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' }),
      databaseUrl: db.url,
      redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      queuePrefix: `test-scale-${randomBytes(4).toString('hex')}`,
      outboxPollMs: 50,
      migrateOnBoot: false,
      mailDir,
    };
    await installWriteAudit(db.url);

    for (const name of WORKER_NAMES) {
      workers.push(
        spawnWorkerProcess(name, {
          NODE_ENV: 'test',
          DATABASE_URL: config.databaseUrl,
          REDIS_URL: config.redisUrl,
          QUEUE_PREFIX: config.queuePrefix,
          MIGRATE_ON_BOOT: 'false',
          LOG_LEVEL: 'error',
          WORKER_CONCURRENCY: '4',
          OUTBOX_POLL_MS: '50',
          MAIL_DIR: mailDir, // alert emails of this file go to a temporary folder, not var/mail
        }),
      );
    }

    // The API only: webhooks are received and stored here; the relay and every consumer live in the workers.
    const moduleRef = await Test.createTestingModule({ imports: [apiRoot(config)] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(apiHttpAdapter(), { bodyParser: false, logger: false });
    await configureApp(app, config);
    await app.init();
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    dataSource = app.get(DataSource);

    await waitForQueueWorkers(workers, { redisUrl: config.redisUrl, prefix: config.queuePrefix, count: WORKER_NAMES.length, timeoutMs: 60_000 });
  }, 120_000);

  afterAll(async () => {
    // Workers first (they relay and consume), then the API, then this file's keys and database. Each step runs
    // even if an earlier one failed.
    const steps: (() => unknown)[] = [
      () => Promise.all(workers.map((w) => w.stop(10_000))),
      async () => app?.close(),
      () => Promise.all([...probeQueues.values()].map((q) => q.close())),
      async () => {
        if (!config) return;
        for (const name of Object.values(QueueName)) {
          const q = new Queue(name, { connection: redisConnection(config.redisUrl), prefix: config.queuePrefix });
          await q.obliterate({ force: true }).catch(() => undefined);
          await q.close();
        }
      },
      async () => drop?.(),
      () => {
        if (mailDir) rmSync(mailDir, { recursive: true, force: true });
      },
    ];
    const errors: unknown[] = [];
    for (const step of steps) await Promise.resolve().then(step).catch((error: unknown) => errors.push(error));
    if (errors.length > 0) throw errors[0];
  }, 60_000);

  it('should have every queue consumed by both worker processes', async () => {
    expect(workers.map((w) => w.exited())).toEqual([false, false]);
    const counts = await waitForQueueWorkers(workers, { redisUrl: config.redisUrl, prefix: config.queuePrefix, count: 2, timeoutMs: 10_000 });
    for (const name of Object.values(QueueName)) expect(counts[name]).toBeGreaterThanOrEqual(2);
  });

  it('should serialise one athlete’s recomputes across both workers and store exactly the metrics of a full recompute', async () => {
    const api = app as INestApplication;
    const roster = api.get(RosterService);
    const team = await roster.createTeam(`Scale-out ${randomBytes(3).toString('hex')}`);
    const athlete = await roster.createAthlete(team.id, { name: 'Hammered', email: 'hammered@example.test', timezone: 'UTC' });
    const { secret } = await api.get(IntegrationService).create(team.id, 'scale-out sender');

    const plan = hammerPlan();
    const total = plan.seeds.length + plan.wave.length;
    expect(total).toBeGreaterThanOrEqual(150);
    expect(total).toBeLessThanOrEqual(250);

    // Wave 1: every session that may later be deleted exists first. (A delete that finds no row leaves no
    // tombstone, so a delete may only race with updates of a session that is already stored.)
    await sendAll(athlete, secret, plan.seeds);
    await waitFor(async () => (await rawEventCounts()).processed >= plan.seeds.length, 'the first wave to be applied');

    // Wave 2, sent while wave 1's recomputes still run: updates (moving sessions between days), deletions and
    // re-creations, in an order unrelated to their versions, 16 requests in flight.
    await sendAll(athlete, secret, plan.wave);

    let idleProbes = 0;
    await waitFor(async () => {
      const raw = await rawEventCounts();
      const idle = raw.processed + raw.failed === total && (await pendingOutbox()) === 0 && (await busyJobs()) === 0;
      idleProbes = idle ? idleProbes + 1 : 0;
      return idleProbes >= 3; // idle three polls in a row: no job is about to enqueue another
    }, 'every raw event processed and every queue idle');
    expect(await rawEventCounts()).toEqual({ processed: total, failed: 0 });
    // Not one attempt failed, not even one that a retry then repaired. (Without the per-athlete lock, two rebuilds
    // of the same days collide on daily_metrics' primary key: most recompute jobs then need retries, and the final
    // rows can still come out right, so the retries are the sharper witness.)
    for (const name of [QueueName.Ingest, QueueName.TrainingLoad]) {
      const retried = (await queueOf(name).getCompleted(0, -1)).filter((j) => j.attemptsMade > 1 || (j.stacktrace ?? []).length > 0);
      const failed = await queueOf(name).getFailed(0, -1);
      expect({ queue: name, failed: failed.map((j) => `${j.id}: ${j.failedReason}`), retried: retried.map((j) => `${j.id}: ${(j.stacktrace ?? []).map((trace) => trace.split('\n')[0]).join(' | ')}`) }).toEqual({
        queue: name,
        failed: [],
        retried: [],
      });
    }
    // (a) Both worker processes recomputed this athlete, and their recomputes overlapped in time: a transaction of
    // one process had begun while the other one was writing (the lock made it wait). Nothing came from the API.
    // (How many recompute jobs that takes depends on how the relay merged the requests, so it is not counted.)
    const byWriter: { app: string; recomputes: number }[] = await dataSource.query(
      `SELECT app, count(DISTINCT txid)::int AS recomputes FROM scale_out_metric_writes WHERE athlete_id = $1 GROUP BY app ORDER BY app`,
      [athlete.id],
    );
    expect(byWriter.map((w) => w.app)).toEqual(WORKER_NAMES);
    for (const w of byWriter) expect(w.recomputes).toBeGreaterThan(0);
    const [{ overlapping }] = await dataSource.query(
      `WITH tx AS (
         SELECT app, txid, min(xact_start) AS began, min(written_at) AS wrote FROM scale_out_metric_writes WHERE athlete_id = $1 GROUP BY app, txid
       )
       SELECT count(*)::int AS overlapping FROM tx a JOIN tx b ON a.app <> b.app AND b.began < a.wrote AND a.wrote < b.wrote`,
      [athlete.id],
    );
    expect(overlapping).toBeGreaterThan(0);

    // (c) The stored sessions are the final version of each one: later versions won, deletions stuck.
    const intended = [...plan.final.values()].filter((s): s is Upsert => s.kind === 'upsert').sort((a, b) => (a.externalId < b.externalId ? -1 : 1));
    expect(intended.length).toBeGreaterThan(0);
    expect(intended.length).toBeLessThan(plan.final.size); // some sessions end deleted
    const stored = await dataSource.query(
      `SELECT external_id AS "externalId", local_date::text AS "date", duration_s AS "durationS", rpe::float8 AS rpe
       FROM sessions WHERE athlete_id = $1 AND NOT deleted ORDER BY external_id COLLATE "C"`,
      [athlete.id],
    );
    expect(stored).toEqual(intended.map((s) => ({ externalId: s.externalId, date: dayOf(s), durationS: s.minutes * 60, rpe: s.rpe })));

    // (b) A second athlete with the same final sessions, recomputed once from scratch, has the same rows.
    const reference = await roster.createAthlete(team.id, { name: 'Reference', email: 'reference@example.test', timezone: 'UTC' });
    const store = api.get(SessionStore);
    await dataSource.transaction(async (m) => {
      for (const s of intended) {
        await store.upsertSession(m, reference, {
          provider: 'reference',
          externalId: `${reference.id}-${s.externalId}`,
          startTime: new Date(startTimeOf(s)),
          durationS: s.minutes * 60,
          sport: s.sport,
          rpe: s.rpe,
          sourceUpdatedAt: new Date(updatedAtOf(s.version)),
        });
      }
    });
    // Every merged request was taken by a job that ran after it (none is left owed).
    expect(await dataSource.query(`SELECT kind, from_date::text FROM athlete_work WHERE athlete_id = $1`, [athlete.id])).toEqual([]);
    await api.get(LoadRecomputeService).recompute(reference.id, '1970-01-01', 'full');
    const hammeredRows = await metricRows(athlete.id);
    expect(hammeredRows.length).toBeGreaterThan(0);
    expect(hammeredRows).toEqual(await metricRows(reference.id));
  }, 150_000);

  // --- the workload -------------------------------------------------------------------------------------------

  type Upsert = { kind: 'upsert'; externalId: string; version: number; daysAgo: number; hour: number; minutes: number; rpe: number; sport: string };
  type Delete = { kind: 'delete'; externalId: string; version: number };
  type Op = Upsert | Delete;

  const today = localDate(new Date(), 'UTC');
  const dayOf = (s: Upsert) => addDays(today, -s.daysAgo);
  const startTimeOf = (s: Upsert) => `${dayOf(s)}T${String(s.hour).padStart(2, '0')}:15:00Z`;
  /** The sender's version of a change (`updatedAt`): the later one wins whatever order they arrive in. */
  const updatedAtOf = (version: number) => new Date(Date.UTC(2026, 0, 1) + version * 1000).toISOString();

  const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
  const int = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
  function shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /**
   * ~190 webhooks for one athlete over the last 60 days. Wave 1 creates 40 sessions (versions 1–40). Wave 2 holds
   * 1–4 updates of each of them plus at most one deletion (repeated deletions are covered by
   * session-versions.int-spec.ts), and 15 sessions that are only created and updated. `final` is what must be stored.
   */
  function hammerPlan(): { seeds: Upsert[]; wave: Op[]; final: Map<string, Op> } {
    const sports = ['run', 'ride', 'strength', 'swim'] as const;
    const version = { next: 1 };
    const upsert = (externalId: string): Upsert => ({
      kind: 'upsert',
      externalId,
      version: 0, // assigned below
      daysAgo: int(0, 59),
      hour: int(5, 20),
      minutes: int(15, 150),
      rpe: int(1, 10),
      sport: pick(sports),
    });
    const seeds = Array.from({ length: 40 }, (_, i) => upsert(`s-${String(i).padStart(2, '0')}`));
    for (const s of seeds) s.version = version.next++;
    const wave: Op[] = [];
    for (const s of seeds) {
      for (let k = int(1, 4); k > 0; k--) wave.push(upsert(s.externalId));
      if (Math.random() < 0.5) wave.push({ kind: 'delete', externalId: s.externalId, version: 0 });
    }
    for (let i = 0; i < 15; i++) for (let k = int(1, 3); k > 0; k--) wave.push(upsert(`n-${String(i).padStart(2, '0')}`));
    // Versions in one random order, sending in another: later versions often arrive before earlier ones.
    for (const op of shuffle(wave)) op.version = version.next++;
    shuffle(wave);
    const final = new Map<string, Op>();
    for (const op of [...seeds, ...wave]) {
      const current = final.get(op.externalId);
      if (!current || current.version < op.version) final.set(op.externalId, op);
    }
    // At least one deletion must be final and at least one overtaken by a later re-creation.
    const recreated = wave.some((op) => op.kind === 'delete' && (final.get(op.externalId) as Op).version > op.version);
    if (![...final.values()].some((op) => op.kind === 'delete') || !recreated) return hammerPlan();
    return { seeds, wave, final };
  }

  async function sendAll(athlete: Athlete, secret: string, ops: Op[]): Promise<void> {
    const queue = [...ops];
    const problems: string[] = [];
    const sender = async () => {
      for (let op = queue.shift(); op; op = queue.shift()) {
        const data =
          op.kind === 'upsert'
            ? { athleteId: athlete.id, externalId: op.externalId, startTime: startTimeOf(op), durationS: op.minutes * 60, sport: op.sport, rpe: op.rpe, updatedAt: updatedAtOf(op.version) }
            : { athleteId: athlete.id, externalId: op.externalId, updatedAt: updatedAtOf(op.version) };
        const body = JSON.stringify({ type: op.kind === 'upsert' ? 'session.upserted' : 'session.deleted', data });
        const res = await fetch(`${baseUrl}/webhooks/standard`, { method: 'POST', headers: standardWebhookHeaders(secret, body), body });
        if (res.status !== 202) problems.push(`${op.kind} ${op.externalId} v${op.version}: ${res.status} ${await res.text()}`);
        else await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
    expect(problems).toEqual([]);
  }

  // --- probes --------------------------------------------------------------------------------------------------

  const COLUMNS = `date::text, load, state, acute7, chronic28, acwr_rac, acwr_rau, acwr_ewma, ewma_acute, ewma_chronic, monotony, strain,
    ctl, atl, form, ramp, rest_day_ratio7, rest_day_ratio28, streak, week_over_week, coverage28, acute_sum, chronic_sum, uncoupled_sum, week_sum`;
  const metricRows = (athleteId: string) => dataSource.query(`SELECT ${COLUMNS} FROM daily_metrics WHERE athlete_id = $1 ORDER BY date`, [athleteId]);

  async function rawEventCounts(): Promise<{ processed: number; failed: number }> {
    const [row] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'processed')::int AS processed, count(*) FILTER (WHERE status = 'failed')::int AS failed FROM raw_events`,
    );
    return row;
  }

  async function pendingOutbox(): Promise<number> {
    const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`);
    return row.n;
  }

  /** This file's own handles on the queues, to read job counts and jobs (closed in afterAll). */
  const queueOf = (name: QueueName) => {
    if (!probeQueues.has(name)) probeQueues.set(name, new Queue(name, { connection: redisConnection(config.redisUrl), prefix: config.queuePrefix }));
    return probeQueues.get(name) as Queue;
  };
  const jobCount = (name: QueueName, ...states: Parameters<Queue['getJobCountByTypes']>) => queueOf(name).getJobCountByTypes(...states);

  async function busyJobs(): Promise<number> {
    const counts = await Promise.all(Object.values(QueueName).map((name) => jobCount(name, 'waiting', 'active', 'delayed', 'prioritized', 'waiting-children')));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** pollUntil with a generous deadline (the machine may be busy); a timeout shows what the workers printed. */
  async function waitFor(probe: () => Promise<boolean>, what: string): Promise<void> {
    try {
      await pollUntil(probe, { timeoutMs: 90_000, intervalMs: 150, what });
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${describeOutput(workers)}`);
    }
  }

  /** Test-only instrumentation of this file's database: who wrote the metric rows, in which transaction, when. */
  async function installWriteAudit(databaseUrl: string): Promise<void> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`CREATE TABLE scale_out_metric_writes (
        app text NOT NULL, athlete_id uuid NOT NULL, txid bigint NOT NULL, xact_start timestamptz NOT NULL, written_at timestamptz NOT NULL)`);
      await client.query(`CREATE FUNCTION scale_out_record_metric_writes() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE at timestamptz := clock_timestamp();
        BEGIN
          INSERT INTO scale_out_metric_writes
            SELECT DISTINCT current_setting('application_name'), athlete_id, txid_current(), now(), at FROM inserted;
          RETURN NULL;
        END $$`);
      await client.query(`CREATE TRIGGER scale_out_record_metric_writes AFTER INSERT ON daily_metrics
        REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION scale_out_record_metric_writes()`);
    } finally {
      await client.end();
    }
  }
});
