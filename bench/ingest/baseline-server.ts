// The ingest baseline: a bare Node `http` server doing the same durable work per webhook as Loadwatch — one
// INSERT of the raw event (pg) and one enqueue (ioredis) — and nothing else: no framework, no signature check,
// no validation, no athlete lookup, no logging. What Loadwatch achieves is reported as a ratio of this.
// Run by bench/ingest.bench.ts as its own process: PORT, DATABASE_URL, REDIS_URL, QUEUE_KEY, POOL_SIZE.
import http from 'node:http';
import Redis from 'ioredis';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
const queueKey = process.env.QUEUE_KEY ?? 'baseline:ingest';

async function store(id: string, body: string): Promise<void> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO raw_events (source, event_id, headers, body) VALUES ('baseline', $1, '{}', $2) ON CONFLICT (source, event_id) DO NOTHING RETURNING id`,
    [id, body],
  );
  if (rows.length > 0) await redis.lpush(queueKey, rows[0].id);
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const id = String(req.headers['webhook-id'] ?? '');
    store(id, Buffer.concat(chunks).toString('utf8')).then(
      () => {
        res.writeHead(202, { 'content-type': 'application/json' });
        res.end('{"status":"accepted"}');
      },
      (error: Error) => {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: error.message }));
      },
    );
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void Promise.all([pool.end(), redis.quit()]).then(() => process.exit(0));
});
