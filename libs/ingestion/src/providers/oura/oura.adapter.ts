import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { hmac, signatureMatches } from '../hmac';
import { invalid, isRecord, parseJsonBody, requireId, requireString, secretMatches } from '../inbound-json';
import { ProviderApi, ProviderHttpError } from '../provider-api';
import type { DeliveryEvent, HandshakeReply, InboundRequest, NormalizedSession, ProcessContext, ProviderAdapter, ProviderChange } from '../provider.types';
import { isCalendarDate, nextDay, ouraDayOf, ouraRecoveryForDay, ouraWorkoutToSession, sleepDays } from './oura.mapper';
import { OURA_EVENT_TYPES, OURA_HANDLED_DATA_TYPES, OuraEventType, OuraHandledDataType, OuraNotification } from './oura.types';

/**
 * How far `x-oura-timestamp` may be from our clock. Oura documents no tolerance; five minutes is what the Terra
 * SDK and Svix use for the same kind of timestamped HMAC (webhooks.md §0), and Oura delivers about 30 s after a
 * sync (§6e), so a genuine delivery is never near the edge while a captured one cannot be replayed later.
 */
export const OURA_TIMESTAMP_TOLERANCE_MS = 5 * 60 * 1000;
const MAX_PAGES = 500;
const COLLECTION = 'v2/usercollection';

/**
 * Oura API v2 (webhooks.md §6): GET challenge handshake, `x-oura-signature` = UPPER hex HMAC-SHA256(client
 * secret, `x-oura-timestamp` + raw body), thin notifications that name a document to fetch. Workouts become
 * sessions (deletes only once the API answers 404); sleep, daily sleep and readiness notifications re-read the
 * day's sleep periods into daily recovery. Other data types are acknowledged and not stored.
 */
export const ouraAdapter: ProviderAdapter = {
  id: 'oura',
  defaultApiUrl: 'https://api.ouraring.com',
  ackStatus: 200,

  handshake(req: InboundRequest, settings: ProviderSettings): HandshakeReply | null {
    if (req.method !== 'GET') return null;
    const challenge = req.query.challenge;
    if (!challenge || challenge.length > 500 || !req.query.verification_token) {
      throw new DomainError(ErrorCode.ValidationFailed, 'expected verification_token and challenge');
    }
    if (!settings.verifyToken) throw new DomainError(ErrorCode.NotFound, 'Oura webhooks are not configured (OURA_VERIFY_TOKEN)');
    if (!secretMatches(req.query.verification_token, settings.verifyToken)) throw new DomainError(ErrorCode.Forbidden, 'verification_token does not match');
    return { status: 200, body: { challenge } };
  },

  verify(req: InboundRequest, settings: ProviderSettings, now: Date): void {
    if (!settings.clientSecret) throw new DomainError(ErrorCode.NotFound, 'Oura webhooks are not configured (OURA_CLIENT_SECRET)');
    const signature = req.headers['x-oura-signature'];
    const timestamp = req.headers['x-oura-timestamp'];
    if (!signature || !timestamp) throw new DomainError(ErrorCode.SignatureMissing, 'x-oura-signature and x-oura-timestamp headers are required');
    const expected = hmac('sha256', settings.clientSecret, [timestamp, req.rawBody], 'hex').toUpperCase();
    if (!signatureMatches(expected, signature, { caseInsensitive: true })) throw new DomainError(ErrorCode.SignatureInvalid, 'x-oura-signature does not match');
    const sentAt = parseOuraTimestamp(timestamp);
    if (sentAt === null) throw new DomainError(ErrorCode.TimestampOutOfTolerance, 'x-oura-timestamp is neither an ISO-8601 time nor epoch seconds/milliseconds');
    if (Math.abs(now.getTime() - sentAt) > OURA_TIMESTAMP_TOLERANCE_MS) {
      throw new DomainError(ErrorCode.TimestampOutOfTolerance, 'x-oura-timestamp is more than 5 minutes from now');
    }
  },

  parseDelivery(req: InboundRequest): DeliveryEvent[] {
    const body = parseJsonBody(req.rawBody);
    if (!isRecord(body)) throw invalid('body', 'must be an object');
    const n = readNotification(body);
    if (!n) return [];
    return [
      {
        dedupeKey: `${n.user_id}:${n.data_type}:${n.object_id ?? n.day}:${n.event_type}:${n.event_time}`,
        providerUserId: n.user_id,
        eventType: `${n.data_type}.${n.event_type}`,
        payload: n,
      },
    ];
  },

  async process(delivery: DeliveryEvent, ctx: ProcessContext): Promise<ProviderChange[]> {
    const n = isRecord(delivery.payload) ? readNotification(delivery.payload) : null;
    if (!n) throw invalid('payload', 'must be an Oura workout, sleep, daily_sleep or daily_readiness notification');
    const version = new Date(parseOuraTimestamp(n.event_time) as number);
    if (n.data_type === 'workout') {
      const id = n.object_id as string;
      const path = `${COLLECTION}/workout/${encodeURIComponent(id)}`;
      if (n.event_type === 'delete') {
        // Only the API can confirm a delete: a 404 now. A workout that is still there stays.
        const workout = await getOptional(ctx.api, path);
        return workout === null ? [{ kind: 'session.delete', externalId: id, at: version }] : [];
      }
      // Create and update alike: always re-fetch, an update may be processed before its create.
      const workout = await ctx.api.getJson<unknown>(path);
      if (isRecord(workout) && workout.id !== id) throw invalid('id', `must be the notified workout ${id}`);
      return [{ kind: 'session.upsert', session: ouraWorkoutToSession(workout, version) }];
    }
    // A deleted sleep or score no longer tells which day it was on; the day is re-read with its next notification.
    if (n.event_type === 'delete') return [];
    const day = n.day ?? ouraDayOf(await ctx.api.getJson<unknown>(`${COLLECTION}/${n.data_type}/${encodeURIComponent(n.object_id as string)}`), n.data_type);
    const sleeps = await collect(ctx.api, 'sleep', day, nextDay(day));
    const recovery = ouraRecoveryForDay(day, sleeps);
    return recovery ? [{ kind: 'recovery.upsert', recovery }] : [];
  },

  oauth: {
    authorizeUrl: (s) => s.authUrl ?? 'https://cloud.ouraring.com/oauth/authorize',
    tokenUrl: (s) => s.tokenUrl ?? 'https://api.ouraring.com/oauth/token',
    // personal: the user id; daily: sleep and readiness; workout: workouts.
    scopes: ['personal', 'daily', 'workout'],
    pkce: false,
    clientAuth: 'body',
    userIdFromToken: () => null,
    fetchUserId: async (api) => {
      const info = await api.getJson<unknown>(`${COLLECTION}/personal_info`);
      if (!isRecord(info) || typeof info.id !== 'string' || info.id.length === 0 || info.id.length > 200) {
        throw new DomainError(ErrorCode.ServiceUnavailable, 'Oura personal_info did not carry the user id');
      }
      return info.id;
    },
  },

  /** 90 days (from `since`) of workouts and sleep periods, page by page through `next_token`. */
  async *backfill(ctx: ProcessContext, since: string): AsyncIterable<ProviderChange[]> {
    const end = nextDay(new Date().toISOString().slice(0, 10));
    for await (const page of pages(ctx.api, 'workout', since, end)) {
      const sessions = page.map(skipInvalid(ouraWorkoutToSession)).filter((s): s is NormalizedSession => s !== null);
      if (sessions.length > 0) yield sessions.map((session) => ({ kind: 'session.upsert' as const, session }));
    }
    // A day's recovery needs all of its sleep periods, and a page may end in the middle of a day.
    const byDay = sleepDays(await collect(ctx.api, 'sleep', since, end));
    const changes: ProviderChange[] = [];
    for (const [day, items] of [...byDay].sort(([a], [b]) => a.localeCompare(b))) {
      const recovery = day >= since ? ouraRecoveryForDay(day, items) : null;
      if (recovery) changes.push({ kind: 'recovery.upsert', recovery });
    }
    for (let i = 0; i < changes.length; i += 31) yield changes.slice(i, i + 31);
  },
};

