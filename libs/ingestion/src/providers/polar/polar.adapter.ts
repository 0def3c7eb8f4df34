import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { hmac, signatureMatches } from '../hmac';
import { invalid, isRecord, parseJsonBody, requireId } from '../inbound-json';
import { ProviderApi, ProviderHttpError } from '../provider-api';
import type { DeliveryEvent, HandshakeReply, InboundRequest, NormalizedSession, ProcessContext, ProviderAdapter, ProviderChange } from '../provider.types';
import { isCalendarDate, nightDate, polarExerciseToSession, polarRecovery } from './polar.mapper';
import { POLAR_API_URL, polarApiBase, polarUserIdOf, registerPolarUser } from './polar.registration';
import type { PolarNotification } from './polar.types';

const MAX_URL = 2000;
// Polar's largest UTC offset is +14 h: an exercise that started before `since` in UTC may still be on that day.
const DAY_SLACK_MS = 14 * 3600 * 1000;

/**
 * Polar AccessLink v3 (webhooks.md §5): signed pointer webhooks. A PING is answered 200 before anything else
 * (it arrives before the signing secret can be known); every other delivery must carry a valid
 * `Polar-Webhook-Signature`. EXERCISE → the exercise (with HR zones) → a session; SLEEP → the night's sleep and
 * Nightly Recharge → daily recovery. Other events carry nothing Loadwatch uses: acknowledged, not stored.
 */
export const polarAdapter: ProviderAdapter = {
  id: 'polar',
  defaultApiUrl: POLAR_API_URL,
  ackStatus: 200,

  handshake(req: InboundRequest): HandshakeReply | null {
    if (req.method !== 'POST') return null;
    let body: unknown;
    try {
      body = JSON.parse(req.rawBody.toString('utf8'));
    } catch {
      return null; // not a PING: verify and parseDelivery answer it
    }
    // §5a: the webhook is only created if the PING gets 200, and it comes before we can hold the secret.
    return isRecord(body) && body.event === 'PING' ? { status: 200 } : null;
  },

  verify(req: InboundRequest, settings: ProviderSettings): void {
    if (!settings.webhookSecret) throw new DomainError(ErrorCode.NotFound, 'Polar webhooks are not configured (POLAR_WEBHOOK_SECRET)');
    const offered = req.headers['polar-webhook-signature'];
    if (!offered) throw new DomainError(ErrorCode.SignatureMissing, 'Polar-Webhook-Signature header is missing');
    const expected = hmac('sha256', settings.webhookSecret, [req.rawBody], 'hex');
    // Hex per [OW-3P]; the official wording is UNCONFIRMED, so the case of the hex digits does not matter.
    if (!signatureMatches(expected, offered, { caseInsensitive: true })) throw new DomainError(ErrorCode.SignatureInvalid, 'Polar-Webhook-Signature does not match the body');
  },

  parseDelivery(req: InboundRequest): DeliveryEvent[] {
    const body = parseJsonBody(req.rawBody);
    if (!isRecord(body)) throw invalid('body', 'must be an object');
    const notification = readNotification(body);
    if (!notification) return [];
    const { event, user_id: user } = notification;
    // An exercise never changes once uploaded: its id is the whole key. A night can be re-sent for the same date
    // with new data (§5f), so the send time is part of its key; a retry of the same notification still dedupes.
    const dedupeKey = event === 'EXERCISE' ? `${user}:EXERCISE:${notification.entity_id}` : `${user}:SLEEP:${notification.date}:${notification.timestamp ?? ''}`;
    return [{ dedupeKey, providerUserId: user, eventType: event, payload: notification }];
  },

  async process(delivery: DeliveryEvent, ctx: ProcessContext): Promise<ProviderChange[]> {
    const n = isRecord(delivery.payload) ? readNotification(delivery.payload) : null;
    if (!n) throw invalid('payload', 'must be a Polar EXERCISE or SLEEP notification');
    if (n.event === 'EXERCISE') {
      const id = n.entity_id as string;
      const exercise = await ctx.api.getJson<unknown>(resourcePath(n.url, `exercises/${encodeURIComponent(id)}`, ctx.settings), { zones: 'true' });
      const got = isRecord(exercise) ? exercise.id : undefined;
      if (got !== undefined && !((typeof got === 'string' || typeof got === 'number') && String(got) === id)) throw invalid('id', `must be the notified exercise ${id}`);
      return [{ kind: 'session.upsert', session: polarExerciseToSession(exercise) }];
    }
    const date = n.date as string;
    const sleep = await getOptional(ctx.api, resourcePath(n.url, `users/sleep/${date}`, ctx.settings));
    // No webhook covers Nightly Recharge (§5d): the night's SLEEP event is when it is fetched.
    const recharge = await getOptional(ctx.api, `users/nightly-recharge/${date}`);
    const recovery = polarRecovery(date, sleep, recharge);
    return recovery ? [{ kind: 'recovery.upsert', recovery }] : [];
  },

  oauth: {
    authorizeUrl: (s) => s.authUrl ?? 'https://flow.polar.com/oauth2/authorization',
    tokenUrl: (s) => s.tokenUrl ?? 'https://polarremote.com/v2/oauth2/token',
    scopes: ['accesslink.read_all'],
    pkce: false,
    clientAuth: 'basic',
    userIdFromToken: polarUserIdOf,
    // AccessLink shares nothing until the user is registered with the partner (polar.registration.ts).
    afterConnect: (api, userId) => registerPolarUser(api, userId),
  },

  /**
   * As far back as AccessLink allows, which is less than Loadwatch's 90 days: exercises uploaded in the last 30 days
   * (`GET /v3/exercises`), the last 28 nights of sleep (`GET /v3/users/sleep`) and of Nightly Recharge
   * (`GET /v3/users/nightly-recharge`). An item that fails validation is skipped, so one bad exercise cannot
   * block a new connection's history.
   */
  async *backfill(ctx: ProcessContext, since: string): AsyncIterable<ProviderChange[]> {
    const from = Date.parse(`${since}T00:00:00Z`) - DAY_SLACK_MS;
    const exercises = await getOptional(ctx.api, 'exercises', { zones: 'true' });
    if (exercises !== null && !Array.isArray(exercises)) throw invalid('exercises', 'must be a list');
    const sessions = (exercises ?? []).map(skipInvalid(polarExerciseToSession)).filter((s): s is NormalizedSession => s !== null && s.startTime.getTime() >= from);
    if (sessions.length > 0) yield sessions.map((session) => ({ kind: 'session.upsert' as const, session }));

    const nights = listOf(await getOptional(ctx.api, 'users/sleep'), 'nights');
    const recharges = listOf(await getOptional(ctx.api, 'users/nightly-recharge'), 'recharges');
    const byDate = new Map<string, { sleep?: unknown; recharge?: unknown }>();
    for (const night of nights) {
      const date = nightDate(night);
      if (date && date >= since) byDate.set(date, { ...byDate.get(date), sleep: night });
    }
    for (const recharge of recharges) {
      const date = nightDate(recharge);
      if (date && date >= since) byDate.set(date, { ...byDate.get(date), recharge });
    }
    const changes: ProviderChange[] = [];
    for (const [date, night] of [...byDate].sort(([a], [b]) => a.localeCompare(b))) {
      const recovery = skipInvalid(() => polarRecovery(date, night.sleep ?? null, night.recharge ?? null))(undefined);
      if (recovery) changes.push({ kind: 'recovery.upsert', recovery });
    }
    if (changes.length > 0) yield changes;
  },
};

