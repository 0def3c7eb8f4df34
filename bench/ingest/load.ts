// Signed webhooks at a fixed concurrency with autocannon: every request gets a fresh webhook-id, a current
// timestamp and its own HMAC, computed as it is sent (about 2 µs each), so the server sees real deliveries.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { signStandardWebhook } from '@app/ingestion';

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

export interface Delivery {
  url: string;
  secret: string;
  /** A run id: every webhook-id starts with it, so the stored rows of one run can be counted. */
  runId: string;
  athleteIds: string[];
}

function sessionBody(athleteId: string, n: number): string {
  const start = new Date(Date.now() - (n % 60) * 86_400_000).toISOString().slice(0, 10);
  return JSON.stringify({
    type: 'session.upserted',
    data: { athleteId, externalId: `bench-${n}`, startTime: `${start}T07:00:00Z`, durationS: 1800 + (n % 7) * 600, rpe: 3 + (n % 6), sport: 'run' },
  });
}

export function runLoad(delivery: Delivery, connections: number, seconds: number): Promise<LoadResult> {
  let n = 0;
  const options: autocannon.Options = {
    url: delivery.url,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/webhooks/standard',
        setupRequest: (request) => {
          n++;
          const body = sessionBody(delivery.athleteIds[n % delivery.athleteIds.length], n);
          const id = `${delivery.runId}-${n}-${randomUUID().slice(0, 8)}`;
          const timestamp = Math.floor(Date.now() / 1000);
          return {
            ...request,
            body,
            headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signStandardWebhook(delivery.secret, id, timestamp, body) },
          };
        },
      },
    ],
  };
  return new Promise((resolve, reject) => {
    autocannon(options, (error: Error | null, r) => {
      if (error) return reject(error);
      resolve({
        connections,
        seconds: r.duration,
        requests: r.requests.total,
        ok2xx: r['2xx'],
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
        requestsPerSecond: Math.round(r['2xx'] / r.duration),
        latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
      });
    });
  });
}
