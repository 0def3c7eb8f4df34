import cluster, { Worker } from 'node:cluster';
import { Logger } from '@nestjs/common';

// A child that dies this soon after starting is probably failing at boot: wait before starting another.
const CRASH_LOOP_MS = 5_000;
const RESTART_DELAY_MS = 1_000;

/**
 * Runs `count` copies of this process sharing one listening port (node:cluster): one Node process uses one core,
 * so on a small box several API processes are how the API uses the others. The primary only supervises: it
 * starts the children, starts a new one when one dies, and passes SIGTERM/SIGINT on so each finishes its requests.
 * Returns true in the primary (which must not start the app itself), false in a child.
 */
export function superviseCluster(role: string, count: number): boolean {
  if (count <= 1 || !cluster.isPrimary) return false;
  const logger = new Logger(`Cluster:${role}`);
  const startedAt = new Map<Worker, number>();
  let stopping = false;

  const start = () => {
    const child = cluster.fork();
    startedAt.set(child, Date.now());
  };
  cluster.on('exit', (child, code, signal) => {
    const lived = Date.now() - (startedAt.get(child) ?? 0);
    startedAt.delete(child);
    if (stopping) {
      if (startedAt.size === 0) process.exit(0);
      return;
    }
    logger.error(`${role} process ${child.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
    setTimeout(start, lived < CRASH_LOOP_MS ? RESTART_DELAY_MS : 0);
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping ${startedAt.size} ${role} processes`);
    if (startedAt.size === 0) process.exit(0);
    for (const child of startedAt.keys()) child.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  logger.log(`starting ${count} ${role} processes`);
  for (let i = 0; i < count; i++) start();
  return true;
}
