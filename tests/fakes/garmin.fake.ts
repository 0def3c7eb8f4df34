import { createHash, randomBytes } from 'node:crypto';
import { Encoder, Profile } from '@garmin/fitsdk';
import type { ActivityMesg, FileIdMesg, SessionMesg, SetMesg } from '@garmin/fitsdk';
import { bearerOf, FakeProviderServer, FakeRequest, FakeResponse } from './fake-provider-server';

/** One FIT `set` message: an active set of an exercise (category + subtype from the FIT profile), or a rest. */
export interface FitSetSpec {
  category?: string;
  subtype?: number;
  reps?: number;
  kg?: number;
  durationS?: number;
  rest?: boolean;
}

export interface FitSessionSpec {
  start: Date;
  sport: string;
  subSport?: string;
  elapsedS: number;
  timerS?: number;
  movingS?: number;
  distanceM?: number;
  avgHr?: number;
  maxHr?: number;
  /** CR-10 × 10, as the device records it. */
  workoutRpe?: number;
  /** Leave start_time out of the session message (older or third-party files). */
  omitStartTime?: boolean;
}

/**
 * A FIT activity file as a Garmin watch writes it (file_id, sets, one session per leg, activity), encoded with the
 * official SDK. Used by the unit tests of the FIT mapper and served by the fake's activityFile endpoint.
 */
export function buildActivityFit(sessions: FitSessionSpec[], sets: FitSetSpec[] = []): Buffer {
  const encoder = new Encoder();
  const first = sessions[0];
  const fileId: FileIdMesg = { type: 'activity', manufacturer: 'garmin', product: 4315, serialNumber: 3_421_774_511, timeCreated: first.start };
  encoder.onMesg(Profile.MesgNum.FILE_ID, fileId);
  let at = first.start.getTime();
  sets.forEach((set, i) => {
    const duration = set.durationS ?? (set.rest ? 90 : 45);
    const mesg: SetMesg = {
      timestamp: new Date(at + duration * 1000),
      startTime: new Date(at),
      duration,
      setType: set.rest ? 'rest' : 'active',
      messageIndex: i,
    };
    if (!set.rest) {
      mesg.repetitions = set.reps;
      mesg.weight = set.kg;
      if (set.category !== undefined) mesg.category = [set.category as NonNullable<SetMesg['category']>[number]];
      if (set.subtype !== undefined) mesg.categorySubtype = [set.subtype];
    }
    encoder.onMesg(Profile.MesgNum.SET, mesg);
    at += duration * 1000;
  });
  sessions.forEach((s, i) => {
    const mesg: SessionMesg = {
      messageIndex: i,
      timestamp: new Date(s.start.getTime() + s.elapsedS * 1000),
      startTime: s.omitStartTime ? undefined : s.start,
      event: 'session',
      eventType: 'stop',
      sport: s.sport as SessionMesg['sport'],
      subSport: (s.subSport ?? 'generic') as SessionMesg['subSport'],
      totalElapsedTime: s.elapsedS,
      totalTimerTime: s.timerS ?? s.elapsedS,
      totalMovingTime: s.movingS,
      totalDistance: s.distanceM,
      avgHeartRate: s.avgHr,
      maxHeartRate: s.maxHr,
      workoutRpe: s.workoutRpe,
    };
    encoder.onMesg(Profile.MesgNum.SESSION, mesg);
  });
  const last = sessions[sessions.length - 1];
  const activity: ActivityMesg = {
    timestamp: new Date(last.start.getTime() + last.elapsedS * 1000),
    numSessions: sessions.length,
    type: 'manual',
    event: 'activity',
    eventType: 'stop',
    totalTimerTime: sessions.reduce((sum, s) => sum + (s.timerS ?? s.elapsedS), 0),
  };
  encoder.onMesg(Profile.MesgNum.ACTIVITY, activity);
  return Buffer.from(encoder.close());
}

interface Upload {
  userId: string;
  type: string;
  uploadedAt: number;
  item: Record<string, unknown>;
}

interface BackfillRequest {
  userId: string;
  type: string;
  start: number;
  end: number;
  accepted: boolean;
}

/**
 * Garmin's OAuth 2 PKCE token endpoint and the Health/Activity API endpoints Loadwatch calls, as webhooks.md §3
 * and the Activity API v1.2.3 describe them: user id and permissions, the ping callback URLs (summaries by upload
 * time, with the pull token of the ping), one-shot activity file downloads (410 the second time), and backfill
 * requests (202, 409 for a window already requested; the data then goes out as push notifications, which
 * `backfillDeliveries()` builds for the test to post).
 */
