// The load generator of bench/pipeline.bench.ts: signed Standard Webhooks over keep-alive HTTP/1.1, either closed-loop
// (a fixed number of requests in flight, as fast as the API answers) or open-loop (sends on a fixed timetable,
// whatever the API's answers do, so a slow API cannot slow the offered load down).
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { standardWebhookHeaders } from '@app/testing';

export interface Delivery {
  status: number;
  /** Wall clock (Date.now()) when the request was handed to the HTTP client: comparable with Postgres timestamps. */
  sentAt: number;
  /** From handing the request over to the end of the answer, on the monotonic clock (sub-millisecond). */
  latencyMs: number;
}

/** Posts signed webhooks to one API; node:http with a keep-alive pool costs the generator far less CPU than fetch. */
export class WebhookClient {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(
    baseUrl: string,
    private readonly secret: string,
    maxSockets: number,
  ) {
    this.url = new URL('/webhooks/standard', baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  post(event: object): Promise<Delivery> {
    const body = JSON.stringify(event);
    const headers = { ...standardWebhookHeaders(this.secret, body), 'content-length': String(Buffer.byteLength(body)) };
    const sentAt = now();
    const t0 = performance.now();
    return new Promise((resolve) => {
      const request = http.request(this.url, { method: 'POST', headers, agent: this.agent }, (response) => {
        response.resume(); // the body ({ status, eventId }) is not needed, only the status
        response.on('end', () => resolve({ status: response.statusCode ?? 0, sentAt, latencyMs: performance.now() - t0 }));
      });
      // A refused or reset connection counts as status 0: the summary reports it as a failed delivery.
      request.on('error', () => resolve({ status: 0, sentAt, latencyMs: performance.now() - t0 }));
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * The wall clock, which the worker processes (BullMQ's finishedOn) and Postgres (created_at, processed_at) use too:
 * every instant compared across processes is taken with it.
 */
export const now = (): number => Date.now();

/** `total` events, `concurrency` requests in flight, each sender taking the next index when its answer arrives. */
export async function closedLoop(client: WebhookClient, total: number, concurrency: number, eventAt: (i: number) => object): Promise<Delivery[]> {
  const deliveries: Delivery[] = new Array<Delivery>(total);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) deliveries[i] = await client.post(eventAt(i));
    }),
  );
  return deliveries;
}

export interface OpenLoopResult {
  deliveries: Delivery[];
  /** How late each send left against its timetable slot, ms (the generator's own lag, e.g. a busy CPU). */
  lagMs: number[];
  /** From the first to the last send, seconds. */
  sendSeconds: number;
}

/**
 * Request i leaves at start + i / rate, without waiting for earlier answers (open loop). A timer wakes every ~1 ms
 * and sends everything whose slot has come, so a late wake-up catches up instead of shifting the timetable.
 */
export async function openLoop(client: WebhookClient, rate: number, seconds: number, eventAt: (i: number) => object): Promise<OpenLoopResult> {
  const total = Math.round(rate * seconds);
  const pending: Promise<Delivery>[] = [];
  const lagMs: number[] = [];
  const start = performance.now();
  let first = 0;
  let last = 0;
  while (pending.length < total) {
    const t = performance.now();
    for (let slot = start + (pending.length * 1000) / rate; pending.length < total && slot <= t; slot = start + (pending.length * 1000) / rate) {
      lagMs.push(performance.now() - slot);
      if (pending.length === 0) first = now();
      pending.push(client.post(eventAt(pending.length)));
      last = now();
    }
    await sleep(1);
  }
  return { deliveries: await Promise.all(pending), lagMs, sendSeconds: (last - first) / 1000 };
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function summarize(values: number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? NaN) };
}
