import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { invalid, isRecord, secretMatches } from '../inbound-json';
import { ProviderApi, ProviderHttpError } from '../provider-api';
import type { DeliveryEvent, HandshakeReply, InboundRequest, NormalizedRecovery, NormalizedSession, ProcessContext, ProviderAdapter, ProviderChange } from '../provider.types';
import { parseGarminDelivery, requireCallbackUrl } from './garmin.delivery';
import { optionalEpochSeconds, requireObject, requireText } from './garmin.fields';
import { fitToSession } from './garmin.fit';
import { activityDetailsToSession, activityExternalId, activityToSession, dailyToRecovery, hrvToRecovery, sleepToRecovery } from './garmin.mapper';
import { GarminEventPayload, GarminSummaryType, HANDLED_TYPES } from './garmin.types';

export const GARMIN_API_URL = 'https://apis.garmin.com';
export const GARMIN_AUTHORIZE_URL = 'https://connect.garmin.com/oauth2Confirm';
export const GARMIN_TOKEN_URL = 'https://diauth.garmin.com/di-oauth2-service/oauth/token';
export const USER_ID_PATH = 'wellness-api/rest/user/id';
export const USER_PERMISSIONS_PATH = 'wellness-api/rest/user/permissions';
export const BACKFILL_PATH = 'wellness-api/rest/backfill';

/**
 * Summary types whose history is requested for a new connection. activityDetails is left out: it describes the same
 * activities as `activities` (adding only samples) and its payloads are the largest Garmin sends. Backfilling
 * `activities` also makes Garmin send the activityFiles pings of those activities (Activity API §8).
 */
export const BACKFILL_TYPES = ['activities', 'hrv', 'sleeps', 'dailies'] as const;
/** Activity API §8: at most 30 days (inclusive) per backfill request; the Health API allows 90, 30 suits both. */
export const BACKFILL_WINDOW_S = 30 * 86_400;

/** Permissions without which a connection delivers nothing Loadwatch uses (Start Guide: userPermissionsChange). */
const EXPORT_PERMISSIONS = ['ACTIVITY_EXPORT', 'HEALTH_EXPORT'];

/**
 * Garmin Health API + Activity API (webhooks.md §3): push deliveries carry the summaries, ping deliveries carry a
 * callbackURL to fetch them from (activity files are ping only). There is no signature: a delivery must carry
 * `garmin-client-id` = our client id, and the secret path token when GARMIN_PATH_TOKEN is set; destructive events
 * (deregistration, permission withdrawal) are acted on only once the API confirms them.
 */
