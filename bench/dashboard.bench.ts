// npm run bench:dashboard — the coach dashboard's read path over HTTP, against real Postgres:
//  1. GET /api/roster: one team of ATHLETES athletes, today's numbers, 28-day sparklines, open alerts;
//  2. GET /api/athletes/:id/dashboard?days=730: two years of metrics, recovery bands, self-reports, sessions and
//     alerts, rotating over every athlete of the team;
// each (a) by one client, SEQUENTIAL requests one after another (p50/p95/p99 of single requests), and (b) by
// CONNECTIONS concurrent coaches with autocannon for DURATION s after a WARMUP s warm-up (requests/s, latency under
// load). Goal: p95 ≤ 50 ms per request. Results: bench/results/dashboard-<timestamp>.json and .md.
// The all-in-one app (API + worker + outbox relay) runs in this process on a random port and the load generator runs
// here too, so its client work competes with the server for the event loop: the figures are on the pessimistic side.
// Uses its own database (BENCH_DATABASE_URL, default …/loadwatch_bench_dashboard), dropped and recreated each run;
// Then the first render of the roster and an athlete page in Debian's Chromium (bench/page-render.ts).
// Postgres seeds every row itself (generate_series): sessions, daily_metrics derived from them with window functions
// (the EWMA, CTL and ATL columns approximated by rolling means), daily recovery, self-reports, alerts, and a coach
// to whom every athlete consented. The athletes live in UTC, so their local today is UTC today.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AccountsService } from '@app/accounts';
import { AppConfig, loadConfig } from '@app/config';
import { RECOVERY_LEAD_DAYS } from '@app/dashboard';
import { runMigrations } from '@app/database';
import { QueueName, redisConnection } from '@app/queue';
import { ALGO_VERSION, localDate } from '@app/training-load';
import { apiHttpAdapter, configureApp } from '../apps/api/src/configure-app';
import { allInOneRoot } from '../apps/loadwatch/src/main';
import { measurePageRender, RenderTiming } from './page-render';

const ATHLETES = Number(process.env.BENCH_ATHLETES ?? 200);
const DAYS = Number(process.env.BENCH_DAYS ?? 730);
const BOARD_DAYS = Number(process.env.BENCH_BOARD_DAYS ?? 730);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 200);
const GOAL_P95_MS = 50;
const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/loadwatch_bench_dashboard';
const COACH = { email: 'coach@bench.test', password: 'bench-coach-password' };

interface Measurement {
  endpoint: string;
  clients: string;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  /** Mean bytes per response: the JSON body (sequential) or the whole response with headers (autocannon). */
  responseBytes: number;
  p95GoalMet: boolean;
}

/** Where the requests go, as whom, and how to wait until the app has finished what a run left in flight. */
interface Target {
  baseUrl: string;
  headers: Record<string, string>;
  settle: () => Promise<void>;
}

interface BenchResult {
  benchmark: 'dashboard';
  at: string;
  machine: { cpus: number; cpu: string | undefined; memoryGiB: number; node: string; postgres: string };
  setup: {
    athletes: number;
    days: number;
    boardDays: number;
    connections: number;
    durationSeconds: number;
    warmupSeconds: number;
    sequentialRequests: number;
    seedSeconds: number;
    rows: Record<string, number>;
  };
  goalP95Ms: number;
  /** Whether every endpoint met the goal, with one client and with CONNECTIONS. */
  goal: { sequential: boolean; concurrent: boolean };
  measurements: Measurement[];
  /** First render in Chromium (cache off): roster and a two-year athlete page. */
  pageRender: RenderTiming[];
}

async function resetDatabase(): Promise<void> {
  const admin = new Client({ connectionString: URL.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new globalThis.URL(URL).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
  await runMigrations(URL, { log: () => undefined } as never);
}

/** The all-in-one app as `npm start` builds it, with its own queue prefix, on a random local port. */
async function startApp(): Promise<{ app: INestApplication; config: AppConfig; baseUrl: string }> {
  const config: AppConfig = {
    ...loadConfig({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32), API_TOKEN: 'y'.repeat(16), LOG_LEVEL: 'warn' }),
    databaseUrl: URL,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: `bench-dashboard-${randomBytes(4).toString('hex')}`,
    outboxPollMs: 50,
    migrateOnBoot: false,
  };
  const app = await NestFactory.create<NestFastifyApplication>(allInOneRoot(config), apiHttpAdapter(), { bodyParser: false, logger: false });
  await configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, config, baseUrl: `http://127.0.0.1:${port}` };
}

