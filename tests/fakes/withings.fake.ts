import { randomBytes } from 'node:crypto';
import { bearerOf, FakeProviderServer, FakeRequest, FakeResponse } from './fake-provider-server';

export interface FakeWithingsWorkout {
  id: number;
  category: number;
  timezone: string;
  /** Epoch seconds. */
  startdate: number;
  enddate: number;
  /** The workout's local day, YYYY-MM-DD (what startdateymd/enddateymd filter on). */
  date: string;
  modified: number;
  data: Record<string, number>;
}

export interface FakeWithingsSleep {
  id: number;
  /** Wake-up day. */
  date: string;
  startdate: number;
  enddate: number;
  data: Record<string, number>;
}

/**
 * Withings' OAuth 2 and Data API as webhooks.md §8 documents them: every answer is `{status, body}` with HTTP 200,
 * an expired token is `status: 401` (or, with `unauthorizedAs = 'http'`, a plain HTTP 401), data fields come back only
 * when `data_fields` names them, and series page with `more`/`offset`.
 *
 * Deviations, because Loadwatch's shared framework cannot do otherwise (see the Withings adapter): the token
 * endpoint takes `action=requesttoken` in the query string and answers in the standard OAuth form (`access_token` at
 * the top level, plus `userid`), and the data services are read with GET and query parameters. The real Withings
 * documents POST forms and a `{status, body}` token answer.
 */
export class FakeWithings {
  readonly server = new FakeProviderServer();
  readonly clientId = 'withings-client-7c1f';
  readonly clientSecret = 'withings-client-secret-55aa';
  userId = 12345;
  readonly workouts = new Map<number, FakeWithingsWorkout>();
  readonly sleeps = new Map<number, FakeWithingsSleep>();
  pageSize = 100;
  /** How a refused token is answered: Withings' own way (HTTP 200, status 401) or a plain HTTP 401. */
  unauthorizedAs: 'body' | 'http' = 'body';
  readonly tokenRequests: { url: URLSearchParams; form: Record<string, string> }[] = [];
  private readonly access = new Map<string, number>();
  private readonly refresh = new Set<string>();
  private refuseNext = 0;

