// Child processes for the benchmarks: start a server as its own OS process, wait until it answers, read its
// peak memory, stop it. Every server's stderr is kept, so a crash explains itself.
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { childPidsOf, freePort } from '@app/testing';
import { cpuTicksOf, memoryKiBOf, ticksToSeconds } from '../proc-stats';

export const ROOT = path.resolve(__dirname, '../..');

export interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  stderr: () => string;
}

/** Starts `node -r @swc-node/register <script>` with `env`, and waits until `readyPath` answers (any status < 500). */
export async function startServer(name: string, script: string, env: Record<string, string>, readyPath = '/health', timeoutMs = 60_000, nodeArgs: string[] = []): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', script], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`${url}${readyPath}`);
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer on ${url}${readyPath} within ${timeoutMs} ms: ${stderr}`);
    await sleep(200);
  }
  return { name, url, child, stderr: () => stderr };
}

/** Peak resident set size of a live process (VmHWM), MiB. */
export function peakRssMiB(pid: number | undefined): number | null {
  const memory = pid === undefined ? null : memoryKiBOf(pid);
  return memory ? Math.round(memory.peak / 1024) : null;
}

/** Peak RSS of each live child of a process (a cluster's workers), MiB. */
export function childrenPeakRssMiB(pid: number | undefined): number[] {
  return pid === undefined ? [] : childPidsOf(pid).map((child) => peakRssMiB(child) ?? 0);
}

/** CPU time a live process and its live children (a cluster's workers) have used so far (user + system), ms. */
export function cpuTimeMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const ticks = [pid, ...childPidsOf(pid)].map((p) => cpuTicksOf(p) ?? 0).reduce((a, b) => a + b, 0);
  return ticksToSeconds(ticks) * 1000;
}

export async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}