async function stopApp(app: INestApplication, config: AppConfig): Promise<void> {
  await app.close();
  // Workers are stopped now: remove this run's keys from the shared Redis.
  for (const name of Object.values(QueueName)) {
    const queue = new Queue(name, { connection: redisConnection(config.redisUrl), prefix: config.queuePrefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

/** autocannon stops at its deadline with requests in flight: wait until the app's pool has had no query out for 100 ms. */
async function settle(app: INestApplication): Promise<void> {
  const pool = (app.get(DataSource).driver as PostgresDriver).master as Pool;
  let idleSince = Date.now();
  while (Date.now() - idleSince < 100) {
    await sleep(5);
    if (pool.totalCount > pool.idleCount) idleSince = Date.now();
  }
}

async function seedTeam(ds: DataSource): Promise<{ teamId: string; athleteIds: string[] }> {
  const [team] = await ds.query(`INSERT INTO teams (name) VALUES ('Bench Club') RETURNING id`);
  // Every fifth athlete has had low-back pain (they report it, and some have back-pain alerts).
  const athletes: { id: string }[] = await ds.query(
    `INSERT INTO athletes (team_id, name, timezone, lbp_history)
     SELECT $1, 'Athlete ' || lpad(g::text, 4, '0'), 'UTC', g % 5 = 0 FROM generate_series(1, $2) g ORDER BY g RETURNING id`,
    [team.id, ATHLETES],
  );
  return { teamId: team.id, athleteIds: athletes.map((a) => a.id) };
}

/**
 * ~5 sessions a week. Each athlete's volume follows a 4-week cycle (its own phase), so today's ratios spread over
 * the bands; every tenth athlete doubles up this week (a spike). One session in ten has no RPE: load estimated.
 */
async function seedSessions(ds: DataSource, ids: string[], today: string): Promise<void> {
  await ds.query(
    `INSERT INTO sessions (athlete_id, provider, external_id, local_date, start_time, duration_s, sport, rpe, load, load_method, source_updated_at)
     SELECT id, 'bench', id::text || '-' || d, day, day + time '07:00', duration_s, sport, rpe, round(duration_s / 60.0 * coalesce(rpe, 5)),
            CASE WHEN rpe IS NULL THEN 'estimated' ELSE 'srpe' END, now()
     FROM (
       SELECT a.id, d, $2::date - d AS day,
              round(3600 * (0.75 + (h / 100 % 4) * 0.125) * (1 + 0.35 * sin(2 * pi() * (d + abs(hashtext(a.id::text)) % 28) / 28))
                         * CASE WHEN a.n % 10 = 0 AND d < 7 THEN 1.8 ELSE 1 END)::int AS duration_s,
              (ARRAY['run', 'ride', 'strength', 'swim'])[1 + h / 1000 % 4] AS sport,
              CASE WHEN h % 10 = 0 THEN NULL ELSE 3 + h / 10 % 6 END AS rpe
       FROM unnest($1::uuid[]) WITH ORDINALITY AS a(id, n), generate_series(0, $3 - 1) AS d, abs(hashtext(a.id::text || d)) AS h
       WHERE abs(hashtext(a.id::text || d || 'x')) % 7 < 5
     ) s`,
    [ids, today, DAYS],
  );
}

/**
 * One row per athlete and day, from the sessions, following the engine's definitions (metrics.ts) for the rolling
 * windows; the EWMA, CTL and ATL columns are approximated by rolling means (same size, not the same smoothing).
 */
async function seedDailyMetrics(ds: DataSource, ids: string[], today: string): Promise<void> {
  await ds.query(
    `WITH days AS (
       SELECT a.id AS athlete_id, ($2::date - g) AS date, coalesce(s.load, 0) AS load
       FROM unnest($1::uuid[]) AS a(id) CROSS JOIN generate_series(0, $3 - 1) AS g
       LEFT JOIN (SELECT athlete_id, local_date, sum(load) AS load FROM sessions GROUP BY 1, 2) s ON s.athlete_id = a.id AND s.local_date = $2::date - g
     ), windows AS (
       SELECT *, avg(load) OVER w7 AS acute7, avg(load) OVER w28 AS chronic28, avg(load) OVER uncoupled AS uncoupled, avg(load) OVER w42 AS ctl,
              stddev_samp(load) OVER w7 AS sd7, sum(load) OVER w7 AS week, sum(load) OVER previous_week AS previous_week,
              avg((load = 0)::int) OVER w7 AS rest7, avg((load = 0)::int) OVER w28 AS rest28, count(*) OVER w28 AS coverage28, count(*) OVER w7 AS known7,
              count(*) FILTER (WHERE load = 0) OVER (PARTITION BY athlete_id ORDER BY date) AS rest_days_so_far
       FROM days
       WINDOW w7 AS (PARTITION BY athlete_id ORDER BY date ROWS 6 PRECEDING), w28 AS (PARTITION BY athlete_id ORDER BY date ROWS 27 PRECEDING),
              w42 AS (PARTITION BY athlete_id ORDER BY date ROWS 41 PRECEDING),
              uncoupled AS (PARTITION BY athlete_id ORDER BY date ROWS BETWEEN 27 PRECEDING AND 7 PRECEDING),
              previous_week AS (PARTITION BY athlete_id ORDER BY date ROWS BETWEEN 13 PRECEDING AND 7 PRECEDING)
     ), metrics AS (
       SELECT *, CASE WHEN coverage28 = 28 AND chronic28 > 0 THEN least(acute7 / chronic28, 4) END AS acwr,
              CASE WHEN known7 = 7 AND sd7 > 0 THEN acute7 / sd7 END AS monotony,
              count(*) FILTER (WHERE load > 0) OVER (PARTITION BY athlete_id, rest_days_so_far ORDER BY date) AS streak,
              lag(ctl) OVER (PARTITION BY athlete_id ORDER BY date) - lag(acute7) OVER (PARTITION BY athlete_id ORDER BY date) AS form,
              ctl - lag(ctl, 7) OVER (PARTITION BY athlete_id ORDER BY date) AS ramp
       FROM windows
     )
     INSERT INTO daily_metrics (athlete_id, date, algo_version, load, state, acute7, chronic28, acwr_rac, acwr_rau, acwr_ewma, ewma_acute, ewma_chronic,
                                monotony, strain, ctl, atl, form, ramp, rest_day_ratio7, rest_day_ratio28, streak, week_over_week, coverage28)
     SELECT athlete_id, date, $4, load, CASE WHEN load > 0 THEN 'trained' ELSE 'rest' END,
            CASE WHEN known7 = 7 THEN acute7 END, CASE WHEN coverage28 = 28 THEN chronic28 END,
            acwr, CASE WHEN coverage28 = 28 AND uncoupled > 0 THEN least(acute7 / uncoupled, 4) END, acwr, acute7, chronic28,
            monotony, week * monotony, ctl, acute7, form, ramp, rest7, rest28, streak,
            CASE WHEN previous_week > 0 AND coverage28 >= 14 THEN (week - previous_week) / previous_week END, coverage28
     FROM metrics`,
    [ids, today, DAYS, ALGO_VERSION],
  );
}

/** Resting HR, rMSSD and sleep on 9 days in 10, from before the first day shown so the baselines are complete. */
async function seedRecovery(ds: DataSource, ids: string[], today: string): Promise<void> {
  await ds.query(
    `INSERT INTO daily_recovery (athlete_id, date, source, resting_hr, hrv_rmssd, sleep_s)
     SELECT a.id, $2::date - d, 'bench', 44 + base % 12 + h % 7 - 3, 45 + base % 40 + (h / 7 % 21) - 10, 6 * 3600 + h / 100 % 10800
     FROM unnest($1::uuid[]) AS a(id), abs(hashtext(a.id::text)) AS base, generate_series(0, $3 - 1) AS d, abs(hashtext(a.id::text || d || 'r')) AS h
     WHERE h % 10 < 9`,
    [ids, today, DAYS + RECOVERY_LEAD_DAYS],
  );
}

/** Wellness on about 4 days in 10; back pain 0–6 from the athletes with a history, an occasional 1–2 from the others. */
async function seedSelfReports(ds: DataSource, ids: string[], today: string): Promise<void> {
  await ds.query(
    `INSERT INTO self_reports (athlete_id, date, wellness, back_pain, back_pain_region)
     SELECT id, day, wellness, back_pain, CASE WHEN back_pain > 0 THEN 'lumbar' END
     FROM (
       SELECT a.id, $2::date - d AS day,
              jsonb_build_object('sleepQuality', 1 + h % 5, 'fatigue', 1 + h / 5 % 5, 'stress', 1 + h / 25 % 5, 'soreness', 1 + h / 125 % 5, 'mood', 1 + h / 625 % 5) AS wellness,
              CASE WHEN a.n % 5 = 0 THEN h / 3125 % 7 WHEN h / 3125 % 10 = 0 THEN 1 + h % 2 END AS back_pain
       FROM unnest($1::uuid[]) WITH ORDINALITY AS a(id, n), generate_series(0, $3 - 1) AS d, abs(hashtext(a.id::text || d || 's')) AS h
       WHERE h / 7 % 10 < 4
     ) r`,
    [ids, today, DAYS],
  );
}

/** Open alerts (one per rule) for every fourth, sixth and tenth athlete; every athlete has a few resolved ones in the past. */
async function seedAlerts(ds: DataSource, ids: string[], today: string): Promise<void> {
  const history = `jsonb_build_array(jsonb_build_object('at', now(), 'status', 'open', 'severity', r.severity, 'by', 'bench'))`;
  await ds.query(
    `INSERT INTO alerts (athlete_id, rule_id, kind, severity, status, first_triggered_on, last_triggered_on, title, message, evidence, recommendations, evidence_grade, history)
     SELECT a.id, r.rule_id, r.kind, r.severity, 'open', $2::date - 2 - (a.n % 5)::int, $2::date, r.title, r.title || ' for ' || (a.n % 5 + 3) || ' days',
            jsonb_build_object('acwrEwma', 1.3 + a.n % 6 / 10.0, 'ewmaAcute', 600 + a.n % 200, 'ewmaChronic', 420), '["Plan an easy day"]', r.grade, ${history}
     FROM unnest($1::uuid[]) WITH ORDINALITY AS a(id, n)
     JOIN (VALUES ('load-spike', 'overtraining', 'warning', 'Load spike', 'moderate', 4), ('no-rest', 'overtraining', 'info', 'No rest day', 'low', 6),
                  ('back-pain-risk', 'back-pain', 'high', 'Back-pain risk', 'moderate', 10)) AS r(rule_id, kind, severity, title, grade, every) ON a.n % r.every = 0`,
    [ids, today],
  );
  await ds.query(
    `INSERT INTO alerts (athlete_id, rule_id, kind, severity, status, first_triggered_on, last_triggered_on, title, message, evidence, evidence_grade, history)
     SELECT a.id, 'load-spike', 'overtraining', 'warning', 'resolved', $2::date - 90 * k - 4, $2::date - 90 * k, 'Load spike', 'Load spike for 4 days',
            '{"acwrEwma": 1.45}', 'moderate', '[]'
     FROM unnest($1::uuid[]) WITH ORDINALITY AS a(id, n), generate_series(1, (1 + a.n % 6)::int) AS k`,
    [ids, today],
  );
}

/** The coach signs in with a password (AccountsService, as the app creates users) and every athlete shares with them. */
async function seedCoach(app: INestApplication, teamId: string, ids: string[]): Promise<void> {
  const coach = await app.get(AccountsService).createUser({ email: COACH.email, name: 'Bench Coach', role: 'coach', teamId, password: COACH.password });
  await app.get(DataSource).query(`INSERT INTO coach_consents (athlete_id, coach_id) SELECT unnest($1::uuid[]), $2`, [ids, coach.id]);
}

async function seed(app: INestApplication): Promise<{ athleteIds: string[]; seconds: number; rows: Record<string, number> }> {
  const started = process.hrtime.bigint();
  const ds = app.get(DataSource);
  const today = localDate(new Date(), 'UTC');
  const { teamId, athleteIds } = await seedTeam(ds);
  await seedSessions(ds, athleteIds, today);
  await seedDailyMetrics(ds, athleteIds, today);
  await seedRecovery(ds, athleteIds, today);
  await seedSelfReports(ds, athleteIds, today);
  await seedAlerts(ds, athleteIds, today);
  await seedCoach(app, teamId, athleteIds);
  await ds.query('VACUUM ANALYZE');
  const rows: Record<string, number> = {};
  for (const table of ['daily_metrics', 'sessions', 'daily_recovery', 'self_reports', 'alerts', 'coach_consents']) {
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM ${table}`);
    rows[table] = count;
  }
  return { athleteIds, seconds: Number(process.hrtime.bigint() - started) / 1e9, rows };
}

/** Signs in as the coach (session cookie), then creates a personal API token with that session. */
async function bearerToken(baseUrl: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: COACH.email, password: COACH.password }),
  });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${await login.text()}`);
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('lw_session='))?.split(';')[0];
  if (!cookie) throw new Error('login set no lw_session cookie');
  const created = await fetch(`${baseUrl}/api/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ label: 'dashboard bench' }),
  });
  if (created.status !== 201) throw new Error(`POST /api/auth/tokens answered ${created.status}: ${await created.text()}`);
  const { token } = (await created.json()) as { token: string };
  return token;
}

/** Fails early when the endpoints do not answer what the measurement assumes. */
async function checkResponses({ baseUrl, headers }: Target, athleteId: string): Promise<void> {
  const roster = (await (await fetch(`${baseUrl}/api/roster`, { headers })).json()) as { shared: boolean }[];
  if (!Array.isArray(roster) || roster.length !== ATHLETES || !roster.every((r) => r.shared)) {
    throw new Error(`expected ${ATHLETES} shared roster rows, got ${JSON.stringify(roster).slice(0, 300)}`);
  }
  const board = (await (await fetch(`${baseUrl}${boardPath(athleteId)}`, { headers })).json()) as { days?: unknown[] };
  if (board.days?.length !== Math.min(BOARD_DAYS, DAYS)) throw new Error(`expected ${BOARD_DAYS} days on the board, got ${JSON.stringify(board).slice(0, 300)}`);
}

const boardPath = (athleteId: string) => `/api/athletes/${athleteId}/dashboard?days=${BOARD_DAYS}`;

/** Round-robin over the athletes, shared by every connection. */
function rotating(ids: string[]): () => string {
  let next = 0;
  return () => boardPath(ids[next++ % ids.length]);
}

/** One client, one request at a time, the whole body read: what a single coach opening the page waits for. */
async function sequential(endpoint: string, { baseUrl, headers }: Target, nextPath: () => string): Promise<Measurement> {
  for (let i = 0; i < 20; i++) await (await fetch(`${baseUrl}${nextPath()}`, { headers })).arrayBuffer();
  const times: number[] = [];
  let bytes = 0;
  let non2xx = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < SEQUENTIAL; i++) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(`${baseUrl}${nextPath()}`, { headers });
    bytes += (await res.arrayBuffer()).byteLength;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.status < 200 || res.status >= 300) non2xx++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return measurement(endpoint, '1 (sequential)', times, SEQUENTIAL / seconds, non2xx, 0, bytes / SEQUENTIAL);
}

/** CONNECTIONS coaches at once with autocannon; every response time is kept for exact percentiles. */
async function concurrent(endpoint: string, target: Target, nextPath: () => string): Promise<Measurement> {
  const options = (duration: number): autocannon.Options => ({
    url: target.baseUrl,
    connections: CONNECTIONS,
    duration,
    headers: target.headers,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: nextPath() }) }],
  });
  await runAutocannon(options(WARMUP));
  await target.settle();
  const { result, times } = await runAutocannon(options(DURATION));
  await target.settle();
  const responses = times.length;
  return measurement(endpoint, `${CONNECTIONS} concurrent`, times, responses / result.duration, result.non2xx, result.errors, result.throughput.total / Math.max(responses, 1));
}

function runAutocannon(options: autocannon.Options): Promise<{ result: autocannon.Result; times: number[] }> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const instance = autocannon(options, (error: Error | null, result) => (error ? reject(error) : resolve({ result, times })));
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
}

function measurement(endpoint: string, clients: string, times: number[], perSecond: number, non2xx: number, errors: number, bytes: number): Measurement {
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  return {
    endpoint,
    clients,
    requests: times.length,
    requestsPerSecond: round(perSecond),
    latencyMs: { mean: round(sorted.reduce((s, t) => s + t, 0) / sorted.length), p50: percentile(sorted, 50), p95, p99: percentile(sorted, 99), max: round(sorted[sorted.length - 1]) },
    non2xx,
    errors,
    responseBytes: Math.round(bytes),
    p95GoalMet: p95 <= GOAL_P95_MS && non2xx === 0 && errors === 0,
  };
}

/** Nearest-rank percentile of ascending values. */
function percentile(sorted: number[], p: number): number {
  return round(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]);
}

const round = (x: number) => Math.round(x * 100) / 100;

function markdown(result: BenchResult): string {
  const { machine, setup } = result;
  const rows = result.measurements.map(
    (m) =>
      `| ${m.endpoint} | ${m.clients} | ${m.requests} | ${m.requestsPerSecond} | ${m.latencyMs.p50} | ${m.latencyMs.p95} | ${m.latencyMs.p99} | ${m.latencyMs.max} | ` +
      `${m.non2xx} | ${m.responseBytes} | ${m.p95GoalMet ? 'yes' : 'no'} |`,
  );
  const yesNo = (ok: boolean) => (ok ? 'met' : 'NOT met');
  return [
    `# Dashboard read path — ${result.at}`,
    '',
    `Machine: ${machine.cpus} CPUs (${machine.cpu}), ${machine.memoryGiB} GiB RAM, Node ${machine.node}, ${machine.postgres}.`,
    `Data: one team of ${setup.athletes} athletes × ${setup.days} days, seeded in ${setup.seedSeconds} s: ${JSON.stringify(setup.rows)}.`,
    `Dashboard: days=${setup.boardDays}, rotating over every athlete. Concurrent: ${setup.connections} connections for ${setup.durationSeconds} s after ${setup.warmupSeconds} s of warm-up. ` +
      `Sequential: ${setup.sequentialRequests} requests after 20 unrecorded. App and load generator share this process (LOG_LEVEL=warn).`,
    '',
    `Goal: p95 ≤ ${GOAL_P95_MS} ms per request — single client: ${yesNo(result.goal.sequential)}; ${setup.connections} concurrent coaches: ${yesNo(result.goal.concurrent)}.`,
    '',
    `| Endpoint | Clients | Requests | Req/s | p50 ms | p95 ms | p99 ms | Max ms | Non-2xx | Bytes/response | p95 ≤ ${GOAL_P95_MS} ms |`,
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
    `First render in Chromium (median of ${result.pageRender[0]?.loads ?? 0} fresh loads, cache off; ms from navigation start):`,
    '',
    '| Page | HTML received | First contentful paint | Load event | Charts in view drawn | Charts in view | HTML bytes |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...result.pageRender.map((r) => `| ${r.page} | ${r.htmlMs} | ${r.firstContentfulPaintMs} | ${r.loadEventMs} | ${r.chartsDrawnMs} | ${r.chartsInView} | ${r.htmlBytes} |`),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  await resetDatabase();
  const { app, config, baseUrl } = await startApp();
  try {
    const { athleteIds, seconds, rows } = await seed(app);
    const target: Target = { baseUrl, headers: { authorization: `Bearer ${await bearerToken(baseUrl)}` }, settle: () => settle(app) };
    await checkResponses(target, athleteIds[0]);
    const [{ version }]: { version: string }[] = await app.get(DataSource).query(`SELECT split_part(version(), ' ', 1) || ' ' || split_part(version(), ' ', 2) AS version`);

    const measurements: Measurement[] = [];
    for (const [endpoint, nextPath] of [
      ['GET /api/roster', () => '/api/roster'],
      [`GET /api/athletes/:id/dashboard?days=${BOARD_DAYS}`, rotating(athleteIds)],
    ] as const) {
      measurements.push(await sequential(endpoint, target, nextPath));
      measurements.push(await concurrent(endpoint, target, nextPath));
    }

    await target.settle();
    const pageRender = await measurePageRender(baseUrl, COACH, [
      { name: 'roster', path: '/roster' },
      { name: `athlete page, ${BOARD_DAYS} days`, path: `/athletes/${athleteIds[0]}?days=${BOARD_DAYS}` },
    ]);

    const at = new Date().toISOString();
    const result: BenchResult = {
      benchmark: 'dashboard',
      at,
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: round(os.totalmem() / 2 ** 30), node: process.version, postgres: version },
      setup: {
        athletes: ATHLETES,
        days: DAYS,
        boardDays: BOARD_DAYS,
        connections: CONNECTIONS,
        durationSeconds: DURATION,
        warmupSeconds: WARMUP,
        sequentialRequests: SEQUENTIAL,
        seedSeconds: round(seconds),
        rows,
      },
      goalP95Ms: GOAL_P95_MS,
      goal: {
        sequential: measurements.filter((m) => m.clients.includes('sequential')).every((m) => m.p95GoalMet),
        concurrent: measurements.filter((m) => m.clients.includes('concurrent')).every((m) => m.p95GoalMet),
      },
      measurements,
      pageRender,
    };
    const out = path.resolve('bench/results', `dashboard-${at.replace(/[:.]/g, '-')}`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(`${out}.json`, JSON.stringify(result, null, 2) + '\n');
    const table = markdown(result);
    writeFileSync(`${out}.md`, table);
    process.stdout.write(`${table}\n→ ${path.relative(process.cwd(), out)}.json, .md\n`);
  } finally {
    await stopApp(app, config);
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
