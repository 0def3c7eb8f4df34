import { randomBytes } from 'node:crypto';
import { bearerOf, FakeProviderServer, FakeRequest, FakeResponse } from './fake-provider-server';

export interface FakeStravaActivity {
  id: number;
  sport_type: string;
  start_date: string;
  elapsed_time: number;
  moving_time?: number;
  distance?: number;
  average_heartrate?: number;
  max_heartrate?: number;
  perceived_exertion?: number;
}

/**
 * Strava's OAuth and REST endpoints as webhooks.md §2 documents them: token exchange (with the athlete in the
 * answer), refresh with rotation, activities, the athlete list for backfill, deauthorize, rate-limit headers.
 */
export class FakeStrava {
  readonly server = new FakeProviderServer();
  readonly clientId = 'strava-client-123';
  readonly clientSecret = 'strava-secret-456';
  athleteId = 98765;
  readonly activities = new Map<number, FakeStravaActivity>();
  private readonly access = new Map<string, number>(); // token → expires (epoch s)
  private readonly refresh = new Set<string>();
  private revoked = false;
  private rateLimitQueue: { retryAfter: string }[] = [];
  usage = { short: 10, daily: 100 };

  async start(): Promise<string> {
    this.server
      .route('POST', '/oauth/token', (req) => this.token(req))
      .route('POST', '/oauth/deauthorize', () => {
        this.revoked = true;
        return { json: {} };
      })
      .route('GET', '/api/v3/athlete', (req) => this.authorized(req, () => ({ json: { id: this.athleteId, firstname: 'Test' } })))
      .route('GET', '/api/v3/activities/:id', (req) =>
        this.authorized(req, () => {
          const a = this.activities.get(Number(req.params.id));
          return a ? { json: a } : { status: 404, json: { message: 'Record Not Found' } };
        }),
      )
      .route('GET', '/api/v3/athlete/activities', (req) =>
        this.authorized(req, () => {
          const after = Number(req.query.get('after') ?? 0);
          const page = Number(req.query.get('page') ?? 1);
          const perPage = Number(req.query.get('per_page') ?? 30);
          const list = [...this.activities.values()].filter((a) => Date.parse(a.start_date) / 1000 > after).sort((a, b) => a.start_date.localeCompare(b.start_date));
          return { json: list.slice((page - 1) * perPage, page * perPage) };
        }),
      );
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  env(): Record<string, string> {
    return {
      STRAVA_CLIENT_ID: this.clientId,
      STRAVA_CLIENT_SECRET: this.clientSecret,
      STRAVA_API_URL: `${this.server.url}/api/v3`,
      STRAVA_AUTH_URL: `${this.server.url}/oauth/authorize`,
      STRAVA_TOKEN_URL: `${this.server.url}/oauth/token`,
    };
  }

  /** The next API calls answer 429 with these Retry-After values, in order. */
  rateLimitNext(...retryAfter: string[]): void {
    this.rateLimitQueue.push(...retryAfter.map((r) => ({ retryAfter: r })));
  }

  /** Make every access token issued so far invalid (the next call gets 401 and must refresh). */
  expireAccessTokens(): void {
    this.access.clear();
  }

  /** The athlete revoked the app on Strava's side: tokens and refresh tokens stop working. */
  revokeAccess(): void {
    this.revoked = true;
    this.access.clear();
    this.refresh.clear();
  }

  private issue(): Record<string, unknown> {
    const access = `at-${randomBytes(8).toString('hex')}`;
    const refresh = `rt-${randomBytes(8).toString('hex')}`;
    const expiresAt = Math.floor(Date.now() / 1000) + 6 * 3600;
    this.access.set(access, expiresAt);
    this.refresh.add(refresh);
    return { token_type: 'Bearer', access_token: access, refresh_token: refresh, expires_at: expiresAt, expires_in: 21600 };
  }

  private token(req: FakeRequest): FakeResponse {
    const form = new URLSearchParams(req.body.toString());
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) return { status: 401, json: { message: 'Bad client' } };
    if (form.get('grant_type') === 'authorization_code') {
      if (form.get('code') !== 'good-code') return { status: 400, json: { message: 'Bad Request', errors: [{ field: 'code', code: 'invalid' }] } };
      this.revoked = false;
      return { json: { ...this.issue(), athlete: { id: this.athleteId, username: 'test' } } };
    }
    if (form.get('grant_type') === 'refresh_token') {
      const old = form.get('refresh_token') ?? '';
      if (this.revoked || !this.refresh.has(old)) return { status: 400, json: { message: 'Bad Request', errors: [{ field: 'refresh_token', code: 'invalid' }] } };
      this.refresh.delete(old); // Strava rotates refresh tokens
      return { json: this.issue() };
    }
    return { status: 400, json: { message: 'unsupported grant_type' } };
  }

  private authorized(req: FakeRequest, ok: () => FakeResponse): FakeResponse {
    const limit = this.rateLimitQueue.shift();
    const headers = { 'x-ratelimit-limit': '200,2000', 'x-ratelimit-usage': `${this.usage.short},${this.usage.daily}` };
    if (limit) return { status: 429, json: { message: 'Rate Limit Exceeded' }, headers: { ...headers, 'retry-after': limit.retryAfter } };
    const token = bearerOf(req);
    const expires = token ? this.access.get(token) : undefined;
    if (!expires || expires * 1000 < Date.now()) return { status: 401, json: { message: 'Authorization Error' }, headers };
    return { ...ok(), headers };
  }
}