  async start(): Promise<string> {
    this.server
      .route('POST', '/v2/oauth2', (req) => this.token(req))
      .route('POST', '/notify', (req) =>
        this.authorized(req, () => {
          const form = Object.fromEntries(new URLSearchParams(req.body.toString()));
          if (form.action !== 'subscribe' || !form.callbackurl || !form.appli) return this.invalid();
          this.subscriptions.push({ callbackurl: form.callbackurl, appli: Number(form.appli) });
          return { json: { status: 0, body: {} } };
        }),
      )
      .route('GET', '/v2/measure', (req) => this.authorized(req, (p) => (p.action === 'getworkouts' ? this.series(p, [...this.workouts.values()]) : this.invalid())))
      .route('GET', '/v2/sleep', (req) => this.authorized(req, (p) => (p.action === 'getsummary' ? this.series(p, [...this.sleeps.values()]) : this.invalid())))
      .route('GET', '/v2/user', (req) => this.authorized(req, (p) => (p.action === 'getdevice' ? { json: { status: 0, body: { devices: [{ type: 'Activity Tracker', model: 'ScanWatch 2' }] } } } : this.invalid())));
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  env(): Record<string, string> {
    return {
      WITHINGS_CLIENT_ID: this.clientId,
      WITHINGS_CLIENT_SECRET: this.clientSecret,
      WITHINGS_API_URL: this.server.url,
      WITHINGS_AUTH_URL: `${this.server.url}/oauth2_user/authorize2`,
      WITHINGS_TOKEN_URL: `${this.server.url}/v2/oauth2`,
    };
  }

  /** Every access token issued so far stops working. */
  expireAccessTokens(): void {
    this.access.clear();
  }

  /** The next `n` data calls are refused as if the token had expired, whatever token they carry. */
  refuseNextCalls(n: number): void {
    this.refuseNext = n;
  }

  /** The athlete unlinked the app: tokens and refresh tokens stop working. */
  revokeAccess(): void {
    this.access.clear();
    this.refresh.clear();
  }

  refreshGrants(): Record<string, string>[] {
    return this.tokenRequests.map((r) => r.form).filter((f) => f.grant_type === 'refresh_token');
  }

  dataCalls(action: string): FakeRequest[] {
    return this.server.requests.filter((r) => r.query.get('action') === action);
  }

  private issue(): Record<string, unknown> {
    const access = `wi-at-${randomBytes(8).toString('hex')}`;
    const refresh = `wi-rt-${randomBytes(8).toString('hex')}`;
    this.access.set(access, Date.now() + 3 * 3600 * 1000);
    this.refresh.add(refresh);
    return { userid: String(this.userId), access_token: access, refresh_token: refresh, expires_in: 10800, scope: 'user.info,user.metrics,user.activity', token_type: 'Bearer' };
  }

  /** What the app subscribed with POST /notify (action=subscribe). */
  readonly subscriptions: { callbackurl: string; appli: number }[] = [];

  private token(req: FakeRequest): FakeResponse {
    const form = Object.fromEntries(new URLSearchParams(req.body.toString()));
    this.tokenRequests.push({ url: req.query, form });
    if (form.action !== 'requesttoken') return this.invalid();
    if (form.client_id !== this.clientId || form.client_secret !== this.clientSecret) return { status: 401, json: { error: 'invalid_client' } };
    if (form.grant_type === 'authorization_code') {
      if (form.code !== 'good-code' || !form.redirect_uri) return { json: { status: 503, body: {}, error: 'invalid_grant' } };
      return { json: { status: 0, body: this.issue() } };
    }
    if (form.grant_type === 'refresh_token') {
      if (!this.refresh.delete(form.refresh_token ?? '')) return { status: 400, json: { error: 'invalid_grant' } };
      return { json: { status: 0, body: this.issue() } };
    }
    return { status: 400, json: { error: 'unsupported_grant_type' } };
  }

  private invalid(): FakeResponse {
    return { json: { status: 503, body: {}, error: 'Invalid params' } };
  }

  private authorized(req: FakeRequest, ok: (params: Record<string, string>) => FakeResponse): FakeResponse {
    const token = bearerOf(req);
    const expires = token ? this.access.get(token) : undefined;
    const refused = this.refuseNext > 0;
    if (refused) this.refuseNext--;
    if (refused || !expires || expires < Date.now()) {
      const json = { status: 401, body: {}, error: 'XRequestID: Not provided invalid_token: The access token provided is invalid' };
      return this.unauthorizedAs === 'http' ? { status: 401, json } : { json };
    }
    return ok(Object.fromEntries(req.query));
  }

  /** Entries whose `date` is within startdateymd…enddateymd, `data` cut to `data_fields`, paged by offset. */
  private series(params: Record<string, string>, all: { date: string; data: Record<string, number> }[]): FakeResponse {
    const { startdateymd, enddateymd } = params;
    if (!startdateymd || !enddateymd) return this.invalid();
    const fields = new Set((params.data_fields ?? '').split(',').filter(Boolean));
    const matching = all.filter((e) => e.date >= startdateymd && e.date <= enddateymd).sort((a, b) => a.date.localeCompare(b.date));
    const offset = Number(params.offset ?? 0);
    const page = matching.slice(offset, offset + this.pageSize);
    const more = offset + this.pageSize < matching.length;
    const series = page.map((e) => ({ ...e, data: Object.fromEntries(Object.entries(e.data).filter(([k]) => fields.has(k))) }));
    return { json: { status: 0, body: { series, more, offset: more ? offset + this.pageSize : 0 } } };
  }
}