export class FakeGarmin {
  readonly server = new FakeProviderServer();
  readonly clientId = 'garmin-consumer-key-5d1c0f0e';
  readonly clientSecret = 'garmin-consumer-secret-8b2a';
  userId = '4aacafe82427c251df9c9592d0c06768';
  permissions = ['ACTIVITY_EXPORT', 'HEALTH_EXPORT', 'WORKOUT_IMPORT'];
  /** Summaries recorded before the athlete connected: what a backfill request makes Garmin send. */
  readonly history: { userId: string; type: string; item: Record<string, unknown> }[] = [];
  readonly backfills: BackfillRequest[] = [];
  private readonly uploads: Upload[] = [];
  private readonly pullTokens = new Set<string>();
  private readonly files = new Map<string, { bytes: Buffer; downloads: number; userId: string }>();
  private readonly access = new Map<string, { userId: string; expires: number }>();
  private readonly refresh = new Map<string, string>();

  async start(): Promise<string> {
    this.server
      .route('GET', '/wellness-api/rest/:type', (req) => this.authorized(req, (userId) => this.pull(req, userId)))
      .route('POST', '/di-oauth2-service/oauth/token', (req) => this.token(req))
      .route('GET', '/wellness-api/rest/user/id', (req) => this.authorized(req, (userId) => ({ json: { userId } })))
      .route('GET', '/wellness-api/rest/user/permissions', (req) => this.authorized(req, () => ({ json: this.permissions })))
      .route('DELETE', '/wellness-api/rest/user/registration', (req) => this.authorized(req, (userId) => (this.deregister(userId), { status: 204 })))
      .route('GET', '/wellness-api/rest/backfill/:type', (req) => this.authorized(req, (userId) => this.backfill(req, userId)))
      .route('GET', '/wellness-api/rest/activityFile', (req) => this.authorized(req, (userId) => this.file(req, userId)));
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  env(): Record<string, string> {
    return {
      GARMIN_CLIENT_ID: this.clientId,
      GARMIN_CLIENT_SECRET: this.clientSecret,
      GARMIN_API_URL: this.server.url,
      GARMIN_AUTH_URL: `${this.server.url}/oauth2Confirm`,
      GARMIN_TOKEN_URL: `${this.server.url}/di-oauth2-service/oauth/token`,
    };
  }

  /** The headers of Garmin's own notification example (Activity API §4.2). */
  notificationHeaders(clientId: string | null = this.clientId): Record<string, string> {
    return {
      'content-type': 'application/json;charset=UTF-8',
      'user-agent': 'Garmin Health API',
      'accept-encoding': 'gzip, x-gzip, deflate',
      'x-forwarded-proto': 'https',
      ...(clientId === null ? {} : { 'garmin-client-id': clientId }),
    };
  }

  /** The athlete synced: the summaries become pullable, and this is the ping Garmin would send for them. */
  upload(type: string, items: Record<string, unknown>[], userId = this.userId): Record<string, unknown> {
    const uploadedAt = Math.floor(Date.now() / 1000);
    for (const item of items) this.uploads.push({ userId, type, uploadedAt, item: { userId, ...item } });
    const token = `pull-${randomBytes(8).toString('hex')}`;
    this.pullTokens.add(token);
    const callbackURL = `${this.server.url}/wellness-api/rest/${type}?uploadStartTimeInSeconds=${uploadedAt - 60}&uploadEndTimeInSeconds=${uploadedAt + 1}&token=${token}`;
    return { [type]: [{ userId, callbackURL }] };
  }

  /** A FIT file ready for its one download, and the activityFiles ping announcing it. */
  activityFile(activityId: number, bytes: Buffer, ping: Record<string, unknown> = {}, userId = this.userId): Record<string, unknown> {
    const id = randomBytes(6).toString('hex');
    this.files.set(id, { bytes, downloads: 0, userId });
    const token = `file-${randomBytes(8).toString('hex')}`;
    this.pullTokens.add(token);
    return {
      activityFiles: [
        {
          userId,
          summaryId: `${activityId + 5_008_822_192}-file`,
          fileType: 'FIT',
          callbackURL: `${this.server.url}/wellness-api/rest/activityFile?id=${id}&token=${token}`,
          activityType: 'STRENGTH_TRAINING',
          deviceName: 'Garmin fenix 8',
          activityId,
          manual: false,
          ...ping,
        },
      ],
    };
  }

  /** How often each announced file was downloaded (by file id in the callbackURL). */
  downloadsOf(callbackURL: string): number {
    return this.files.get(new URL(callbackURL).searchParams.get('id') ?? '')?.downloads ?? 0;
  }

  /** Someone already fetched this file: the next download gets 410, as Garmin answers a second download. */
  useUpDownload(callbackURL: string): void {
    const file = this.files.get(new URL(callbackURL).searchParams.get('id') ?? '');
    if (file) file.downloads++;
  }

  /** The push notifications Garmin sends after the accepted backfill requests (one per type and window). */
  backfillDeliveries(): Record<string, unknown>[] {
    return this.backfills
      .filter((b) => b.accepted)
      .map((b) => ({
        [b.type]: this.history
          .filter((h) => h.userId === b.userId && h.type === b.type)
          .filter((h) => (h.item.startTimeInSeconds as number) >= b.start && (h.item.startTimeInSeconds as number) <= b.end)
          .map((h) => ({ userId: h.userId, ...h.item })),
      }))
      .filter((body) => (Object.values(body)[0] as unknown[]).length > 0);
  }

  /** The form bodies the token endpoint received. */
  tokenRequests(): URLSearchParams[] {
    return this.server.requestsTo('POST', '/di-oauth2-service/oauth/token').map((r) => new URLSearchParams(r.body.toString()));
  }

  /** The athlete removed Loadwatch on Garmin Connect: tokens and refresh tokens stop working. */
  deregister(userId = this.userId): void {
    for (const [token, grant] of this.access) if (grant.userId === userId) this.access.delete(token);
    for (const [token, owner] of this.refresh) if (owner === userId) this.refresh.delete(token);
  }

  private issue(userId: string): Record<string, unknown> {
    const access = `gat-${randomBytes(10).toString('hex')}`;
    const refresh = `grt-${randomBytes(10).toString('hex')}`;
    this.access.set(access, { userId, expires: Date.now() + 86_400_000 });
    this.refresh.set(refresh, userId);
    return {
      access_token: access,
      expires_in: 86_400,
      token_type: 'bearer',
      refresh_token: refresh,
      refresh_token_expires_in: 7_775_998,
      scope: 'PARTNER_WRITE PARTNER_READ CONNECT_READ CONNECT_WRITE',
      jti: randomBytes(16).toString('hex'),
    };
  }

  private token(req: FakeRequest): FakeResponse {
    const form = new URLSearchParams(req.body.toString());
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) return { status: 401, json: { error: 'invalid_client' } };
    if (form.get('grant_type') === 'authorization_code') {
      const verifier = form.get('code_verifier') ?? '';
      // RFC 7636: 43–128 characters of the unreserved set; Garmin's PKCE flow requires it.
      if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return { status: 400, json: { error: 'invalid_request', error_description: 'code_verifier' } };
      if (form.get('code') !== 'good-code') return { status: 400, json: { error: 'invalid_grant' } };
      return { json: this.issue(this.userId) };
    }
    if (form.get('grant_type') === 'refresh_token') {
      const owner = this.refresh.get(form.get('refresh_token') ?? '');
      if (!owner) return { status: 400, json: { error: 'invalid_grant' } };
      this.refresh.delete(form.get('refresh_token') ?? '');
      return { json: this.issue(owner) };
    }
    return { status: 400, json: { error: 'unsupported_grant_type' } };
  }

