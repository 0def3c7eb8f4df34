import { Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { invalid, isRecord, secretMatches } from '../inbound-json';
import { ProviderApi, ProviderHttpError } from '../provider-api';
import type { DeliveryEvent, HandshakeReply, InboundRequest, ProcessContext, ProviderAdapter, ProviderChange } from '../provider.types';
import {
  addDays,
  daysBetween,
  isEpochSeconds,
  isMalformed,
  parseEpoch,
  readSeriesPage,
  unwrapEnvelope,
  utcDate,
  WithingsAuthError,
  withingsSleepToRecovery,
  withingsWorkoutId,
  withingsWorkoutToSession,
} from './withings.mapper';
import { APPLI_ACTIVITY, APPLI_SLEEP, WithingsEventPayload } from './withings.types';

const logger = new Logger('WithingsAdapter');

const MEASURE = 'v2/measure';
const SLEEP = 'v2/sleep';
const USER = 'v2/user';
const NOTIFY = 'notify';
// Withings returns data fields only when they are asked for (webhooks.md §8d).
const WORKOUT_FIELDS = 'calories,distance,elevation,hr_average,hr_min,hr_max,intensity,steps';
const SLEEP_FIELDS = 'total_sleep_time,total_timeinbed,deepsleepduration,lightsleepduration,remsleepduration,hr_average,hr_min,sleep_score';
const MAX_WINDOW_PAGES = 10;
const MAX_BACKFILL_PAGES = 50;
const DEFAULT_TOKEN_URL = 'https://wbsapi.withings.net/v2/oauth2';

const USER_ACTIONS = ['delete', 'unlink', 'update'] as const;

/**
 * Withings Data API notifications (webhooks.md §8): unsigned, form-encoded pointers `userid, appli, startdate,
 * enddate`. Countermeasures: a secret path token, and a destructive user event (unlink) acted on only after the API
 * confirms the token is dead. The worker re-fetches the window and diffs it by workout id.
 */
export const withingsAdapter: ProviderAdapter = {
  id: 'withings',
  defaultApiUrl: 'https://wbsapi.withings.net',
  ackStatus: 200,

  /** Withings checks the callback URL with a HEAD before registering it; a GET gets the same answer. */
  handshake(req: InboundRequest, settings: ProviderSettings): HandshakeReply | null {
    if (req.method !== 'HEAD' && req.method !== 'GET') return null;
    requirePathToken(req, settings);
    return { status: 200 };
  },

  verify(req: InboundRequest, settings: ProviderSettings): void {
    requirePathToken(req, settings);
    if (req.method !== 'POST') throw new DomainError(ErrorCode.NotFound, 'Withings notifications are POST requests');
  },

  parseDelivery(req: InboundRequest): DeliveryEvent[] {
    return parseWithingsDelivery(req.rawBody, new Date());
  },

  async process(delivery: DeliveryEvent, ctx: ProcessContext): Promise<ProviderChange[]> {
    const event = readPayload(delivery.payload);
    if (event.action) return (await accessIsGone(ctx.api)) ? [{ kind: 'deauthorized' }] : [];
    const { startdate, enddate } = event as { startdate: number; enddate: number };
    if (event.appli === APPLI_ACTIVITY) return refetchWorkouts(ctx.api, startdate, enddate);
    if (event.appli === APPLI_SLEEP) return refetchSleep(ctx.api, startdate, enddate);
    return [];
  },

  oauth: {
    authorizeUrl: (s) => s.authUrl ?? 'https://account.withings.com/oauth2_user/authorize2',
    tokenUrl: (s) => s.tokenUrl ?? DEFAULT_TOKEN_URL,
    // Withings' token endpoint wants action=requesttoken with the grant and answers inside `{ status, body }`.
    extraTokenParams: { action: 'requesttoken' },
    readTokenResponse: (json) => {
      if (json.status !== 0 || !isRecord(json.body)) {
        throw new DomainError(ErrorCode.ServiceUnavailable, `Withings refused the token request (status ${String(json.status)})`);
      }
      return json.body;
    },
    scopes: ['user.info', 'user.metrics', 'user.activity'],
    scopeSeparator: ',',
    pkce: false,
    clientAuth: 'body',
    userIdFromToken: (token) => userIdOf(token) ?? (isRecord(token.body) ? userIdOf(token.body) : null),
    // Withings sends nothing until the app subscribes our URL per user and data type (activity, sleep).
    afterConnect: async (api, _userId, { webhookUrl }) => {
      for (const appli of [APPLI_ACTIVITY, APPLI_SLEEP]) {
        unwrapEnvelope(await api.send('POST', NOTIFY, { form: { action: 'subscribe', callbackurl: webhookUrl, appli: String(appli) } }));
      }
    },
  },

  /** 90 days of workouts (page by page), then sleep summaries → recovery rows. */
  async *backfill(ctx: ProcessContext, since: string): AsyncIterable<ProviderChange[]> {
    const until = new Date().toISOString().slice(0, 10);
    const window = { startdateymd: since, enddateymd: until < since ? since : until };
    for await (const series of seriesPages(ctx.api, MEASURE, { action: 'getworkouts', ...window, data_fields: WORKOUT_FIELDS }, MAX_BACKFILL_PAGES)) {
      const sessions = series.flatMap((item) => {
        try {
          return [{ kind: 'session.upsert' as const, session: withingsWorkoutToSession(item) }];
        } catch (error) {
          if (!isMalformed(error)) throw error;
          logger.warn(`backfill: skipped a malformed Withings workout: ${error.message}`);
          return [];
        }
      });
      if (sessions.length > 0) yield sessions;
    }
    const nights: unknown[] = [];
    for await (const series of seriesPages(ctx.api, SLEEP, { action: 'getsummary', ...window, data_fields: SLEEP_FIELDS }, MAX_BACKFILL_PAGES)) nights.push(...series);
    const recovery = withingsSleepToRecovery(nights);
    if (recovery.length > 0) yield recovery.map((r) => ({ kind: 'recovery.upsert' as const, recovery: r }));
  },
};

function requirePathToken(req: InboundRequest, settings: ProviderSettings): void {
  if (!settings.pathToken) throw new DomainError(ErrorCode.NotFound, 'Withings notifications are not configured (WITHINGS_PATH_TOKEN)');
  if (!secretMatches(req.pathToken, settings.pathToken)) throw new DomainError(ErrorCode.SignatureInvalid, 'unknown webhook path');
}

function userIdOf(obj: Record<string, unknown>): string | null {
  const v = obj.userid;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return typeof v === 'string' && /^\d{1,20}$/.test(v) ? v : null;
}

/**
 * A verified form body → at most one event. Fields must appear once; numbers must be numbers (422 otherwise).
 * appli 16 (activity) and 44 (sleep) are stored; user events (`action` unlink or delete) are stored for a confirmed
 * revocation; everything else (1 weight, 4 blood pressure …, `action=update`) is acknowledged and dropped.
 *
 * Dedupe key: `userid:appli:startdate:enddate:<received ms>` (user events: `userid:appli:action:<received ms>`).
 * Withings announces an edit or a delete of data with the same window as its creation, so a pure
 * (userid, appli, startdate, enddate) key would swallow every later change of that window. The delivery time keeps
 * them apart; a redelivery after a timeout costs one more idempotent re-fetch, never a duplicate session.
 */
export function parseWithingsDelivery(rawBody: Buffer, receivedAt: Date): DeliveryEvent[] {
  const form = new URLSearchParams(rawBody.toString('utf8'));
  const field = (name: string): string | null => {
    const values = form.getAll(name);
    if (values.length > 1) throw invalid(name, 'must appear once');
    return values[0] ?? null;
  };
  const userid = field('userid');
  if (userid === null || !/^\d{1,20}$/.test(userid)) throw invalid('userid', 'must be a numeric Withings user id');
  const appliRaw = field('appli');
  if (appliRaw === null || !/^\d{1,5}$/.test(appliRaw)) throw invalid('appli', 'must be an integer');
  const appli = Number(appliRaw);
  const action = field('action');
  const at = receivedAt.getTime();
  if (action !== null) {
    if (!(USER_ACTIONS as readonly string[]).includes(action)) throw invalid('action', 'must be delete, unlink or update');
    if (action === 'update') return [];
    const payload: WithingsEventPayload = { userid, appli, startdate: null, enddate: null, action: action as 'unlink' | 'delete', receivedAt: receivedAt.toISOString() };
    return [{ dedupeKey: `${userid}:${appli}:${action}:${at}`, providerUserId: userid, eventType: `user.${action}`, payload }];
  }
  if (appli !== APPLI_ACTIVITY && appli !== APPLI_SLEEP) return [];
  const startdate = parseEpoch(field('startdate'), 'startdate');
  const enddate = parseEpoch(field('enddate'), 'enddate');
  if (enddate < startdate) throw invalid('enddate', 'must not be before startdate');
  const payload: WithingsEventPayload = { userid, appli, startdate, enddate, action: null, receivedAt: receivedAt.toISOString() };
  return [
    {
      dedupeKey: `${userid}:${appli}:${startdate}:${enddate}:${at}`,
      providerUserId: userid,
      eventType: appli === APPLI_ACTIVITY ? 'activity' : 'sleep',
      payload,
    },
  ];
}

/** The stored payload, checked again: it went through the database and may have been replayed or edited. */
function readPayload(payload: unknown): WithingsEventPayload {
  if (!isRecord(payload)) throw invalid('payload', 'must be an object');
  if (typeof payload.appli !== 'number') throw invalid('payload.appli', 'must be a number');
  if (payload.action === 'unlink' || payload.action === 'delete') return payload as unknown as WithingsEventPayload;
  if (!isEpochSeconds(payload.startdate)) throw invalid('payload.startdate', 'must be epoch seconds');
  if (!isEpochSeconds(payload.enddate) || payload.enddate < payload.startdate) throw invalid('payload.enddate', 'must be epoch seconds not before startdate');
  return payload as unknown as WithingsEventPayload;
}

/** Calls a Withings service and unwraps `{status, body}`. */
async function call(api: ProviderApi, path: string, query: Record<string, string | number>): Promise<Record<string, unknown>> {
  return unwrapEnvelope(await api.getJson<unknown>(path, query));
}

/** Pages of `series` (more/offset paging); returns true when the listing was read to its end. */
async function* seriesPages(api: ProviderApi, path: string, query: Record<string, string | number>, maxPages: number): AsyncGenerator<unknown[], boolean> {
  let offset = 0;
  for (let page = 0; page < maxPages; page++) {
    const { series, more, offset: next } = readSeriesPage(await call(api, path, offset > 0 ? { ...query, offset } : query));
    yield series;
    if (!more) return true;
    if (next <= offset) throw invalid('offset', 'must grow from page to page');
    offset = next;
  }
  return false;
}

async function collect(pages: AsyncGenerator<unknown[], boolean>): Promise<{ items: unknown[]; complete: boolean }> {
  const items: unknown[] = [];
  for (;;) {
    const step = await pages.next();
    if (step.done) return { items, complete: step.value };
    items.push(...step.value);
  }
}

/**
 * Re-fetches the workouts around the notified window and returns upserts for every entry plus one
 * `sessions.replace-day` per (athlete-local) day the window can touch: its UTC days ± 1, because an athlete's
 * local day is within a day of UTC. The fetch spans those days ± 2 more (Withings files a workout under its own
 * local `date`), so every workout still on Withings for a replaced day is in `keepExternalIds`. An unreadable
 * entry or an unfinished listing means no deletes this time.
 */
async function refetchWorkouts(api: ProviderApi, startdate: number, enddate: number): Promise<ProviderChange[]> {
  const fetchedAt = new Date(); // the version of what we read: any change notified before now is in the answer
  const first = addDays(utcDate(startdate), -1);
  const last = addDays(utcDate(enddate), 1);
  const query = { action: 'getworkouts', startdateymd: addDays(first, -2), enddateymd: addDays(last, 2), data_fields: WORKOUT_FIELDS };
  const { items, complete } = await collect(seriesPages(api, MEASURE, query, MAX_WINDOW_PAGES));
  const upserts: ProviderChange[] = [];
  const keep = new Set<string>();
  let diffable = complete;
  for (const item of items) {
    let id: string;
    try {
      id = withingsWorkoutId(item);
    } catch (error) {
      if (!isMalformed(error)) throw error;
      logger.warn(`workouts ${first}…${last}: entry without an id (${error.message}); no deletes this time`);
      diffable = false;
      continue;
    }
    keep.add(id);
    try {
      upserts.push({ kind: 'session.upsert', session: withingsWorkoutToSession(item, fetchedAt) });
    } catch (error) {
      if (!isMalformed(error)) throw error;
      logger.warn(`workout ${id} skipped: ${error.message}`);
    }
  }
  if (!diffable) return upserts;
  const keepExternalIds = [...keep];
  return [...upserts, ...daysBetween(first, last).map((date) => ({ kind: 'sessions.replace-day' as const, date, keepExternalIds, at: fetchedAt }))];
}

/**
 * Re-fetches the sleep summaries of the wake-up days around the window. Rows are written whole (all fields), so
 * only a listing read to its end is used: a partial one could sum half a day's sleep.
 */
async function refetchSleep(api: ProviderApi, startdate: number, enddate: number): Promise<ProviderChange[]> {
  const query = { action: 'getsummary', startdateymd: addDays(utcDate(startdate), -1), enddateymd: addDays(utcDate(enddate), 1), data_fields: SLEEP_FIELDS };
  const { items, complete } = await collect(seriesPages(api, SLEEP, query, MAX_WINDOW_PAGES));
  if (!complete) throw new DomainError(ErrorCode.ValidationFailed, `sleep summaries of ${query.startdateymd}…${query.enddateymd} span more than ${MAX_WINDOW_PAGES} pages`);
  return withingsSleepToRecovery(items).map((recovery) => ({ kind: 'recovery.upsert' as const, recovery }));
}

/**
 * Withings says the athlete unlinked or deleted their account: believe it only when their token no longer works
 * (an unsigned webhook could be forged). A refused refresh (token endpoint 400/401) counts as well.
 */
async function accessIsGone(api: ProviderApi): Promise<boolean> {
  try {
    await call(api, USER, { action: 'getdevice' });
    return false;
  } catch (error) {
    if (error instanceof WithingsAuthError) return true;
    if (error instanceof ProviderHttpError && (error.status === 400 || error.status === 401)) return true;
    throw error;
  }
}
