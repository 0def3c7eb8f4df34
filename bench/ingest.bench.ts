// npm run bench:ingest — webhook intake, measured against the machine's own limits:
//  Loadwatch's API (its own process: `apps/api/src/main.ts`, the production entry point) receiving signed
//  POST /webhooks/standard, and in the same run a baseline (bench/ingest/baseline-server.ts: bare Node `http`, one
//  INSERT with pg and one LPUSH with ioredis per request, nothing else), at rising concurrency (INGEST_CONNECTIONS,
//  default 8,32,128), each for INGEST_SECONDS (10) after a 2 s warm-up, alternating the two servers.
// Loadwatch is measured twice: as one process, and as a cluster of INGEST_API_PROCESSES (default 2; 1 skips it)
// processes sharing the port (API_PROCESSES), the way one small box uses its other cores.
// Reported: sustained 2xx/s, p50/p99 latency, Loadwatch/baseline ratio, and — nothing lost — the stored raw events
// of each run counted against the 2xx answers. Then each server's peak RSS. No worker runs: this is the API alone.
// Goals (issue #8): ≥ 5,000 webhooks/s with p99 ≤ 50 ms and ≥ 0.7 of the baseline. Load generator: autocannon, in
// this process, on the same 2 cores as both servers, Postgres and Redis.
// Own database (BENCH_DATABASE_URL, default …/loadwatch_bench_ingest), dropped and migrated each run.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { Client } from 'pg';
import { runMigrations } from '@app/database';
import { LoadResult, runLoad } from './ingest/load';
import { childrenPeakRssMiB, cpuTimeMs, peakRssMiB, ROOT, Server, startServer, stopServer } from './ingest/processes';
import { machineTicks, ticksBetween, ticksByPidOf, ticksToSeconds } from './proc-stats';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/loadwatch_bench_ingest';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CONNECTIONS = (process.env.INGEST_CONNECTIONS ?? '8,32,128').split(',').map(Number);
const SECONDS = Number(process.env.INGEST_SECONDS ?? 10);
const CLUSTER = Number(process.env.INGEST_API_PROCESSES ?? 2);
const ATHLETES = 1000;
const API_TOKEN = 'bench-ingest-operator-token';
const GOALS = { perSecond: 5000, p99Ms: 50, ratio: 0.7 };

type Kind = 'baseline' | 'loadwatch' | 'loadwatch cluster';

interface Row extends LoadResult {
  server: Kind;
  stored: number;
  /** 2xx answers without a stored row (requests cut off at the deadline are stored but not counted: never negative). */
  lost: number;
  /** The server processes' CPU time per answered request, ms: what a request costs, whatever else runs. */
  cpuMsPerRequest: number;
  /** The rest of the CPU bill per request, ms: the load generator (this process), all of Postgres, Redis. */
  otherCpuMsPerRequest: { loadGenerator: number; postgres: number; redis: number };
  /** Share of all the machine's CPUs busy during the run (100 = every core busy all along). */
  machineBusyPercent: number;
}