/** A notification body (or its stored copy) → the fields we use; null for events Loadwatch does not use. */
function readNotification(body: Record<string, unknown>): PolarNotification | null {
  const event = body.event;
  if (typeof event !== 'string' || event.length === 0 || event.length > 100) throw invalid('event', 'must be a non-empty string');
  // Unknown and unused events are acknowledged: a 4xx would make Polar retry and deactivate the webhook (§5e).
  if (event !== 'EXERCISE' && event !== 'SLEEP') return null;
  const notification: PolarNotification = { event, user_id: requireId(body, 'user_id') };
  if (body.timestamp !== undefined && body.timestamp !== null) {
    if (typeof body.timestamp !== 'string' || body.timestamp.length > 64) throw invalid('timestamp', 'must be an ISO-8601 time');
    notification.timestamp = body.timestamp;
  }
  if (body.url !== undefined && body.url !== null) notification.url = absoluteUrl(body.url);
  if (event === 'EXERCISE') notification.entity_id = requireId(body, 'entity_id');
  else if (isCalendarDate(body.date)) notification.date = body.date;
  else throw invalid('date', 'must be a date (YYYY-MM-DD)');
  return notification;
}

function absoluteUrl(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_URL || !/^https?:\/\//.test(value)) throw invalid('url', 'must be an http(s) URL');
  try {
    return new URL(value).toString();
  } catch {
    throw invalid('url', 'must be an http(s) URL');
  }
}

/**
 * The notification's `url` when it points into the configured AccessLink API, else the canonical path: the
 * athlete's bearer token is never sent to any other host, whatever a delivery says.
 */
export function resourcePath(url: string | undefined, canonical: string, settings: ProviderSettings): string {
  if (!url) return canonical;
  const base = new URL(polarApiBase(settings));
  const target = new URL(url);
  const basePath = base.pathname.replace(/\/$/, '');
  const inside = target.origin === base.origin && target.pathname.startsWith(`${basePath}/`) && !target.pathname.includes('/../');
  return inside ? target.toString() : canonical;
}

/** GET that treats "nothing for this date" (404, or an empty 204) as null. */
async function getOptional(api: ProviderApi, path: string, query?: Record<string, string>): Promise<unknown> {
  try {
    return await api.getJson<unknown>(path, query);
  } catch (error) {
    if (error instanceof ProviderHttpError && (error.status === 404 || error.status === 204)) return null;
    throw error;
  }
}

function listOf(response: unknown, key: string): unknown[] {
  if (response === null) return [];
  if (Array.isArray(response)) return response;
  if (isRecord(response) && Array.isArray(response[key])) return response[key];
  if (isRecord(response) && (response[key] === undefined || response[key] === null)) return [];
  throw invalid(key, 'must be a list');
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
