import net from 'node:net';
import { AppConfig, ConfigError } from './app-config';

function probe(url: string, defaultPort: number, timeoutMs: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** Fails fast with a message that says what to do, instead of a stack trace from a driver deep inside boot. */
export async function assertServicesReachable(config: AppConfig, timeoutMs = 3000): Promise<void> {
  const hint = 'start it, or run `docker compose up -d postgres redis`';
  const problems: string[] = [];
  if (!(await probe(config.databaseUrl, 5432, timeoutMs))) {
    problems.push(`DATABASE_URL is not reachable at ${redact(config.databaseUrl)}; ${hint.replace('it', 'Postgres')}`);
  }
  if (!(await probe(config.redisUrl, 6379, timeoutMs))) {
    problems.push(`REDIS_URL is not reachable at ${redact(config.redisUrl)}; ${hint.replace('it', 'Redis')}`);
  }
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
}
