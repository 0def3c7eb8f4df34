// Real worker OS processes for scale-out tests: `node -r @swc-node/register apps/worker/src/main.ts`, exactly how
// `npm run start:worker` runs in development, each with its own environment. Their output is kept (the tail) so a
// failing test can say why a worker died or what it logged.
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Queue } from 'bullmq';
import { QueueName, redisConnection } from '@app/queue';
import { pollUntil } from '@app/testing';

const ROOT = path.resolve(__dirname, '../..');
const OUTPUT_LIMIT = 64 * 1024;

export interface WorkerProcess {
  /** Our label for it (also its Postgres application_name, see spawnWorkerProcess). */
  readonly name: string;
  readonly pid: number;
  /** The last 64 KiB of its stdout and stderr, interleaved. */
  output(): string;
  exited(): boolean;
  /** Resolves when the process has exited (SIGTERM, then SIGKILL after `graceMs`). Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts one worker process. `env` is layered over this process's environment; PGAPPNAME is set to `name`, so the
 * worker's Postgres sessions carry it as application_name (node-postgres reads PGAPPNAME like libpq does) and a
 * test can tell which process wrote what.
 */
export function spawnWorkerProcess(name: string, env: Record<string, string>): WorkerProcess {
  return spawnAppProcess(name, 'apps/worker/src/main.ts', env);
}

/** Any of the product's entry points (`apps/…/main.ts`) as its own OS process, the same way. */
export function spawnAppProcess(name: string, entryPoint: string, env: Record<string, string>): WorkerProcess {
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', entryPoint], {
    cwd: ROOT,
    env: { ...process.env, ...env, PGAPPNAME: name },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      keep(Buffer.from(`\n[${name} exited: code ${code ?? '-'}, signal ${signal ?? '-'}]\n`));
      resolve();
    });
    child.once('error', (error) => {
      keep(Buffer.from(`\n[${name} could not start: ${error.message}]\n`));
      resolve();
    });
  });
  const exited = () => child.exitCode !== null || child.signalCode !== null || child.pid === undefined;
  return {
    name,
    pid: child.pid ?? -1,
    output: () => output,
    exited,
    stop: async (graceMs = 10_000) => {
      if (exited()) return;
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const killed = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          if (!exited()) child.kill('SIGKILL');
          resolve();
        }, graceMs);
      });
      await Promise.race([exit, killed]);
      clearTimeout(timer);
      await exit;
    },
  };
}

/** What a worker process printed, for an assertion or error message. */
export function describeOutput(workers: WorkerProcess[]): string {
  return workers.map((w) => `--- ${w.name} (pid ${w.pid}) ---\n${w.output().trim() || '(no output)'}`).join('\n');
}

/**
 * Waits until at least `count` BullMQ workers consume every queue under `prefix`. BullMQ names each worker's
 * blocking Redis connection after its queue (CLIENT SETNAME), so `Queue.getWorkers()` lists the consumers that are
 * really connected, whichever process they live in. Fails at once, with the output, if a worker process exits.
 */
export async function waitForQueueWorkers(
  workers: WorkerProcess[],
  { redisUrl, prefix, count, timeoutMs = 60_000 }: { redisUrl: string; prefix: string; count: number; timeoutMs?: number },
): Promise<Record<QueueName, number>> {
  const queues = Object.values(QueueName).map((name) => new Queue(name, { connection: redisConnection(redisUrl), prefix }));
  try {
    return await pollUntil(
      async () => {
        const dead = workers.filter((w) => w.exited());
        if (dead.length > 0) {
          // pollUntil retries errors: make this one final by returning a value the caller turns into a failure.
          return { dead } as const;
        }
        const counts = Object.fromEntries(await Promise.all(queues.map(async (q) => [q.name, (await q.getWorkers()).length] as const))) as Record<QueueName, number>;
        return Object.values(counts).every((n) => n >= count) ? { counts } : null;
      },
      { timeoutMs, intervalMs: 200, what: `${count} workers on every queue under ${prefix}` },
    ).then((result) => {
      if ('dead' in result) throw new Error(`worker process exited during start-up:\n${describeOutput(workers)}`);
      return result.counts;
    });
  } catch (error) {
    if (/timed out/.test((error as Error).message)) throw new Error(`${(error as Error).message}\n${describeOutput(workers)}`);
    throw error;
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}
