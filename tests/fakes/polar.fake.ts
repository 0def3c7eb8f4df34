import { createHmac, randomBytes } from 'node:crypto';
import { bearerOf, FakeProviderServer, FakeRequest, FakeResponse } from './fake-provider-server';

export interface FakePolarExercise {
  id: string;
  upload_time: string;
  start_time: string;
  start_time_utc_offset: number;
  duration: string;
  sport: string;
  detailed_sport_info?: string;
  distance?: number;
  calories?: number;
  heart_rate?: { average: number; maximum: number };
  heart_rate_zones?: { index: number; 'lower-limit': number; 'upper-limit': number; 'in-zone': string }[];
  training_load_pro?: Record<string, unknown>;
}

export interface FakePolarSleep {
  date: string;
  sleep_start_time: string;
  sleep_end_time: string;
  light_sleep: number;
  deep_sleep: number;
  rem_sleep: number;
  unrecognized_sleep_stage?: number;
}

export interface FakePolarRecharge {
  date: string;
  heart_rate_avg: number;
  heart_rate_variability_avg: number;
  nightly_recharge_status?: number;
  ans_charge?: number;
}

const DAY_MS = 86_400_000;

/**
 * Polar's OAuth and AccessLink v3 endpoints as webhooks.md §5 documents them: the token exchange with Basic client
 * authentication and `x_user_id` (long-lived tokens, no refresh token), the user registration every data call
 * depends on, exercises (single with `zones`, and the 30-day list), sleep and Nightly Recharge per date and as
 * 28-day lists, 401 for unknown tokens, 429 with Retry-After on demand, and a signer for webhook bodies.
 */
export class FakePolar {
  readonly server = new FakeProviderServer();
  readonly clientId = 'polar-client-123';
  readonly clientSecret = 'polar-secret-456';
  readonly webhookSecret = 'polar_signature_secret_key_example';
  userId = 475;
  readonly exercises = new Map<string, FakePolarExercise>();
  readonly sleeps = new Map<string, FakePolarSleep>();
  readonly recharges = new Map<string, FakePolarRecharge>();
  /** Polar user ids registered through POST /v3/users. */
  readonly registered = new Set<number>();
  private readonly access = new Map<string, number>(); // token → Polar user id
  private rateLimitQueue: string[] = [];

  async start(): Promise<string> {
    this.server
      .route('POST', '/v2/oauth2/token', (req) => this.token(req))
      .route('POST', '/v3/users', (req) => this.register(req))
      .route('GET', '/v3/exercises', (req) => this.data(req, () => ({ json: [...this.exercises.values()].filter((e) => Date.parse(e.upload_time) > Date.now() - 30 * DAY_MS) })))
      .route('GET', '/v3/exercises/:id', (req) =>
        this.data(req, () => {
          const e = this.exercises.get(req.params.id);
          if (!e) return { status: 404, json: { error: 'Not found' } };
          // Zones only come back when asked for (zones=true).
          return { json: req.query.get('zones') === 'true' ? e : { ...e, heart_rate_zones: undefined } };
        }),
      )
      .route('GET', '/v3/users/sleep', (req) => this.data(req, () => ({ json: { nights: this.recent(this.sleeps) } })))
      .route('GET', '/v3/users/sleep/:date', (req) => this.data(req, () => this.byDate(this.sleeps, req.params.date)))
      .route('GET', '/v3/users/nightly-recharge', (req) => this.data(req, () => ({ json: { recharges: this.recent(this.recharges) } })))
      .route('GET', '/v3/users/nightly-recharge/:date', (req) => this.data(req, () => this.byDate(this.recharges, req.params.date)));
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  env(): Record<string, string> {
    return {
      POLAR_CLIENT_ID: this.clientId,
      POLAR_CLIENT_SECRET: this.clientSecret,
      POLAR_WEBHOOK_SECRET: this.webhookSecret,
      POLAR_API_URL: `${this.server.url}/v3`,
      POLAR_AUTH_URL: `${this.server.url}/oauth2/authorization`,
      POLAR_TOKEN_URL: `${this.server.url}/v2/oauth2/token`,
    };
  }

  /** Polar-Webhook-Signature for a body: hex HMAC-SHA256 keyed with the webhook's signature_secret_key (§5b). */
  sign(body: string): string {
    return createHmac('sha256', this.webhookSecret).update(body).digest('hex');
  }

  /** The AccessLink URL a notification points at (on this fake). */
  url(path: string): string {
    return `${this.server.url}/v3/${path}`;
  }

  /** The next API calls answer 429 with these Retry-After values, in order. */
  rateLimitNext(...retryAfter: string[]): void {
    this.rateLimitQueue.push(...retryAfter);
  }

  /** Every access token issued so far stops working (the athlete revoked the app on Polar's side). */
  revokeTokens(): void {
    this.access.clear();
  }

  private token(req: FakeRequest): FakeResponse {
    const basic = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
    if (req.headers.authorization !== basic) return { status: 401, json: { error: 'invalid_client' } };
    const form = new URLSearchParams(req.body.toString());
    if (form.get('client_secret')) return { status: 400, json: { error: 'invalid_request', error_description: 'client secret in the body' } };
    if (form.get('grant_type') !== 'authorization_code') return { status: 400, json: { error: 'unsupported_grant_type' } };
    if (form.get('code') !== 'good-code') return { status: 400, json: { error: 'invalid_grant' } };
    const access = `pat-${randomBytes(8).toString('hex')}`;
    this.access.set(access, this.userId);
    // AccessLink tokens are long-lived and come without a refresh token.
    return { json: { access_token: access, token_type: 'bearer', expires_in: 315_359_999, x_user_id: this.userId } };
  }

  private register(req: FakeRequest): FakeResponse {
    const user = this.userOf(req);
    if (user === null) return { status: 401, json: { error: 'Unauthorized' } };
    let body: unknown;
    try {
      body = JSON.parse(req.body.toString());
    } catch {
      return { status: 400, json: { error: 'Bad request' } };
    }
    if (typeof (body as Record<string, unknown>)['member-id'] !== 'string') return { status: 400, json: { error: 'member-id is required' } };
    if (this.registered.has(user)) return { status: 409, json: { error: 'User already registered to partner' } };
    this.registered.add(user);
    return { json: { 'polar-user-id': user, 'member-id': (body as Record<string, unknown>)['member-id'], 'registration-date': new Date().toISOString() } };
  }

  private data(req: FakeRequest, ok: () => FakeResponse): FakeResponse {
    const retryAfter = this.rateLimitQueue.shift();
    if (retryAfter) return { status: 429, json: { error: 'Too many requests' }, headers: { 'retry-after': retryAfter } };
    const user = this.userOf(req);
    if (user === null) return { status: 401, json: { error: 'Unauthorized' } };
    // AccessLink serves nothing for a user the partner has not registered.
    if (!this.registered.has(user)) return { status: 403, json: { error: 'User not registered' } };
    return ok();
  }

  private userOf(req: FakeRequest): number | null {
    const token = bearerOf(req);
    return token ? (this.access.get(token) ?? null) : null;
  }

  private byDate<T>(map: Map<string, T>, date: string): FakeResponse {
    const item = map.get(date);
    return item ? { json: item } : { status: 404, json: { error: 'Not found' } };
  }

  private recent<T extends { date: string }>(map: Map<string, T>): T[] {
    const oldest = new Date(Date.now() - 28 * DAY_MS).toISOString().slice(0, 10);
    return [...map.values()].filter((n) => n.date >= oldest).sort((a, b) => a.date.localeCompare(b.date));
  }
}