export const garminAdapter: ProviderAdapter = {
  id: 'garmin',
  defaultApiUrl: GARMIN_API_URL,
  ackStatus: 200,

  // No handshake: endpoints are registered in Garmin's portal, not verified by a challenge.
  handshake: (): HandshakeReply | null => null,

  verify(req: InboundRequest, settings: ProviderSettings): void {
    if (!settings.clientId) throw new DomainError(ErrorCode.NotFound, 'Garmin webhooks are not configured (GARMIN_CLIENT_ID)');
    if (settings.pathToken || req.pathToken !== undefined) {
      if (!secretMatches(req.pathToken, settings.pathToken)) throw new DomainError(ErrorCode.SignatureInvalid, 'unknown webhook path');
    }
    const offered = req.headers['garmin-client-id'];
    if (!offered) throw new DomainError(ErrorCode.SignatureMissing, 'garmin-client-id header is missing');
    if (!secretMatches(offered, settings.clientId)) throw new DomainError(ErrorCode.SignatureInvalid, 'garmin-client-id does not match');
  },

  parseDelivery: (req: InboundRequest): DeliveryEvent[] => parseGarminDelivery(req.rawBody),

  async process(delivery: DeliveryEvent, ctx: ProcessContext): Promise<ProviderChange[]> {
    const { summaryType, mode, item } = readPayload(delivery.payload);
    const path = summaryType;
    switch (summaryType) {
      case 'deregistrations':
        return (await accessIsGone(ctx)) ? [{ kind: 'deauthorized' }] : [];
      case 'userPermissionsChange':
        return permissionsChange(item, ctx);
      case 'activityFiles':
        return activityFile(item, ctx);
      default:
        break;
    }
    if (mode === 'push') return changesOf(summaryType, item, path);
    // Ping: fetch the summaries the notification points at, with this athlete's token (Activity API §4).
    const list = await ctx.api.getJson<unknown>(callbackUrlFor(item, path, ctx).toString());
    if (!Array.isArray(list)) throw invalid(`${path} callback answer`, 'must be a list of summaries');
    return list.flatMap((value, i) => {
      const fetched = requireObject(value, `${path}[${i}]`);
      // The callback answers for the token's user; anything else is not ours to store.
      if (typeof fetched.userId === 'string' && fetched.userId !== ctx.providerUserId) return [];
      return changesOf(summaryType, fetched, `${path}[${i}]`);
    });
  },

  oauth: {
    authorizeUrl: (s) => s.authUrl ?? GARMIN_AUTHORIZE_URL,
    tokenUrl: (s) => s.tokenUrl ?? GARMIN_TOKEN_URL,
    // Garmin's consent page lets the athlete pick the data to share; the authorize request names no scopes.
    scopes: [],
    pkce: true,
    clientAuth: 'body',
    userIdFromToken: () => null,
    fetchUserId: fetchGarminUserId,
    // Garmin stops pushing for a user only when the partner deletes the registration (a production requirement).
    revoke: async (api) => {
      await api.send('DELETE', 'wellness-api/rest/user/registration');
    },
  },

  async *backfill(ctx: ProcessContext, since: string): AsyncIterable<ProviderChange[]> {
    const from = Math.floor(Date.parse(`${since}T00:00:00Z`) / 1000);
    if (!Number.isFinite(from)) throw invalid('since', 'must be a date (YYYY-MM-DD)');
    const to = Math.floor(Date.now() / 1000);
    for (const type of BACKFILL_TYPES) {
      // Newest window first: the most recent weeks matter most for acute and chronic load.
      for (let end = to; end > from; end -= BACKFILL_WINDOW_S) {
        const start = Math.max(from, end - BACKFILL_WINDOW_S + 1);
        const outcome = await requestBackfill(ctx.api, type, start, end);
        // The data arrives later through the webhook, as if newly synced; each request is one page of progress.
        yield [];
        if (outcome === 'not-permitted') break;
      }
    }
  },
};

export async function fetchGarminUserId(api: ProviderApi): Promise<string> {
  const answer = await api.getJson<unknown>(USER_ID_PATH);
  if (!isRecord(answer)) throw invalid('user id answer', 'must be an object');
  return requireText(answer, 'userId', 'user id answer', 200);
}

function readPayload(payload: unknown): GarminEventPayload {
  const p = requireObject(payload, 'event');
  if (typeof p.summaryType !== 'string' || !(HANDLED_TYPES as readonly string[]).includes(p.summaryType)) throw invalid('event.summaryType', 'is not a Garmin summary type Loadwatch handles');
  if (p.mode !== 'push' && p.mode !== 'ping') throw invalid('event.mode', 'must be push or ping');
  return { summaryType: p.summaryType as GarminSummaryType, mode: p.mode, item: requireObject(p.item, 'event.item') };
}

function changesOf(type: GarminSummaryType, item: Record<string, unknown>, path: string): ProviderChange[] {
  const session = (s: NormalizedSession | null): ProviderChange[] => (s ? [{ kind: 'session.upsert', session: s }] : []);
  const recovery = (r: NormalizedRecovery | null): ProviderChange[] => (r ? [{ kind: 'recovery.upsert', recovery: r }] : []);
  switch (type) {
    case 'activities':
      return session(activityToSession(item, 'summary', path));
    case 'manuallyUpdatedActivities':
      return session(activityToSession(item, 'manual', path));
    case 'activityDetails':
      return session(activityDetailsToSession(item, path));
    case 'dailies':
      return recovery(dailyToRecovery(item, path));
    case 'sleeps':
      return recovery(sleepToRecovery(item, path));
    case 'hrv':
      return recovery(hrvToRecovery(item, path));
    default:
      throw invalid(`${path}`, `cannot be pushed as ${type}`);
  }
}

