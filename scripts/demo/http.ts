// The demo talks to the app the way any client would: JSON over HTTP with the operator token, and signed
// Standard Webhooks for the sessions.

import { signStandardWebhook } from '@app/ingestion';
import type { PlannedSession } from './plan';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    body: string,
  ) {
    super(`${path} answered ${status}: ${body.slice(0, 500)}`);
  }
}

/** A thin client for the operator API (`Authorization: Bearer <API_TOKEN>`). */
export class DemoApi {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new ApiError(res.status, `${method} ${path}`, text);
    return JSON.parse(text) as T;
  }
}

/** The `session.upserted` event a tracker or aggregator would send for one session. */
export function sessionEvent(session: PlannedSession, athleteExternalId: string): object {
  return {
    type: 'session.upserted',
    data: {
      athleteExternalId,
      externalId: session.externalId,
      startTime: session.startTime,
      durationS: session.durationS,
      sport: session.sport,
      rpe: session.rpe,
      distanceM: session.distanceM,
      avgHr: session.avgHr,
      maxHr: session.maxHr,
      tags: session.tags,
      exercises: session.exercises,
    },
  };
}

export interface WebhookDelivery {
  id: string;
  body: string;
}

const MAX_ATTEMPTS = 3;

/** POSTs one signed webhook; retries network errors and 5xx (the webhook id makes a retry harmless). */
export async function deliverWebhook(baseUrl: string, secret: string, delivery: WebhookDelivery): Promise<'accepted' | 'duplicate'> {
  for (let attempt = 1; ; attempt++) {
    const timestamp = Math.floor(Date.now() / 1000);
    let failure: Error;
    try {
      const res = await fetch(`${baseUrl}/webhooks/standard`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signStandardWebhook(secret, delivery.id, timestamp, delivery.body),
        },
        body: delivery.body,
      });
      const text = await res.text();
      if (res.status === 202) return 'accepted';
      if (res.status === 200) return 'duplicate';
      failure = new ApiError(res.status, `POST /webhooks/standard (${delivery.id})`, text);
      if (res.status < 500) throw failure; // the request itself is wrong: retrying will not help
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) throw error;
      failure = error as Error;
    }
    if (attempt >= MAX_ATTEMPTS) throw failure;
    await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
  }
}

/** Runs `task` over `items` with at most `size` in flight. */
export async function inPool<T>(items: readonly T[], size: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index], index);
    }
  });
  await Promise.all(lanes);
}
