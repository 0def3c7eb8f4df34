import { createHash, createHmac, randomBytes } from 'node:crypto';
import { bearerOf, FakeProviderServer, FakeRequest, FakeResponse } from './fake-provider-server';

export interface FakeFitbitActivity {
  logId: number;
  activityName: string;
  activityTypeId?: number;
  /** Local wall time with the user's offset, e.g. 2026-03-01T07:02:11.000+01:00. */
  startTime: string;
  /** Milliseconds. */
  duration: number;
  activeDuration?: number;
  averageHeartRate?: number;
  /** Kilometres (metric: no Accept-Language header). */
  distance?: number;
  calories?: number;
}

/** What a request sent to the token endpoint looked like (for assertions on client auth and PKCE). */
export interface FakeTokenRequest {
  authorization: string | undefined;
  form: Record<string, string>;
}

const DAY_MS = 86_400_000;

/**
 * Fitbit's OAuth 2 (PKCE, Basic client auth, rotating refresh tokens, `user_id` in the token answer), per-user
 * subscriptions (`POST /1/user/-/apiSubscriptions/{id}.json`) and the Web API resources webhooks.md §4d documents: the activity list paged by `pagination.next`, the heart series with
 * `restingHeartRate`, HRV (`dailyRmssd`, ≤ 30-day ranges), sleep logs (≤ 100-day ranges) and the profile. Unknown
 * or expired tokens get Fitbit's 401 `expired_token` body.
 */
export class FakeFitbit {
  readonly server = new FakeProviderServer();
  readonly clientId = '23ABCD';
  readonly clientSecret = 'fitbit-client-secret-9f8e7d6c5b4a';
  userId = '228TQ4';
  readonly activities = new Map<number, FakeFitbitActivity>();
  readonly restingHr = new Map<string, number>();
  readonly hrv = new Map<string, number>();
  /** Main sleep per wake-up day (minutes asleep). */
  readonly sleep = new Map<string, number>();
  /** Fitbit answers at most this many entries per activity-list page (to exercise `pagination.next`). */
  pageSize = 100;
  readonly tokenRequests: FakeTokenRequest[] = [];
  /** Subscription id → owner, as created through POST /1/user/-/apiSubscriptions/{id}.json (all collections). */
  readonly subscriptions = new Map<string, string>();
  private readonly access = new Map<string, number>(); // token → expires (epoch ms)
  private readonly refresh = new Set<string>();
  private readonly approvals = new Map<string, { challenge: string; redirectUri: string }>();

