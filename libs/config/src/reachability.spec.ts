import net from 'node:net';
import { loadConfig } from './app-config';
import { assertServicesReachable } from './reachability';

describe('assertServicesReachable', () => {
  it('should say which service is unreachable and how to start it', async () => {
    // A port nothing listens on: bind one, note it, close it.
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));
    const config = loadConfig({ DATABASE_URL: `postgres://u:hunter2@127.0.0.1:${port}/x`, REDIS_URL: `redis://127.0.0.1:${port}` });
    const error = await assertServicesReachable(config, 500).then(() => null, (e: Error) => e);
    expect(error?.message).toContain(`DATABASE_URL is not reachable at postgres://u:***@127.0.0.1:${port}/x; start Postgres`);
    expect(error?.message).toContain('REDIS_URL is not reachable');
    expect(error?.message).toContain('docker compose up -d postgres redis');
    expect(error?.message).not.toContain('hunter2');
  });

  it('should pass when both answer', async () => {
    const server = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    const config = loadConfig({ DATABASE_URL: `postgres://127.0.0.1:${port}/x`, REDIS_URL: `redis://127.0.0.1:${port}` });
    await expect(assertServicesReachable(config, 500)).resolves.toBeUndefined();
    await new Promise<void>((r) => server.close(() => r()));
  });
});