/**
 * The callbackURL of a ping, accepted only on Garmin's API host: the worker sends the athlete's bearer token with
 * the request, so a forged ping must not be able to point it anywhere else.
 */
function callbackUrlFor(item: Record<string, unknown>, path: string, ctx: ProcessContext): URL {
  const url = requireCallbackUrl(item, path);
  const base = new URL(ctx.settings.apiUrl ?? GARMIN_API_URL);
  const basePath = base.pathname.replace(/\/$/, '');
  if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/`)) throw invalid(`${path}.callbackURL`, `must point at the Garmin API (${base.origin})`);
  return url;
}

/** Activity file ping → download (once: Garmin answers 410 to a second download) → FIT → session. */
async function activityFile(item: Record<string, unknown>, ctx: ProcessContext): Promise<ProviderChange[]> {
  const path = 'activityFiles';
  const externalId = activityExternalId(item, path);
  const url = callbackUrlFor(item, path, ctx);
  const fileType = typeof item.fileType === 'string' ? item.fileType.toUpperCase() : 'FIT';
  // TCX and GPX carry nothing the activity summary does not; only FIT has the RPE and strength sets.
  if (fileType !== 'FIT') return [];
  const bytes = await ctx.api.getBytes(url.toString());
  const start = optionalEpochSeconds(item, 'startTimeInSeconds');
  const session = fitToSession(bytes, { externalId, fallbackStart: start === null ? null : new Date(start * 1000), path: `${path}.file` });
  return session ? [{ kind: 'session.upsert', session }] : [];
}

/**
 * Permissions changed: while the athlete still shares activities or health data there is nothing to do (the
 * framework has no change for "scopes updated"). When the notification says both are gone, believe it only if the
 * API agrees — the token is refused, or the permissions endpoint lists neither — and then stop the connection.
 */
async function permissionsChange(item: Record<string, unknown>, ctx: ProcessContext): Promise<ProviderChange[]> {
  const listed = item.permissions;
  if (!Array.isArray(listed) || !listed.every((p) => typeof p === 'string')) throw invalid('userPermissionsChange.permissions', 'must be a list of strings');
  if (listed.some((p) => EXPORT_PERMISSIONS.includes(p))) return [];
  let current: unknown;
  try {
    current = await ctx.api.getJson<unknown>(USER_PERMISSIONS_PATH);
  } catch (error) {
    if (isAccessRefused(error)) return [{ kind: 'deauthorized' }];
    throw error;
  }
  const permissions = Array.isArray(current) ? current : isRecord(current) && Array.isArray(current.permissions) ? current.permissions : null;
  if (!permissions) throw invalid('user permissions answer', 'must be a list of permissions');
  return permissions.some((p) => typeof p === 'string' && EXPORT_PERMISSIONS.includes(p)) ? [] : [{ kind: 'deauthorized' }];
}

/** Garmin says the athlete deregistered: believe it only if their token no longer works. */
async function accessIsGone(ctx: ProcessContext): Promise<boolean> {
  try {
    await ctx.api.getJson(USER_ID_PATH);
    return false;
  } catch (error) {
    if (isAccessRefused(error)) return true;
    throw error;
  }
}

/** 401/403 from the API, or 400 from the token endpoint refusing the refresh (the grant is gone). */
function isAccessRefused(error: unknown): boolean {
  return error instanceof ProviderHttpError && (error.status === 401 || error.status === 403 || error.status === 400);
}

/** One backfill request (202: Garmin will push the window; 409: already requested; 412: type not shared). */
async function requestBackfill(api: ProviderApi, type: string, start: number, end: number): Promise<'requested' | 'duplicate' | 'not-permitted'> {
  try {
    // 202 with an empty body: getBytes, since there is no JSON to parse.
    await api.getBytes(`${BACKFILL_PATH}/${type}`, { summaryStartTimeInSeconds: start, summaryEndTimeInSeconds: end });
    return 'requested';
  } catch (error) {
    if (error instanceof ProviderHttpError && error.status === 409) return 'duplicate';
    if (error instanceof ProviderHttpError && error.status === 412) return 'not-permitted';
    throw error;
  }
}