  async start(): Promise<string> {
    this.server
      .route('POST', '/oauth2/token', (req) => this.token(req))
      .route('POST', '/oauth2/revoke', () => ({ status: 200, json: {} }))
      .route('POST', '/1/user/-/apiSubscriptions/:id', (req) => this.authorized(req, () => this.subscribe(req)))
      .route('GET', '/1/user/-/profile.json', (req) => this.authorized(req, () => ({ json: { user: { encodedId: this.userId, displayName: 'Alex' } } })))
      .route('GET', '/1/user/-/activities/list.json', (req) => this.authorized(req, () => this.activityList(req)))
      .route('GET', '/1/user/-/activities/heart/date/:start/:end', (req) =>
        this.authorized(req, () => this.range(req, 365, (day) => ({ dateTime: day, value: this.heartValue(day) }), 'activities-heart')),
      )
      .route('GET', '/1/user/-/hrv/date/:start', (req) => this.authorized(req, () => this.range(req, 30, (day) => this.hrvEntry(day), 'hrv')))
      .route('GET', '/1/user/-/hrv/date/:start/:end', (req) => this.authorized(req, () => this.range(req, 30, (day) => this.hrvEntry(day), 'hrv')))
      .route('GET', '/1.2/user/-/sleep/date/:start', (req) => this.authorized(req, () => this.range(req, 100, (day) => this.sleepEntry(day), 'sleep')))
      .route('GET', '/1.2/user/-/sleep/date/:start/:end', (req) => this.authorized(req, () => this.range(req, 100, (day) => this.sleepEntry(day), 'sleep')));
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  env(): Record<string, string> {
    return {
      FITBIT_CLIENT_ID: this.clientId,
      FITBIT_CLIENT_SECRET: this.clientSecret,
      FITBIT_API_URL: this.server.url,
      FITBIT_AUTH_URL: `${this.server.url}/oauth2/authorize`,
      FITBIT_TOKEN_URL: `${this.server.url}/oauth2/token`,
    };
  }

  /** The athlete approved in the browser: Fitbit issues `code` for the PKCE challenge of that authorize URL. */
  approve(authorizeUrl: string, code = 'good-code'): void {
    const url = new URL(authorizeUrl);
    this.approvals.set(code, { challenge: url.searchParams.get('code_challenge') ?? '', redirectUri: url.searchParams.get('redirect_uri') ?? '' });
  }

  /** X-Fitbit-Signature for a body: base64(HMAC-SHA1(client_secret + "&", body)). */
  sign(body: string): string {
    return createHmac('sha1', `${this.clientSecret}&`).update(body).digest('base64');
  }

  /** Every access token issued so far stops working (the next API call gets 401 and must refresh). */
  expireAccessTokens(): void {
    this.access.clear();
  }

  /** The athlete revoked the app: tokens and refresh tokens stop working. */
  revokeAccess(): void {
    this.access.clear();
    this.refresh.clear();
  }

  refreshGrants(): FakeTokenRequest[] {
    return this.tokenRequests.filter((r) => r.form.grant_type === 'refresh_token');
  }

  private issue(): Record<string, unknown> {
    const access = `fb-at-${randomBytes(8).toString('hex')}`;
    const refresh = `fb-rt-${randomBytes(8).toString('hex')}`;
    this.access.set(access, Date.now() + 8 * 3600 * 1000);
    this.refresh.add(refresh);
    return { access_token: access, expires_in: 28800, refresh_token: refresh, scope: 'activity heartrate sleep profile', token_type: 'Bearer', user_id: this.userId };
  }

  private token(req: FakeRequest): FakeResponse {
    const form = Object.fromEntries(new URLSearchParams(req.body.toString()));
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    this.tokenRequests.push({ authorization, form });
    const basic = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
    if (authorization !== basic) return this.error(401, 'invalid_client', 'Invalid authorization header format.');
    if (form.grant_type === 'authorization_code') {
      const approval = this.approvals.get(form.code ?? '');
      this.approvals.delete(form.code ?? '');
      if (!approval) return this.error(400, 'invalid_grant', 'Authorization code invalid');
      if (form.redirect_uri !== approval.redirectUri) return this.error(400, 'invalid_request', 'Redirect_uri mismatch');
      const challenge = createHash('sha256')
        .update(form.code_verifier ?? '')
        .digest('base64url');
      if (challenge !== approval.challenge) return this.error(400, 'invalid_grant', 'Invalid code_verifier');
      return { json: this.issue() };
    }
    if (form.grant_type === 'refresh_token') {
      if (!this.refresh.delete(form.refresh_token ?? '')) return this.error(400, 'invalid_grant', 'Refresh token invalid');
      return { json: this.issue() };
    }
    return this.error(400, 'unsupported_grant_type', 'The grant type is not supported');
  }

  private error(status: number, errorType: string, message: string): FakeResponse {
    return { status, json: { errors: [{ errorType, message }], success: false } };
  }

  private authorized(req: FakeRequest, ok: () => FakeResponse): FakeResponse {
    const token = bearerOf(req);
    const expires = token ? this.access.get(token) : undefined;
    if (!expires || expires < Date.now()) return this.error(401, 'expired_token', `Access token expired: ${token ?? ''}`);
    return ok();
  }

  private subscribe(req: FakeRequest): FakeResponse {
    const id = req.params.id.replace(/\.json$/, '');
    if (id.length > 50) return this.error(400, 'validation', 'subscription id longer than 50 characters');
    const owner = this.subscriptions.get(id);
    if (owner !== undefined && owner !== this.userId) return this.error(409, 'conflict', 'subscription id in use for another user');
    const existed = owner !== undefined;
    this.subscriptions.set(id, this.userId);
    return { status: existed ? 200 : 201, json: { collectionType: 'user', ownerId: this.userId, ownerType: 'user', subscriberId: '1', subscriptionId: id } };
  }

  private activityList(req: FakeRequest): FakeResponse {
    const afterDate = req.query.get('afterDate');
    if (!afterDate || req.query.get('sort') !== 'asc') return this.error(400, 'validation', 'afterDate with sort=asc is required');
    const after = afterDate.length === 10 ? `${afterDate}T00:00:00` : afterDate;
    const limit = Math.min(Number(req.query.get('limit') ?? 20), this.pageSize);
    const offset = Number(req.query.get('offset') ?? 0);
    const all = [...this.activities.values()].filter((a) => a.startTime.slice(0, 19) > after).sort((a, b) => a.startTime.localeCompare(b.startTime));
    const page = all.slice(offset, offset + limit);
    const more = offset + limit < all.length;
    const next = more ? `${this.server.url}/1/user/-/activities/list.json?afterDate=${afterDate}&sort=asc&limit=${limit}&offset=${offset + limit}` : '';
    return {
      json: {
        activities: page.map((a) => ({ ...a, logType: 'auto_detected', source: { name: 'Pixel Watch 3' } })),
        pagination: { afterDate, limit, next, offset, previous: '', sort: 'asc' },
      },
    };
  }

  /** /date/{d}/1d.json, /date/{d}.json or /date/{a}/{b}.json → one entry per day (or none), in `key`. */
  private range(req: FakeRequest, maxDays: number, entry: (day: string) => unknown, key: string): FakeResponse {
    const start = req.params.start.replace(/\.json$/, '');
    const endParam = (req.params.end ?? `${start}.json`).replace(/\.json$/, '');
    const end = endParam === '1d' ? start : endParam;
    const days = (Date.parse(end) - Date.parse(start)) / DAY_MS;
    if (!Number.isInteger(days) || days < 0 || days >= maxDays) return this.error(400, 'validation', `Invalid date range: ${start}..${end}`);
    const entries: unknown[] = [];
    for (let t = Date.parse(start); t <= Date.parse(end); t += DAY_MS) {
      const e = entry(new Date(t).toISOString().slice(0, 10));
      if (e !== null) entries.push(e);
    }
    return { json: { [key]: entries } };
  }

  private heartValue(day: string): Record<string, unknown> {
    const rhr = this.restingHr.get(day);
    return { customHeartRateZones: [], heartRateZones: [], ...(rhr === undefined ? {} : { restingHeartRate: rhr }) };
  }

  private hrvEntry(day: string): unknown {
    const rmssd = this.hrv.get(day);
    return rmssd === undefined ? null : { value: { dailyRmssd: rmssd, deepRmssd: rmssd + 3 }, dateTime: day };
  }

  private sleepEntry(day: string): unknown {
    const minutes = this.sleep.get(day);
    return minutes === undefined ? null : { dateOfSleep: day, isMainSleep: true, logId: Date.parse(day) / 1000, minutesAsleep: minutes, minutesAwake: 30, duration: (minutes + 30) * 60_000, type: 'stages' };
  }
}
