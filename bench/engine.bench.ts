// npm run bench:engine — throughput of the pure metric engine (no database): all daily metrics for many
// athletes × days in one process. Writes bench/results/engine-<timestamp>.json and prints a summary.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seededRandom } from '../libs/common/src/seeded-random';
import { addDays, computeDailyMetrics, DayInput } from '../libs/training-load/src/calc';

const ATHLETES = Number(process.env.BENCH_ATHLETES ?? 10_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 730);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function athleteSeries(seed: number): DayInput[] {
  const rand = seededRandom(seed);
  const start = '2024-11-21';
  return Array.from({ length: DAYS }, (_, i) => {
    const r = rand();
    const state = r < 0.03 ? 'missing' : r < 0.25 ? 'rest' : 'trained';
    return { date: addDays(start, i), load: state === 'trained' ? Math.round(150 + rand() * 600) : 0, state };
  });
}

function main(): void {
  const inputs = Array.from({ length: ATHLETES }, (_, i) => athleteSeries(i + 1));
  const rounds: { seconds: number; athleteDaysPerSecond: number }[] = [];
  let peakRss = process.memoryUsage().rss;
  let checksum = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    for (const days of inputs) {
      const rows = computeDailyMetrics(days);
      checksum += rows[rows.length - 1].ctl ?? 0;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    rounds.push({ seconds, athleteDaysPerSecond: (ATHLETES * DAYS) / seconds });
  }
  const best = Math.max(...rounds.map((r) => r.athleteDaysPerSecond));
  const result = {
    benchmark: 'engine',
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, totalMemGiB: Math.round(os.totalmem() / 2 ** 30) },
    athletes: ATHLETES,
    days: DAYS,
    rounds,
    bestAthleteDaysPerSecond: Math.round(best),
    goalAthleteDaysPerSecond: 5_000_000,
    peakRssMiB: Math.round(peakRss / 2 ** 20),
    checksum,
  };
  const out = path.resolve('bench/results', `engine-${result.at.replace(/[:.]/g, '-')}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(
    `engine: ${ATHLETES} athletes × ${DAYS} days, best of ${ROUNDS}: ${(best / 1e6).toFixed(2)} M athlete-days/s ` +
      `(goal 5 M/s), peak RSS ${result.peakRssMiB} MiB → ${path.relative(process.cwd(), out)}\n`,
  );
}

main();