/** `x-oura-timestamp` → epoch ms. Its format is UNCONFIRMED (§6b): ISO-8601 with a zone, or epoch s / ms. */
export function parseOuraTimestamp(value: string): number | null {
  const v = value.trim();
  if (/^\d{9,10}(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  if (/^\d{12,13}$/.test(v)) return Number(v);
  if (v.length > 40 || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) return null;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

/** A notification (or its stored copy) → the fields we use; null for data types Loadwatch does not use. */
function readNotification(body: Record<string, unknown>): OuraNotification | null {
  const eventType = requireString(body, 'event_type');
  if (!(OURA_EVENT_TYPES as readonly string[]).includes(eventType)) throw invalid('event_type', 'must be create, update or delete');
  const dataType = requireString(body, 'data_type');
  const userId = requireId(body, 'user_id');
  // `event_time` per §6c; `event_timestamp` is the name one integration's fixtures use.
  const eventTime = body.event_time ?? body.event_timestamp;
  if (typeof eventTime !== 'string' || eventTime.length > 40 || parseOuraTimestamp(eventTime) === null) {
    throw invalid('event_time', 'must be an ISO-8601 time with an offset');
  }
  if (!(OURA_HANDLED_DATA_TYPES as readonly string[]).includes(dataType)) return null;
  const n: OuraNotification = { event_type: eventType as OuraEventType, data_type: dataType as OuraHandledDataType, user_id: userId, event_time: eventTime };
  if (body.object_id !== undefined && body.object_id !== null) n.object_id = requireId(body, 'object_id');
  const day = body.day ?? body.data_timestamp;
  if (isCalendarDate(day)) n.day = day;
  // A workout is always named; a daily document may instead be named by its day.
  if (!n.object_id && (dataType === 'workout' || !n.day)) throw invalid('object_id', 'must be the id of the changed document');
  return n;
}

/** Every page of a collection between two days (`end_date` exclusive-or-inclusive does not matter: we ask one more). */
async function* pages(api: ProviderApi, type: string, start: string, end: string): AsyncIterable<unknown[]> {
  const seen = new Set<string>();
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await api.getJson<unknown>(`${COLLECTION}/${type}`, { start_date: start, end_date: end, next_token: nextToken });
    if (!isRecord(res) || !Array.isArray(res.data)) throw invalid('data', `${type} page must carry a data list`);
    yield res.data;
    const token = res.next_token;
    if (typeof token !== 'string' || token.length === 0 || seen.has(token)) return;
    seen.add(token);
    nextToken = token;
  }
}

async function collect(api: ProviderApi, type: string, start: string, end: string): Promise<unknown[]> {
  const all: unknown[] = [];
  for await (const page of pages(api, type, start, end)) all.push(...page);
  return all;
}

async function getOptional(api: ProviderApi, path: string): Promise<unknown> {
  try {
    return await api.getJson<unknown>(path);
  } catch (error) {
    if (error instanceof ProviderHttpError && error.status === 404) return null;
    throw error;
  }
}

function skipInvalid<A, R>(fn: (a: A) => R): (a: A) => R | null {
  return (a) => {
    try {
      return fn(a);
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  };
}
