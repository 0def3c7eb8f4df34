import { randomBytes } from 'node:crypto';
import { bearerOf, FakeProviderServer, FakeRequest, FakeResponse } from './fake-provider-server';

/** The v2 objects the fake serves (the fields the adapter reads; see webhooks.md §7d). */
export interface FakeWhoopWorkout {
  id: string;
  user_id: number;
  created_at: string;
  updated_at: string;
  start: string;
  end: string | null;
  timezone_offset: string;
  sport_name: string;
  score_state: 'SCORED' | 'PENDING_SCORE' | 'UNSCORABLE';
  score?: {
    strain: number;
    average_heart_rate: number;
    max_heart_rate: number;
    kilojoule: number;
    distance_meter?: number;
    zone_durations?: Record<string, number>;
  };
}

export interface FakeWhoopSleep {
  id: string;
  cycle_id: number;
  user_id: number;
  start: string;
  end: string;
  timezone_offset: string;
  nap: boolean;
  score_state: 'SCORED' | 'PENDING_SCORE' | 'UNSCORABLE';
  score?: { stage_summary: { total_in_bed_time_milli: number; total_awake_time_milli: number } };
}

export interface FakeWhoopRecovery {
  cycle_id: number;
  sleep_id: string;
  user_id: number;
  updated_at: string;
  score_state: 'SCORED' | 'PENDING_SCORE' | 'UNSCORABLE';
  score?: { recovery_score: number; resting_heart_rate: number; hrv_rmssd_milli: number };
}

/**
 * WHOOP's OAuth 2 and v2 REST API as webhooks.md §7 and the developer docs describe them: code exchange and
 * refresh (rotating refresh tokens; `invalid_grant` once revoked), the basic profile, revocation (DELETE
 * /v2/user/access), workouts / sleeps by UUID, a cycle's recovery, and the three collections paged with
 * `nextToken` → `next_token`, newest first.
 */
export class FakeWhoop {
  readonly server = new FakeProviderServer();
  readonly clientId = 'whoop-client-123';
  readonly clientSecret = 'whoop-secret-456';
  userId = 10129;
  /** Records per collection page (WHOOP allows up to 25; small here so paging is exercised). */
  pageSize = 2;
  readonly workouts = new Map<string, FakeWhoopWorkout>();
  readonly sleeps = new Map<string, FakeWhoopSleep>();
  readonly recoveries = new Map<number, FakeWhoopRecovery>();
  private readonly access = new Set<string>();
  private readonly refresh = new Set<string>();
  private revoked = false;

  async start(): Promise<string> {
    this.server
      .route('POST', '/oauth/oauth2/token', (req) => this.token(req))
      .route('DELETE', '/developer/v2/user/access', (req) =>
        this.authorized(req, () => {
          this.revokeAccess();
          return { status: 204 };
        }),
      )
      .route('GET', '/developer/v2/user/profile/basic', (req) => this.authorized(req, () => ({ json: { user_id: this.userId, email: 'athlete@example.test', first_name: 'Alex', last_name: 'Rivera' } })))
      .route('GET', '/developer/v2/activity/workout/:id', (req) => this.authorized(req, () => this.one(this.workouts.get(req.params.id))))
      .route('GET', '/developer/v2/activity/sleep/:id', (req) => this.authorized(req, () => this.one(this.sleeps.get(req.params.id))))
      .route('GET', '/developer/v2/cycle/:id/recovery', (req) => this.authorized(req, () => this.one(this.recoveries.get(Number(req.params.id)))))
      .route('GET', '/developer/v2/activity/workout', (req) => this.authorized(req, () => this.page(req, [...this.workouts.values()], (w) => w.start)))
      .route('GET', '/developer/v2/activity/sleep', (req) => this.authorized(req, () => this.page(req, [...this.sleeps.values()], (s) => s.start)))
      .route('GET', '/developer/v2/recovery', (req) => this.authorized(req, () => this.page(req, [...this.recoveries.values()], (r) => r.updated_at)));
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  env(): Record<string, string> {
    return {
      WHOOP_CLIENT_ID: this.clientId,
      WHOOP_CLIENT_SECRET: this.clientSecret,
      WHOOP_API_URL: `${this.server.url}/developer`,
      WHOOP_AUTH_URL: `${this.server.url}/oauth/oauth2/auth`,
      WHOOP_TOKEN_URL: `${this.server.url}/oauth/oauth2/token`,
    };
  }

  /** Every access token issued so far stops working (the next call gets 401 and must refresh). */
  expireAccessTokens(): void {
    this.access.clear();
  }

  /** The member revoked the app in WHOOP: tokens and refresh tokens stop working. */
  revokeAccess(): void {
    this.revoked = true;
    this.access.clear();
    this.refresh.clear();
  }

  refreshGrants(): FakeRequest[] {
    return this.server.requestsTo('POST', '/oauth/oauth2/token').filter((r) => new URLSearchParams(r.body.toString()).get('grant_type') === 'refresh_token');
  }

  private issue(): Record<string, unknown> {
    const access = `wat-${randomBytes(8).toString('hex')}`;
    const refresh = `wrt-${randomBytes(8).toString('hex')}`;
    this.access.add(access);
    this.refresh.add(refresh);
    return { access_token: access, refresh_token: refresh, expires_in: 3600, scope: 'offline read:workout read:sleep read:recovery read:cycles read:profile', token_type: 'bearer' };
  }

  private token(req: FakeRequest): FakeResponse {
    const form = new URLSearchParams(req.body.toString());
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) return { status: 401, json: { error: 'invalid_client' } };
    if (form.get('grant_type') === 'authorization_code') {
      if (form.get('code') !== 'good-code') return { status: 400, json: { error: 'invalid_grant', error_description: 'bad code' } };
      this.revoked = false;
      return { json: this.issue() };
    }
    if (form.get('grant_type') === 'refresh_token') {
      const old = form.get('refresh_token') ?? '';
      if (this.revoked || !this.refresh.has(old)) return { status: 400, json: { error: 'invalid_grant', error_description: 'The refresh token is invalid' } };
      this.refresh.delete(old); // rotation
      return { json: this.issue() };
    }
    return { status: 400, json: { error: 'unsupported_grant_type' } };
  }

  private authorized(req: FakeRequest, ok: () => FakeResponse): FakeResponse {
    const token = bearerOf(req);
    return token && this.access.has(token) ? ok() : { status: 401, json: { message: 'Authorization was not valid' } };
  }

  private one(record: object | undefined): FakeResponse {
    return record ? { json: record } : { status: 404, json: { message: 'Not Found' } };
  }

  private page<T>(req: FakeRequest, records: T[], time: (r: T) => string): FakeResponse {
    const start = req.query.get('start');
    const limit = Math.min(Number(req.query.get('limit') ?? 10), 25, this.pageSize);
    const offset = Number(Buffer.from(req.query.get('nextToken') ?? '', 'base64url').toString() || 0);
    const list = records.filter((r) => !start || time(r) >= start).sort((a, b) => time(b).localeCompare(time(a)));
    const next = offset + limit < list.length ? Buffer.from(String(offset + limit)).toString('base64url') : undefined;
    return { json: { records: list.slice(offset, offset + limit), next_token: next } };
  }
}