async function resetDatabase(): Promise<void> {
  const admin = new Client({ connectionString: URL.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new globalThis.URL(URL).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
  await runMigrations(URL, { log: () => undefined } as never);
}

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A team of ATHLETES athletes (SQL) and a Standard Webhooks integration (through the API, which seals its secret). */
async function seed(api: Server): Promise<{ secret: string; athleteIds: string[] }> {
  const [team] = await query<{ id: string }>(`INSERT INTO teams (name) VALUES ('Ingest bench') RETURNING id`);
  const athletes = await query<{ id: string }>(
    `INSERT INTO athletes (team_id, name, timezone) SELECT $1, 'ingest ' || g, 'UTC' FROM generate_series(1, $2) g RETURNING id`,
    [team.id, ATHLETES],
  );
  const res = await fetch(`${api.url}/api/teams/${team.id}/integrations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench sender' }),
  });
  if (!res.ok) throw new Error(`integration: ${res.status} ${await res.text()}`);
  return { secret: ((await res.json()) as { secret: string }).secret, athleteIds: athletes.map((a) => a.id) };
}

async function storedFor(server: Kind, runId: string): Promise<number> {
  const source = server === 'baseline' ? `source = 'baseline'` : `source LIKE 'standard:%'`;
  const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM raw_events WHERE ${source} AND event_id LIKE $1`, [`${runId}-%`]);
  return row.n;
}

async function measure(server: Server, kind: Kind, secret: string, athleteIds: string[], connections: number): Promise<Row> {
  const stamp = `${kind}-c${connections}-${Date.now()}`;
  await runLoad({ url: server.url, secret, runId: `warm-${stamp}`, athleteIds }, connections, 2);
  await sleep(500);
  const cpuBefore = cpuTimeMs(server.child.pid);
  const before = { generator: process.cpuUsage(), postgres: ticksByPidOf('postgres'), redis: ticksByPidOf('redis-server'), machine: machineTicks() };
  const result = await runLoad({ url: server.url, secret, runId: stamp, athleteIds }, connections, SECONDS);
  const cpuMs = cpuTimeMs(server.child.pid) - cpuBefore;
  const generator = process.cpuUsage(before.generator);
  const machine = machineTicks();
  const perRequest = (ms: number) => Math.round((ms / Math.max(result.requests, 1)) * 1000) / 1000;
  const otherCpuMsPerRequest = {
    loadGenerator: perRequest((generator.user + generator.system) / 1000),
    postgres: perRequest(ticksToSeconds(ticksBetween(before.postgres, ticksByPidOf('postgres'))) * 1000),
    redis: perRequest(ticksToSeconds(ticksBetween(before.redis, ticksByPidOf('redis-server'))) * 1000),
  };
  const machineBusyPercent = Math.round((100 * (machine.busy - before.machine.busy)) / Math.max(machine.total - before.machine.total, 1));
  await sleep(1000); // requests cut off at the deadline may still be committing
  const stored = await storedFor(kind, stamp);
  return { server: kind, ...result, stored, lost: Math.max(0, result.ok2xx - stored), cpuMsPerRequest: perRequest(cpuMs), otherCpuMsPerRequest, machineBusyPercent };
}

const label = (kind: Kind) => (kind === 'loadwatch cluster' ? `loadwatch ×${CLUSTER} processes` : kind);

function markdown(at: string, rows: Row[], rss: Record<string, number | null>): string {
  const best = (kind: Kind) => Math.max(0, ...rows.filter((r) => r.server === kind).map((r) => r.requestsPerSecond));
  const lines = rows.map((r) => {
    const base = rows.find((b) => b.server === 'baseline' && b.connections === r.connections);
    const ratio = r.server !== 'baseline' && base ? (r.requestsPerSecond / base.requestsPerSecond).toFixed(2) : '';
    return `| ${label(r.server)} | ${r.connections} | ${r.requestsPerSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${r.latencyMs.max} | ${r.ok2xx} | ${r.non2xx + r.errors + r.timeouts} | ${r.stored} | ${r.lost} | ${r.cpuMsPerRequest} | ${r.otherCpuMsPerRequest.loadGenerator} / ${r.otherCpuMsPerRequest.postgres} / ${r.otherCpuMsPerRequest.redis} | ${r.machineBusyPercent} | ${ratio} |`;
  });
  const bestWithinLatency = (kind: Kind) => best(kind) && Math.max(0, ...rows.filter((r) => r.server === kind && r.latencyMs.p99 <= GOALS.p99Ms).map((r) => r.requestsPerSecond));
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const goals = (kind: Kind) =>
    `${label(kind)}: ≥ ${GOALS.perSecond}/s with p99 ≤ ${GOALS.p99Ms} ms ${verdict(bestWithinLatency(kind) >= GOALS.perSecond)} ` +
    `(best within the latency goal ${bestWithinLatency(kind)}/s); ≥ ${GOALS.ratio} of the baseline ${verdict(best(kind) / best('baseline') >= GOALS.ratio)} ` +
    `(best ${best(kind)}/s, ratio ${(best(kind) / best('baseline')).toFixed(2)}).`;
  return [
    `# Webhook intake — ${at}`,
    '',
    `Machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}. ` +
      `Load generator (autocannon), both servers, Postgres and Redis share these cores. ${SECONDS} s per run after 2 s warm-up.`,
    '',
    '| Server | Connections | 2xx/s | p50 ms | p99 ms | max ms | 2xx | other | stored | lost | server CPU ms/request | load generator / Postgres / Redis CPU ms/request | machine CPU busy % | ratio to baseline |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...lines,
    '',
    `Best baseline: ${best('baseline')}/s (one process).`,
    `Goals — ${goals('loadwatch')}`,
    ...(best('loadwatch cluster') ? [`Goals — ${goals('loadwatch cluster')}`] : []),
    `Nothing lost: ${verdict(rows.every((r) => r.lost === 0))}.`,
    '',
    'CPU bill per request at each server\'s best rate (server + load generator + Postgres + Redis) and the rate it allows ' +
      `with all ${os.cpus().length} cores on nothing else: ` +
      (['baseline', 'loadwatch', 'loadwatch cluster'] as Kind[])
        .filter((kind) => best(kind) > 0)
        .map((kind) => {
          const row = rows.find((r) => r.server === kind && r.requestsPerSecond === best(kind)) as Row;
          const bill = row.cpuMsPerRequest + row.otherCpuMsPerRequest.loadGenerator + row.otherCpuMsPerRequest.postgres + row.otherCpuMsPerRequest.redis;
          return `${label(kind)} ${bill.toFixed(3)} ms → ${Math.round((os.cpus().length * 1000) / bill)}/s`;
        })
        .join('; ') +
      '.',
    `Peak RSS: ${Object.entries(rss).map(([k, v]) => `${k} ${v ?? '?'} MiB`).join(', ')}.`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  await resetDatabase();
  const env = { DATABASE_URL: URL, REDIS_URL, MIGRATE_ON_BOOT: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', API_TOKEN, QUEUE_PREFIX: `bench-ingest-${Date.now()}` };
  // BENCH_API_NODE_ARGS='--cpu-prof --cpu-prof-dir=var/prof' profiles the API (load the .cpuprofile in Chrome DevTools).
  const api = await startServer('loadwatch api', 'apps/api/src/main.ts', env, '/health', 60_000, (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean));
  const apiArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const cluster = CLUSTER > 1 ? await startServer('loadwatch api cluster', 'apps/api/src/main.ts', { ...env, API_PROCESSES: String(CLUSTER) }, '/health', 60_000, apiArgs) : null;
  const baseline = await startServer('baseline', 'bench/ingest/baseline-server.ts', { DATABASE_URL: URL, REDIS_URL, QUEUE_KEY: `${env.QUEUE_PREFIX}:baseline`, POOL_SIZE: '10' }, '/');
  const rows: Row[] = [];
  try {
    const { secret, athleteIds } = await seed(api);
    for (const connections of CONNECTIONS) {
      const servers: [Server, Kind][] = [[baseline, 'baseline'], [api, 'loadwatch'], ...(cluster ? [[cluster, 'loadwatch cluster'] as [Server, Kind]] : [])];
      for (const [server, kind] of servers) {
        const row = await measure(server, kind, secret, athleteIds, connections);
        process.stdout.write(`${label(kind)} c=${connections}: ${row.requestsPerSecond}/s p50 ${row.latencyMs.p50} ms p99 ${row.latencyMs.p99} ms, stored ${row.stored}/${row.ok2xx}, CPU ${row.cpuMsPerRequest} ms/request\n`);
        rows.push(row);
      }
    }
    const rss: Record<string, number | null> = { api: peakRssMiB(api.child.pid), baseline: peakRssMiB(baseline.child.pid) };
    if (cluster) childrenPeakRssMiB(cluster.child.pid).forEach((mib, i) => (rss[`api cluster process ${i + 1}`] = mib));
    const at = new Date().toISOString();
    const out = path.join(ROOT, 'bench/results', `ingest-${at.replace(/[:.]/g, '-')}`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(`${out}.json`, JSON.stringify({ benchmark: 'ingest', at, apiClusterProcesses: CLUSTER, machine: { cpus: os.cpus().length, memoryGiB: os.totalmem() / 2 ** 30, node: process.version }, seconds: SECONDS, goals: GOALS, rows, peakRssMiB: rss }, null, 2) + '\n');
    const table = markdown(at, rows, rss);
    writeFileSync(`${out}.md`, table);
    process.stdout.write(`\n${table}→ ${path.relative(ROOT, out)}.json, .md\n`);
  } finally {
    await stopServer(api);
    if (cluster) await stopServer(cluster);
    await stopServer(baseline);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${env.QUEUE_PREFIX}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
