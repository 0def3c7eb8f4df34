import { createHmac, randomBytes } from 'node:crypto';
import { bearerOf, FakeProviderServer, FakeRequest, FakeResponse } from './fake-provider-server';

export interface FakeOuraWorkout {
  id: string;
  activity: string;
  calories?: number;
  day: string;
  distance?: number | null;
  start_datetime: string;
  end_datetime: string;
  intensity?: 'easy' | 'moderate' | 'hard';
  source?: string;
}

export interface FakeOuraSleep {
  id: string;
  day: string;
  type: 'long_sleep' | 'sleep' | 'late_nap' | 'rest' | 'deleted';
  bedtime_start: string;
  bedtime_end: string;
  total_sleep_duration: number;
  lowest_heart_rate: number;
  average_hrv: number;
  average_heart_rate?: number;
}

export interface FakeOuraReadiness {
  id: string;
  day: string;
  score: number;
  temperature_deviation?: number;
}

/**
 * Oura's OAuth and API v2 endpoints as webhooks.md §6 documents them: token exchange with the client credentials
 * in the body, refresh with rotation, personal_info (the user id), single documents and date-ranged collections
 * paged with `next_token`, 401 for expired tokens, 429 with Retry-After on demand, and a webhook signer.
 */
export class FakeOura {
  readonly server = new FakeProviderServer();
  readonly clientId = 'oura-client-123';
  readonly clientSecret = 'oura_client_secret_example';
  readonly verifyToken = 'oura-verify-token';
  userId = '3f1c2a';
  /** Items per collection page, small so that paging is exercised. */
  pageSize = 2;
  readonly workouts = new Map<string, FakeOuraWorkout>();
  readonly sleeps = new Map<string, FakeOuraSleep>();
  readonly readiness = new Map<string, FakeOuraReadiness>();
  private readonly access = new Map<string, { user: string; expires: number }>();
  private readonly refresh = new Map<string, string>(); // refresh token → user
  private rateLimitQueue: string[] = [];

  async start(): Promise<string> {
    this.server
      .route('POST', '/oauth/token', (req) => this.token(req))
      .route('GET', '/v2/usercollection/personal_info', (req) => this.authorized(req, (user) => ({ json: { id: user, age: 31, email: 'alex@example.test' } })))
      .route('GET', '/v2/usercollection/workout', (req) => this.authorized(req, () => this.page(req, [...this.workouts.values()])))
      .route('GET', '/v2/usercollection/workout/:id', (req) => this.authorized(req, () => this.one(this.workouts, req.params.id)))
      .route('GET', '/v2/usercollection/sleep', (req) => this.authorized(req, () => this.page(req, [...this.sleeps.values()])))
      .route('GET', '/v2/usercollection/sleep/:id', (req) => this.authorized(req, () => this.one(this.sleeps, req.params.id)))
      .route('GET', '/v2/usercollection/daily_readiness/:id', (req) => this.authorized(req, () => this.one(this.readiness, req.params.id)));
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  env(): Record<string, string> {
    return {
      OURA_CLIENT_ID: this.clientId,
      OURA_CLIENT_SECRET: this.clientSecret,
      OURA_VERIFY_TOKEN: this.verifyToken,
      OURA_API_URL: this.server.url,
      OURA_AUTH_URL: `${this.server.url}/oauth/authorize`,
      OURA_TOKEN_URL: `${this.server.url}/oauth/token`,
    };
  }

  /** x-oura-signature: UPPER hex HMAC-SHA256(client secret, timestamp + body) (§6b). */
  sign(timestamp: string, body: string): string {
    return createHmac('sha256', this.clientSecret).update(timestamp).update(body).digest('hex').toUpperCase();
  }

  rateLimitNext(...retryAfter: string[]): void {
    this.rateLimitQueue.push(...retryAfter);
  }

  /** Every access token issued so far stops working: the next call gets 401 and must refresh. */
  expireAccessTokens(): void {
    this.access.clear();
  }

  private issue(user: string): Record<string, unknown> {
    const access = `oat-${randomBytes(8).toString('hex')}`;
    const refresh = `ort-${randomBytes(8).toString('hex')}`;
    this.access.set(access, { user, expires: Date.now() + 86_400_000 });
    this.refresh.set(refresh, user);
    return { token_type: 'bearer', access_token: access, refresh_token: refresh, expires_in: 86_400, scope: 'personal daily workout' };
  }

  private token(req: FakeRequest): FakeResponse {
    const form = new URLSearchParams(req.body.toString());
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) return { status: 401, json: { error: 'invalid_client' } };
    if (form.get('grant_type') === 'authorization_code') {
      return form.get('code') === 'good-code' ? { json: this.issue(this.userId) } : { status: 400, json: { error: 'invalid_grant' } };
    }
    if (form.get('grant_type') === 'refresh_token') {
      const old = form.get('refresh_token') ?? '';
      const user = this.refresh.get(old);
      if (!user) return { status: 400, json: { error: 'invalid_grant' } };
      this.refresh.delete(old); // refresh tokens are single-use
      return { json: this.issue(user) };
    }
    return { status: 400, json: { error: 'unsupported_grant_type' } };
  }

  private authorized(req: FakeRequest, ok: (user: string) => FakeResponse): FakeResponse {
    const retryAfter = this.rateLimitQueue.shift();
    if (retryAfter) return { status: 429, json: { detail: 'Too Many Requests' }, headers: { 'retry-after': retryAfter } };
    const token = bearerOf(req);
    const grant = token ? this.access.get(token) : undefined;
    if (!grant || grant.expires < Date.now()) return { status: 401, json: { detail: 'Unauthorized' } };
    return ok(grant.user);
  }

  private one<T>(map: Map<string, T>, id: string): FakeResponse {
    const item = map.get(id);
    return item ? { json: item } : { status: 404, json: { detail: 'Not Found' } };
  }

  /** `start_date` ≤ day ≤ `end_date`, in pages of `pageSize`; `next_token` is the offset of the next page. */
  private page(req: FakeRequest, items: { day: string }[]): FakeResponse {
    const start = req.query.get('start_date');
    const end = req.query.get('end_date');
    if (!start || !end) return { status: 400, json: { detail: 'start_date and end_date are required' } };
    const list = items.filter((i) => i.day >= start && i.day <= end).sort((a, b) => a.day.localeCompare(b.day));
    const offset = Number(req.query.get('next_token') ?? 0);
    const next = offset + this.pageSize < list.length ? String(offset + this.pageSize) : null;
    return { json: { data: list.slice(offset, offset + this.pageSize), next_token: next } };
  }
}
