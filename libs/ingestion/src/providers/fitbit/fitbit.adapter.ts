import { Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { signatureMatches, hmac } from '../hmac';
import { invalid, isRecord, parseJsonBody, requireId, secretMatches } from '../inbound-json';
import { ProviderApi, ProviderHttpError, ProviderWriteApi } from '../provider-api';
import type { DeliveryEvent, HandshakeReply, InboundRequest, ProcessContext, ProviderAdapter, ProviderChange } from '../provider.types';
import {
  addDays,
  daysBetween,
  fitbitActivityToSession,
  fitbitHrv,
  fitbitLocalDate,
  fitbitLogId,
  fitbitRecoveryDays,
  fitbitRestingHr,
  fitbitSleepSeconds,
  isCalendarDate,
  isMalformed,
  nextPageQuery,
  readActivityList,
} from './fitbit.mapper';
import { FITBIT_COLLECTIONS, FitbitCollection, FitbitEventPayload } from './fitbit.types';

const logger = new Logger('FitbitAdapter');

const ACTIVITY_LIST = '1/user/-/activities/list.json';
const PAGE_SIZE = 100;
// A day has a handful of activities; this bounds a runaway `next` chain (the diff is skipped when it is hit).
const MAX_DAY_PAGES = 10;
const MAX_BACKFILL_PAGES = 50;
// Fitbit's range limits per request: HRV 30 days, sleep 100 days, heart 1 year.
const HRV_RANGE_DAYS = 30;
const SLEEP_RANGE_DAYS = 100;
const HEART_RANGE_DAYS = 365;

const notFound = (message: string) => new DomainError(ErrorCode.NotFound, message);

/**
 * Fitbit Web API subscriptions (webhooks.md §4): signed pointer notifications that only say "this collection of
 * this user changed on this day". The worker re-fetches the day and diffs it by logId.
 */
export const fitbitAdapter: ProviderAdapter = {
  id: 'fitbit',
  defaultApiUrl: 'https://api.fitbit.com',
  ackStatus: 204,

  /** Subscriber verification: two GETs, `?verify=<code>` → 204 for the right code, 404 for the wrong one. */
  handshake(req: InboundRequest, settings: ProviderSettings): HandshakeReply | null {
    if (req.method !== 'GET') return null;
    if (!settings.verifyToken) throw notFound('Fitbit webhooks are not configured (FITBIT_VERIFY_TOKEN)');
    if (!secretMatches(req.query.verify, settings.verifyToken)) throw notFound('unknown verification code');
    return { status: 204 };
  },

  /** X-Fitbit-Signature = base64(HMAC-SHA1(client_secret + "&", raw body)); Fitbit wants a 404 when it fails. */
  verify(req: InboundRequest, settings: ProviderSettings): void {
    if (req.method !== 'POST') throw notFound('Fitbit deliveries are POST requests');
    if (!settings.clientSecret) throw notFound('Fitbit webhooks are not configured (FITBIT_CLIENT_SECRET)');
    const expected = fitbitSignature(settings.clientSecret, req.rawBody);
    if (!signatureMatches(expected, req.headers['x-fitbit-signature'])) throw notFound('X-Fitbit-Signature does not match');
  },

  parseDelivery(req: InboundRequest): DeliveryEvent[] {
    return parseFitbitDelivery(req.rawBody, new Date());
  },

  async process(delivery: DeliveryEvent, ctx: ProcessContext): Promise<ProviderChange[]> {
    const event = readPayload(delivery.payload);
    switch (event.collectionType) {
      case 'userRevokedAccess':
        return (await accessIsGone(ctx.api)) ? [{ kind: 'deauthorized' }] : [];
      case 'sleep': {
        // The night's sleep and the HRV measured during it; recovery rows merge, so the resting HR stays.
        const recovery = await recoveryFor(ctx.api, event.date, event.date, { hrv: true, sleep: true });
        return recovery.map((r) => ({ kind: 'recovery.upsert' as const, recovery: r }));
      }
      case 'activities': {
        const changes = await refetchActivities(ctx.api, event.date);
        // Resting HR is part of the activities collection (heart rate); two calls per notification.
        const recovery = await recoveryFor(ctx.api, event.date, event.date, { heart: true });
        return [...changes, ...recovery.map((r) => ({ kind: 'recovery.upsert' as const, recovery: r }))];
      }
    }
  },

  oauth: {
    authorizeUrl: (s) => s.authUrl ?? 'https://www.fitbit.com/oauth2/authorize',
    tokenUrl: (s) => s.tokenUrl ?? 'https://api.fitbit.com/oauth2/token',
    revokeUrl: (s) => (s.tokenUrl ?? 'https://api.fitbit.com/oauth2/token').replace(/\/token$/, '/revoke'),
    scopes: ['activity', 'heartrate', 'sleep', 'profile'],
    pkce: true,
    clientAuth: 'basic',
    userIdFromToken: (token) => (typeof token.user_id === 'string' && token.user_id.length > 0 ? token.user_id : null),
    afterConnect: (api, providerUserId) => subscribe(api, providerUserId),
  },

  /** 90 days of activities (paged by `pagination.next`), then resting HR, HRV and sleep per day over date ranges. */
  async *backfill(ctx: ProcessContext, since: string): AsyncIterable<ProviderChange[]> {
    let query: Record<string, string | number> = { afterDate: since, sort: 'asc', limit: PAGE_SIZE, offset: 0 };
    for (let page = 0; page < MAX_BACKFILL_PAGES; page++) {
      const { activities, next } = readActivityList(await ctx.api.getJson<unknown>(ACTIVITY_LIST, query));
      const sessions = activities.flatMap((item) => {
        try {
          return [{ kind: 'session.upsert' as const, session: fitbitActivityToSession(item) }];
        } catch (error) {
          if (!isMalformed(error)) throw error;
          logger.warn(`backfill: skipped a malformed Fitbit activity: ${error.message}`);
          return [];
        }
      });
      if (sessions.length > 0) yield sessions;
      if (!next || activities.length === 0) break;
      query = nextPageQuery(next);
    }
    const today = new Date().toISOString().slice(0, 10);
    const recovery = await recoveryFor(ctx.api, since, today < since ? since : today, { heart: true, hrv: true, sleep: true });
    if (recovery.length > 0) yield recovery.map((r) => ({ kind: 'recovery.upsert' as const, recovery: r }));
  },
};

/** Our subscription id for a user (Fitbit allows 50 characters; user ids are 6–8). */
export function fitbitSubscriptionId(providerUserId: string): string {
  return `loadwatch-${providerUserId}`.slice(0, 50);
}

/**
 * Without a subscription Fitbit never notifies: create one for all collections (activities, body, foods, sleep,
 * userRevokedAccess; body and foods are dropped on arrival) on the default subscriber. 200 means it already exists;
 * 409 means this user already has a subscription under another id, which notifies us all the same.
 */
async function subscribe(api: ProviderWriteApi, providerUserId: string): Promise<void> {
  try {
    await api.send('POST', `1/user/-/apiSubscriptions/${encodeURIComponent(fitbitSubscriptionId(providerUserId))}.json`);
  } catch (error) {
    if (error instanceof ProviderHttpError && error.status === 409) {
      logger.warn(`fitbit user ${providerUserId} already has a subscription under another id: ${error.message}`);
      return;
    }
    throw error;
  }
}

export function fitbitSignature(clientSecret: string, rawBody: Buffer): string {
  return hmac('sha1', `${clientSecret}&`, [rawBody], 'base64');
}

/**
 * A verified delivery → one event per (ownerId, collectionType, date), stamped with the delivery time.
 *
 * Dedupe key: `ownerId:collectionType:date:<received ms>`. Fitbit has no event id and notifies again every time the
 * day changes (added, modified or deleted all look the same). A pure (owner, collection, date) key would make the
 * second notification of a day a "duplicate" once the first was stored, and the edit or delete it announces would be
 * lost. With the delivery time, notifications that arrive in one delivery (Fitbit batches, and sends the same entry
 * twice when subscribed both per collection and to all) coalesce, while a later notification is a new event. A
 * redelivery of the same body costs one more idempotent re-fetch of the day, never a duplicate session.
 */
export function parseFitbitDelivery(rawBody: Buffer, receivedAt: Date): DeliveryEvent[] {
  const body = parseJsonBody(rawBody);
  if (!Array.isArray(body)) throw invalid('body', 'must be an array of notifications');
  const events = new Map<string, DeliveryEvent>();
  body.forEach((entry: unknown, i) => {
    const at = `[${i}]`;
    if (!isRecord(entry)) throw invalid(at, 'must be an object');
    const collectionType = entry.collectionType;
    if (typeof collectionType !== 'string' || collectionType.length === 0 || collectionType.length > 50) throw invalid(`${at}.collectionType`, 'must be a non-empty string');
    let ownerId: string;
    try {
      ownerId = requireId(entry, 'ownerId');
    } catch {
      throw invalid(`${at}.ownerId`, 'must be an id (string or integer)');
    }
    if (!(FITBIT_COLLECTIONS as readonly string[]).includes(collectionType)) return; // body, foods: not ours
    const date = entry.date;
    if (!isCalendarDate(date)) throw invalid(`${at}.date`, 'must be a date (YYYY-MM-DD)');
    const subscriptionId = typeof entry.subscriptionId === 'string' ? entry.subscriptionId.slice(0, 50) : null;
    const dedupeKey = `${ownerId}:${collectionType}:${date}:${receivedAt.getTime()}`;
    if (events.has(dedupeKey)) return;
    const payload: FitbitEventPayload = { collectionType: collectionType as FitbitCollection, ownerId, date, subscriptionId, receivedAt: receivedAt.toISOString() };
    events.set(dedupeKey, { dedupeKey, providerUserId: ownerId, eventType: collectionType, payload });
  });
  return [...events.values()];
}

/** The stored payload, checked again: it went through the database and may have been replayed or edited. */
function readPayload(payload: unknown): FitbitEventPayload {
  if (!isRecord(payload)) throw invalid('payload', 'must be an object');
  const collectionType = payload.collectionType;
  if (typeof collectionType !== 'string' || !(FITBIT_COLLECTIONS as readonly string[]).includes(collectionType)) throw invalid('payload.collectionType', 'is not a Fitbit collection we process');
  if (!isCalendarDate(payload.date)) throw invalid('payload.date', 'must be a date (YYYY-MM-DD)');
  if (typeof payload.ownerId !== 'string') throw invalid('payload.ownerId', 'must be a string');
  return payload as unknown as FitbitEventPayload;
}

/**
 * Re-fetches the activities around `day` and returns upserts for every entry plus one `sessions.replace-day` per
 * day of day−1 … day+1: whatever Loadwatch stored for those (athlete-local) days that Fitbit no longer lists was
 * deleted on Fitbit. The fetch spans day−2 … day+2 (Fitbit-local), so a session whose athlete-local day differs by
 * one from its Fitbit day (time-zone settings that disagree) is still found and kept. When the listing could not be
 * read to the end, no deletes are emitted: a missing entry would then prove nothing.
 */
async function refetchActivities(api: ProviderApi, day: string): Promise<ProviderChange[]> {
  const fetchedAt = new Date(); // the version of what we read: any change notified before now is in the answer
  const from = addDays(day, -2);
  const to = addDays(day, 2);
  const upserts: ProviderChange[] = [];
  const keep = new Set<string>();
  let query: Record<string, string | number> = { afterDate: `${from}T00:00:00`, sort: 'asc', limit: PAGE_SIZE, offset: 0 };
  let complete = false;
  let diffable = true;
  for (let page = 0; page < MAX_DAY_PAGES && !complete; page++) {
    const { activities, next } = readActivityList(await api.getJson<unknown>(ACTIVITY_LIST, query));
    for (const item of activities) {
      let id: string;
      let localDay: string;
      try {
        id = fitbitLogId(item);
        localDay = fitbitLocalDate((item as Record<string, unknown>).startTime);
      } catch (error) {
        if (!isMalformed(error)) throw error;
        // An entry we cannot place or identify: a delete decided around it could be wrong.
        logger.warn(`activities of ${day}: unreadable entry (${error.message}); no deletes this time`);
        diffable = false;
        continue;
      }
      if (localDay < from) continue;
      if (localDay > to) {
        complete = true;
        break;
      }
      keep.add(id);
      try {
        upserts.push({ kind: 'session.upsert', session: fitbitActivityToSession(item, fetchedAt) });
      } catch (error) {
        if (!isMalformed(error)) throw error;
        logger.warn(`activity ${id} of ${localDay} skipped: ${error.message}`);
      }
    }
    if (complete) break;
    if (!next) complete = true;
    else if (activities.length === 0) break; // an empty page that promises more: too odd to decide deletes on
    else query = nextPageQuery(next);
  }
  if (!complete) logger.warn(`activities of ${day}: listing not read to its end (${MAX_DAY_PAGES} pages at most); no deletes this time`);
  if (!complete || !diffable) return upserts;
  const keepExternalIds = [...keep];
  const replaces = daysBetween(addDays(day, -1), addDays(day, 1)).map((date) => ({ kind: 'sessions.replace-day' as const, date, keepExternalIds, at: fetchedAt }));
  return [...upserts, ...replaces];
}

/**
 * Resting HR, HRV and/or sleep for `from`…`to` (date-range endpoints, chunked to Fitbit's limits), one row per day.
 * A field not fetched is null, which the recovery upsert treats as "keep what is stored" (rows merge).
 */
async function recoveryFor(api: ProviderApi, from: string, to: string, parts: { heart?: boolean; hrv?: boolean; sleep?: boolean }) {
  const days = daysBetween(from, to);
  const restingHr = new Map<string, number>();
  const hrv = new Map<string, number>();
  const sleep = new Map<string, number>();
  for (const [a, b] of parts.heart ? chunks(days, HEART_RANGE_DAYS) : []) {
    const path = a === b ? `1/user/-/activities/heart/date/${a}/1d.json` : `1/user/-/activities/heart/date/${a}/${b}.json`;
    const body = await optional(api, path);
    if (body !== null) for (const [d, v] of fitbitRestingHr(body)) restingHr.set(d, v);
  }
  for (const [a, b] of parts.hrv ? chunks(days, HRV_RANGE_DAYS) : []) {
    const body = await optional(api, a === b ? `1/user/-/hrv/date/${a}.json` : `1/user/-/hrv/date/${a}/${b}.json`);
    if (body !== null) for (const [d, v] of fitbitHrv(body)) hrv.set(d, v);
  }
  for (const [a, b] of parts.sleep ? chunks(days, SLEEP_RANGE_DAYS) : []) {
    const body = await optional(api, a === b ? `1.2/user/-/sleep/date/${a}.json` : `1.2/user/-/sleep/date/${a}/${b}.json`);
    if (body !== null) for (const [d, v] of fitbitSleepSeconds(body)) sleep.set(d, v);
  }
  return fitbitRecoveryDays(days, restingHr, hrv, sleep);
}

/** A recovery resource the athlete may not have granted (Fitbit lets them untick scopes): 403 → no data. */
async function optional(api: ProviderApi, path: string): Promise<unknown> {
  try {
    return await api.getJson<unknown>(path);
  } catch (error) {
    if (error instanceof ProviderHttpError && error.status === 403) {
      logger.warn(`fitbit ${path}: scope not granted, skipped`);
      return null;
    }
    throw error;
  }
}

function chunks(days: string[], size: number): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < days.length; i += size) out.push([days[i], days[Math.min(i + size, days.length) - 1]]);
  return out;
}

/**
 * Fitbit says the athlete revoked access: believe it only when their token no longer works. The client refreshes
 * after a 401, so the error we see is either the API's 401 again or the token endpoint refusing the refresh token.
 */
async function accessIsGone(api: ProviderApi): Promise<boolean> {
  try {
    await api.getJson('1/user/-/profile.json');
    return false;
  } catch (error) {
    if (error instanceof ProviderHttpError && (error.status === 400 || error.status === 401)) return true;
    throw error;
  }
}