  private authorized(req: FakeRequest, ok: (userId: string) => FakeResponse): FakeResponse {
    const grant = this.access.get(bearerOf(req) ?? '');
    if (!grant || grant.expires < Date.now()) return { status: 401, json: { errorMessage: 'Unauthorized' } };
    return ok(grant.userId);
  }

  private pull(req: FakeRequest, userId: string): FakeResponse {
    if (!this.pullTokens.has(req.query.get('token') ?? '')) return { status: 401, json: { errorMessage: 'invalid pull token' } };
    const from = Number(req.query.get('uploadStartTimeInSeconds'));
    const to = Number(req.query.get('uploadEndTimeInSeconds'));
    if (!(to > from) || to - from > 86_400) return { status: 400, json: { errorMessage: 'upload window must be at most 24 h' } };
    return { json: this.uploads.filter((u) => u.userId === userId && u.type === req.params.type && u.uploadedAt >= from && u.uploadedAt <= to).map((u) => u.item) };
  }

  private file(req: FakeRequest, userId: string): FakeResponse {
    const file = this.files.get(req.query.get('id') ?? '');
    if (!file || file.userId !== userId || !this.pullTokens.has(req.query.get('token') ?? '')) return { status: 404, json: { errorMessage: 'not found' } };
    if (file.downloads++ > 0) return { status: 410, json: { errorMessage: 'activity file already downloaded' } };
    return { body: file.bytes };
  }

  private backfill(req: FakeRequest, userId: string): FakeResponse {
    const start = Number(req.query.get('summaryStartTimeInSeconds'));
    const end = Number(req.query.get('summaryEndTimeInSeconds'));
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return { status: 400, json: { errorMessage: 'invalid time range' } };
    if (end - start > 30 * 86_400) return { status: 400, json: { errorMessage: 'range exceeds 30 days' } };
    const type = req.params.type;
    const duplicate = this.backfills.some((b) => b.userId === userId && b.type === type && b.start === start && b.end === end);
    this.backfills.push({ userId, type, start, end, accepted: !duplicate });
    if (duplicate) return { status: 409, json: { errorMessage: `duplicate backfill ${type} [${start} to ${end}]` } };
    return { status: 202, body: '' };
  }
}

/** S256 PKCE challenge of a verifier (RFC 7636 §4.2). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}
