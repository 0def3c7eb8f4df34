import { childPidsOf, createTestDatabase, freePort, pollUntil } from '@app/testing';
import { describeOutput, spawnAppProcess, WorkerProcess } from '../setup/worker-process';

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`)).status === 200;
  } catch {
    return false;
  }
}

// API_PROCESSES=2: the real entry point as a supervised cluster sharing one port, on its own database.
describe('API as a cluster of processes (integration)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let api: WorkerProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('should serve from two processes, replace one that dies, and stop them all on SIGTERM', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    api = spawnAppProcess('api-cluster', 'apps/api/src/main.ts', {
      DATABASE_URL: db.url,
      PORT: String(port),
      API_PROCESSES: '2',
      MIGRATE_ON_BOOT: 'false',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      QUEUE_PREFIX: `cluster-${port}`,
    });
    const started = api;
    const children = () => childPidsOf(started.pid);
    const waitFor = (probe: () => Promise<boolean>, what: string) =>
      pollUntil(probe, { what, timeoutMs: 60_000 }).catch((error: Error) => {
        throw new Error(`${error.message}\n${describeOutput([started])}`);
      });
    await waitFor(async () => children().length === 2 && (await healthy(url)), 'two API processes answering');
    const [first, second] = children();

    process.kill(first, 'SIGKILL');
    await waitFor(async () => !children().includes(first) && children().length === 2 && (await healthy(url)), `a new API process in place of ${first}`);
    expect(children()).toContain(second);
    expect(started.output()).toContain(`api process ${first} exited (SIGKILL); starting another`);
    // Several connections at once: the port is served while one process is new.
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${url}/health`).then((r) => r.status)));
    expect(answers).toEqual(Array.from({ length: 20 }, () => 200));

    const pids = children();
    await started.stop(20_000);
    expect(started.exited()).toBe(true);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});
