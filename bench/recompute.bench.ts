// npm run bench:recompute — stored recompute against real Postgres:
//  1. full recompute of ATHLETES × DAYS days of sessions, written back: athlete-days/s;
//  2. the cost of one incremental update (a new session today) as history grows from 90 to 730 days.
// Uses its own database (BENCH_DATABASE_URL, default …/loadwatch_bench), dropped and recreated each run.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { runMigrations } from '@app/database';
import { PlatformModule } from '@app/platform';
import { QueueModule } from '@app/queue';
import { addDays, LoadRecomputeService, localDate, TrainingLoadModule } from '@app/training-load';

const ATHLETES = Number(process.env.BENCH_ATHLETES ?? 1000);
const DAYS = Number(process.env.BENCH_DAYS ?? 730);
const HISTORIES = [90, 180, 365, 730];
const BATCH = Number(process.env.BENCH_BATCH ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const UPDATES_PER_HISTORY = Number(process.env.BENCH_UPDATES ?? 40);
const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/loadwatch_bench';

async function resetDatabase(): Promise<void> {
  const admin = new Client({ connectionString: URL.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new globalThis.URL(URL).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
  await runMigrations(URL, { log: () => undefined } as never);
}

/** One athlete per row, ~5 sessions a week for `days` days ending today, inserted by Postgres itself. */
async function seed(ds: DataSource, count: number, days: number, label: string): Promise<string[]> {
  const [team] = await ds.query(`INSERT INTO teams (name) VALUES ($1) RETURNING id`, [label]);
  const athletes: { id: string }[] = await ds.query(
    `INSERT INTO athletes (team_id, name, timezone) SELECT $1, 'bench ' || g, 'UTC' FROM generate_series(1, $2) g RETURNING id`,
    [team.id, count],
  );
  const today = localDate(new Date(), 'UTC');
  await ds.query(
    `INSERT INTO sessions (athlete_id, provider, external_id, local_date, start_time, duration_s, rpe, load, load_method, source_updated_at)
     SELECT a.id, 'bench', a.id::text || '-' || d, ($2::date - d), ($2::date - d) + time '07:00', 3600, 3 + (abs(hashtext(a.id::text || d)) % 6),
            60 * (3 + (abs(hashtext(a.id::text || d)) % 6)), 'srpe', now()
     FROM unnest($1::uuid[]) AS a(id), generate_series(0, $3 - 1) AS d
     WHERE abs(hashtext(a.id::text || d || 'x')) % 7 < 5`,
    [athletes.map((a) => a.id), today, days],
  );
  return athletes.map((a) => a.id);
}

async function main(): Promise<void> {
  await resetDatabase();
  const config = { ...loadConfig({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32), API_TOKEN: 'y'.repeat(16), LOG_LEVEL: 'warn' }), databaseUrl: URL, queuePrefix: 'bench' };
  @Module({ imports: [PlatformModule.forRoot(config), QueueModule.forRoot({ relay: false }), TrainingLoadModule] })
  class BenchRoot {}
  const app = await NestFactory.createApplicationContext(BenchRoot, { logger: false });
  const ds = app.get(DataSource);
  const service = app.get(LoadRecomputeService);

  // Full recompute (what an algoVersion upgrade does): batches of BATCH athletes, one transaction each.
  const ids = await seed(ds, ATHLETES, DAYS, 'full');
  const started = process.hrtime.bigint();
  // CONCURRENCY batches at a time, like a worker with WORKER_CONCURRENCY jobs: Postgres and Node overlap.
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += BATCH) batches.push(ids.slice(i, i + BATCH));
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) await service.recomputeMany(batch, '1970-01-01', 'bench-full');
    }),
  );
  const fullSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [{ rows }] = await ds.query(`SELECT count(*)::int AS rows FROM daily_metrics`);
  const full = { athletes: ATHLETES, days: DAYS, batch: BATCH, concurrency: CONCURRENCY, seconds: fullSeconds, rowsWritten: rows, athleteDaysPerSecond: Math.round(rows / fullSeconds) };

  // The same work one athlete per transaction (what one load.recompute job does), on a sample.
  const sample = ids.slice(0, Math.min(100, ids.length));
  const singleStarted = process.hrtime.bigint();
  for (const id of sample) await service.recompute(id, '1970-01-01', 'bench-single');
  const singleSeconds = Number(process.hrtime.bigint() - singleStarted) / 1e9;
  const single = { athletes: sample.length, seconds: singleSeconds, athleteDaysPerSecond: Math.round((sample.length * DAYS) / singleSeconds) };

  const incremental: { historyDays: number; medianMs: number; p90Ms: number }[] = [];
  const today = localDate(new Date(), 'UTC');
  for (const history of HISTORIES) {
    const athletes = await seed(ds, UPDATES_PER_HISTORY, history, `history-${history}`);
    for (const id of athletes) await service.recompute(id, '1970-01-01', 'bench-seed');
    const times: number[] = [];
    for (const [i, id] of athletes.entries()) {
      await ds.query(
        `INSERT INTO sessions (athlete_id, provider, external_id, local_date, start_time, duration_s, rpe, load, load_method, source_updated_at)
         VALUES ($1, 'bench', $2, $3, $3::date + time '18:00', 1800, 7, 210, 'srpe', now())`,
        [id, `${id}-new-${i}`, today],
      );
      const t0 = process.hrtime.bigint();
      const result = await service.recompute(id, today, 'bench-incremental');
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (!result.incremental) throw new Error('expected an incremental recompute');
    }
    times.sort((a, b) => a - b);
    incremental.push({ historyDays: history, medianMs: round(times[Math.floor(times.length / 2)]), p90Ms: round(times[Math.floor(times.length * 0.9)]) });
  }
  await app.close();

  const result = {
    benchmark: 'recompute',
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
    full: { ...full, goalAthleteDaysPerSecond: 100_000 },
    onePerTransaction: single,
    incremental,
    incrementalFlatness: round(incremental[incremental.length - 1].medianMs / incremental[0].medianMs),
    firstDayOfSeries: addDays(today, -(DAYS - 1)),
  };
  const out = path.resolve('bench/results', `recompute-${result.at.replace(/[:.]/g, '-')}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(
    `full recompute: ${ATHLETES} athletes × ${DAYS} days in ${fullSeconds.toFixed(1)} s = ${full.athleteDaysPerSecond} athlete-days/s in batches of ${BATCH}, ${CONCURRENCY} at a time (goal 100000); ` +
      `one athlete per transaction: ${single.athleteDaysPerSecond} athlete-days/s\n` +
      incremental.map((r) => `incremental update, ${r.historyDays}-day history: median ${r.medianMs} ms, p90 ${r.p90Ms} ms`).join('\n') +
      `\n730-day / 90-day median = ${result.incrementalFlatness} (1.0 = flat) → ${path.relative(process.cwd(), out)}\n`,
  );
}

const round = (x: number) => Math.round(x * 100) / 100;

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
