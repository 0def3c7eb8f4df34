// The API and worker processes of bench/pipeline.bench.ts: real child processes started the way an operator starts
// them (node -r @swc-node/register apps/<role>/src/main.ts), watched through /proc (peak RSS, CPU seconds) and
// always stopped, even when the benchmark fails half-way.
import { ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CLOCK_TICKS_PER_SECOND, cpuTicksOf, memoryKiBOf } from './proc-stats';

const TAIL_LINES = 40;
const SAMPLE_MS = 500;

export type Role = 'api' | 'worker';

/** What a stopped process leaves for the report. */
export interface ProcessReport {
  name: string;
  pid: number;
  /** Kernel high-water mark of the resident set (VmHWM), MiB: the peak since the process started. */
  peakRssMiB: number;
  /** User + system CPU seconds the process used over its whole life (boot included). */
  cpuSeconds: number;
  /** Log lines at warn level or above (pino level ≥ 40) and stderr lines; the first few, verbatim. */
  warnings: number;
  firstWarnings: string[];
}

const alive = new Set<BenchProcess>();

/** One child: spawned at once, sampled every SAMPLE_MS so its peak RSS survives an unexpected exit. */
export class BenchProcess {
  private readonly child: ChildProcess;
  private readonly tail: string[] = [];
  private readonly firstWarnings: string[] = [];
  private warnings = 0;
  private peakRssKiB = 0;
  private cpuTicks = 0;
  private readonly sampler: NodeJS.Timeout;
  /** Resolves with the exit code (or signal) whenever the child ends, expected or not. */
  readonly exited: Promise<string>;
  private stopping = false;

  constructor(
    readonly name: string,
    role: Role,
    env: NodeJS.ProcessEnv,
    nodeArgs: string[] = [],
  ) {
    this.child = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', `apps/${role}/src/main.ts`], { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    alive.add(this);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)));
    void this.exited.then(() => {
      clearInterval(this.sampler);
      alive.delete(this);
    });
    this.watch(this.child.stdout, false);
    this.watch(this.child.stderr, true);
    this.sampler = setInterval(() => this.sample(), SAMPLE_MS);
    this.sampler.unref();
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** Rejects if the child ends before `stop()` was called: a crashed API or worker must fail the run, loudly. */
  guard(): Promise<never> {
    return this.exited.then((how) => {
      if (this.stopping) return new Promise<never>(() => undefined);
      throw new Error(`${this.name} (pid ${this.pid}) exited unexpectedly (${how}); last output:\n${this.tail.join('\n')}`);
    });
  }

  /** SIGTERM (graceful: workers finish their active jobs), SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<ProcessReport> {
    this.stopping = true;
    this.sample(); // the last reading while /proc/<pid> still exists
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    return this.report();
  }

  report(): ProcessReport {
    return {
      name: this.name,
      pid: this.pid,
      peakRssMiB: Math.round((this.peakRssKiB / 1024) * 10) / 10,
      cpuSeconds: Math.round((this.cpuTicks / CLOCK_TICKS_PER_SECOND) * 10) / 10,
      warnings: this.warnings,
      firstWarnings: this.firstWarnings,
    };
  }

  /** CPU seconds so far (user + system), for utilisation over a measured interval. */
  cpuSecondsNow(): number {
    this.sample();
    return this.cpuTicks / CLOCK_TICKS_PER_SECOND;
  }

  private sample(): void {
    // A process that has just exited leaves its last sample standing.
    const memory = memoryKiBOf(this.pid);
    if (memory) this.peakRssKiB = Math.max(this.peakRssKiB, memory.peak, memory.current);
    this.cpuTicks = Math.max(this.cpuTicks, cpuTicksOf(this.pid) ?? 0);
  }

  private watch(stream: NodeJS.ReadableStream | null, isStderr: boolean): void {
    if (!stream) return;
    createInterface({ input: stream }).on('line', (line) => {
      this.tail.push(line);
      if (this.tail.length > TAIL_LINES) this.tail.shift();
      if (this.stopping || !(isStderr || pinoLevel(line) >= 40)) return;
      this.warnings++;
      if (this.firstWarnings.length < 5) this.firstWarnings.push(line.slice(0, 500));
    });
  }
}

function pinoLevel(line: string): number {
  try {
    return Number((JSON.parse(line) as { level?: number }).level ?? 0);
  } catch {
    return 0;
  }
}

/** Stops several processes at once (their graceful shutdowns overlap). */
export function stopAll(processes: BenchProcess[]): Promise<ProcessReport[]> {
  return Promise.all(processes.map((p) => p.stop()));
}

/**
 * Whatever ends this process (an error, Ctrl-C), no API or worker is left running against the bench database:
 * on exit every child still alive gets SIGKILL (synchronous, the only thing an 'exit' handler can do).
 */
export function killChildrenOnExit(): void {
  process.once('exit', () => {
    for (const p of alive) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping ${alive.size} child process(es)\n`);
      void stopAll([...alive]).finally(() => process.exit(130));
    });
  }
}
