import { Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { invalid, isRecord, parseJsonBody, requireId, requireString } from '../inbound-json';
import { ProviderApi, ProviderHttpError, ProviderWriteApi } from '../provider-api';
import type { DeliveryEvent, InboundRequest, NormalizedRecovery, ProcessContext, ProviderAdapter, ProviderChange } from '../provider.types';
import {
  isUuid,
  whoopRecoveryFacts,
  WhoopRecoveryFacts,
  whoopRecoveryRow,
  whoopSleepFacts,
  WhoopSleepFacts,
  whoopWorkoutToSession,
  WhoopWorkoutMapping,
} from './whoop.mapper';
import { verifyWhoopSignature } from './whoop.signature';
import { WHOOP_EVENT_TYPES, WhoopEventPayload, WhoopEventType } from './whoop.types';

const logger = new Logger('WhoopAdapter');

const AUTHORIZE_URL = 'https://api.prod.whoop.com/oauth/oauth2/auth';
const TOKEN_URL = 'https://api.prod.whoop.com/oauth/oauth2/token';
/** Collections answer at most 25 records a page (developer.whoop.com "Pagination"). */
const PAGE_LIMIT = 25;
/** A stop for a platform that keeps handing out next tokens: 90 days never need this many pages. */
const MAX_PAGES = 200;

const tokenUrl = (s: ProviderSettings) => s.tokenUrl ?? TOKEN_URL;

/**
 * WHOOP (webhooks.md §7): signed pointer webhooks (v2 model: UUID ids). Every event is fetched back through the
 * v2 REST API with the athlete's token: workouts become sessions, a night's sleep and recovery become the day's
 * recovery row, and a delete counts only once the API answers 404 for the workout. There is no deauthorization
 * webhook: a refresh the token endpoint refuses (400, invalid grant) is the revocation.
 */
export const whoopAdapter: ProviderAdapter = {
  id: 'whoop',
  defaultApiUrl: 'https://api.prod.whoop.com/developer',
  ackStatus: 200,

  // No handshake: the URL is set in the developer dashboard.
  handshake: () => null,

  verify(req: InboundRequest, settings: ProviderSettings, now: Date): void {
    if (!settings.clientSecret) throw new DomainError(ErrorCode.NotFound, 'WHOOP webhooks are not configured (WHOOP_CLIENT_SECRET)');
    verifyWhoopSignature(req.headers, req.rawBody, settings.clientSecret, now);
  },

  parseDelivery(req: InboundRequest): DeliveryEvent[] {
    const body = parseJsonBody(req.rawBody);
    if (!isRecord(body)) throw invalid('body', 'must be an object');
    const type = requireString(body, 'type');
    const userId = requireId(body, 'user_id');
    const id = requireId(body, 'id');
    if (!isUuid(id) && !/^\d{1,19}$/.test(id)) throw invalid('id', 'must be a UUID (v2 model) or an integer (v1 model)');
    const trace = body.trace_id;
    if (trace !== undefined && trace !== null && (typeof trace !== 'string' || trace.length === 0 || trace.length > 200)) throw invalid('trace_id', 'must be a string');
    if (!(WHOOP_EVENT_TYPES as readonly string[]).includes(type)) {
      // A type WHOOP added later: acknowledged (so it is not retried), nothing to do with it yet.
      logger.warn(`ignoring WHOOP event type "${type.slice(0, 40)}"`);
      return [];
    }
    const timestamp = req.headers['x-whoop-signature-timestamp'];
    const signedAt = timestamp && /^\d{1,15}$/.test(timestamp) ? new Date(Number(timestamp)) : null;
    const payload: WhoopEventPayload = {
      type: type as WhoopEventType,
      id,
      traceId: typeof trace === 'string' ? trace : null,
      signedAt: signedAt && Number.isFinite(signedAt.getTime()) ? signedAt.toISOString() : null,
    };
    // trace_id identifies one event; whether a retry keeps it is UNCONFIRMED, so without one the signed timestamp stands in.
    const once = payload.traceId ?? `ts${timestamp ?? ''}`;
    return [{ dedupeKey: `${type}:${id}:${once}`, providerUserId: userId, eventType: type, payload }];
  },

  async process(delivery: DeliveryEvent, ctx: ProcessContext): Promise<ProviderChange[]> {
    const event = storedPayload(delivery.payload);
    try {
      return await changesFor(event, ctx.api);
    } catch (error) {
      if (grantRefused(error, ctx.settings)) {
        logger.warn(`WHOOP refused the refresh token of user ${ctx.providerUserId}: access was revoked`);
        return [{ kind: 'deauthorized' }];
      }
      throw error;
    }
  },

  oauth: {
    authorizeUrl: (s) => s.authUrl ?? AUTHORIZE_URL,
    tokenUrl,
    // `offline` is what makes WHOOP issue a refresh token.
    scopes: ['offline', 'read:workout', 'read:sleep', 'read:recovery', 'read:cycles', 'read:profile'],
    pkce: false,
    clientAuth: 'body',
    userIdFromToken: () => null,
    fetchUserId: async (api: ProviderApi) => {
      const profile = await api.getJson<unknown>('v2/user/profile/basic');
      if (!isRecord(profile)) throw invalid('profile', 'must be an object');
      return requireId(profile, 'user_id');
    },
    // WHOOP's de-authorization endpoint (changelog 2023-02-01): no more data or webhooks for this member.
    revoke: async (api: ProviderWriteApi) => {
      await api.send('DELETE', 'v2/user/access');
    },
  },

  async *backfill(ctx: ProcessContext, since: string): AsyncIterable<ProviderChange[]> {
    const start = `${since}T00:00:00.000Z`;
    for await (const records of pages(ctx.api, 'v2/activity/workout', start)) {
      yield records.flatMap((record, i) => lenient(() => workoutChanges(whoopWorkoutToSession(record, `workout[${i}]`))));
    }
    // Recovery rows need each night's sleep and recovery together: recoveries first (by sleep), then the sleeps.
    const recoveries = new Map<string, WhoopRecoveryFacts>();
    for await (const records of pages(ctx.api, 'v2/recovery', start)) {
      records.forEach((record, i) =>
        lenient(() => {
          const facts = whoopRecoveryFacts(record, `recovery[${i}]`);
          if (facts.sleepId) recoveries.set(facts.sleepId, facts);
          return [];
        }),
      );
    }
    for await (const records of pages(ctx.api, 'v2/activity/sleep', start)) {
      yield records.flatMap((record, i) =>
        lenient(() => {
          const sleep = whoopSleepFacts(record, `sleep[${i}]`);
          return recoveryChange(whoopRecoveryRow(sleep, recoveries.get(sleep.id) ?? null));
        }),
      );
    }
  },
};

function storedPayload(value: unknown): WhoopEventPayload {
  if (!isRecord(value) || typeof value.type !== 'string' || typeof value.id !== 'string' || !(WHOOP_EVENT_TYPES as readonly string[]).includes(value.type)) {
    throw invalid('payload', 'is not a WHOOP event');
  }
  const signedAt = typeof value.signedAt === 'string' && Number.isFinite(Date.parse(value.signedAt)) ? value.signedAt : null;
  return { type: value.type as WhoopEventType, id: value.id, traceId: typeof value.traceId === 'string' ? value.traceId : null, signedAt };
}

async function changesFor(event: WhoopEventPayload, api: ProviderApi): Promise<ProviderChange[]> {
  switch (event.type) {
    case 'workout.updated':
      requireV2(event);
      // Always re-fetched: the latest state wins, whatever order the events arrive in.
      return workoutChanges(whoopWorkoutToSession(await api.getJson<unknown>(`v2/activity/workout/${event.id}`)));
    case 'workout.deleted': {
      requireV2(event);
      // Only the API's 404 confirms the delete (a workout still served is not deleted). It happened by the time
      // WHOOP signed the event: a stamp from WHOOP's clock, like the session's `updated_at` it must not precede.
      const stillThere = await getOrNull(api, `v2/activity/workout/${event.id}`);
      return stillThere === null ? [{ kind: 'session.delete', externalId: event.id, at: event.signedAt ? new Date(event.signedAt) : undefined }] : [];
    }
    case 'sleep.updated':
      requireV2(event);
      return nightFromSleep(api, event.id);
    case 'recovery.updated':
      // v2: the id is the sleep's UUID (WHOOP API changelog 2025-08-01); v1: the cycle id (webhooks.md §7c).
      // WHOOP stopped publishing v1 webhooks (changelog 2025-11-01); the cycle path stays for old deliveries.
      return isUuid(event.id) ? nightFromSleep(api, event.id) : nightFromCycle(api, event.id);
    case 'sleep.deleted':
    case 'recovery.deleted':
      // There is no change kind that removes a recovery row; the day keeps what it had (reported gap).
      logger.warn(`WHOOP ${event.type} ${event.id}: recovery rows are not deleted`);
      return [];
  }
}

function requireV2(event: WhoopEventPayload): void {
  if (!isUuid(event.id)) {
    throw new DomainError(ErrorCode.ValidationFailed, `WHOOP ${event.type} carries a v1 integer id (${event.id}); set the app's webhook model version to v2`);
  }
}

function workoutChanges(mapping: WhoopWorkoutMapping): ProviderChange[] {
  switch (mapping.kind) {
    case 'session':
      return [{ kind: 'session.upsert', session: mapping.session }];
    case 'not-training':
      // Re-labelled as e.g. sauna: whatever session it was goes.
      return [{ kind: 'session.delete', externalId: mapping.externalId, at: mapping.version }];
    case 'in-progress':
      return []; // the workout.updated after it ends brings it
  }
}

async function nightFromSleep(api: ProviderApi, sleepId: string): Promise<ProviderChange[]> {
  const sleep = whoopSleepFacts(await api.getJson<unknown>(`v2/activity/sleep/${sleepId}`));
  if (sleep.nap) return [];
  const raw = sleep.cycleId ? await getOrNull(api, `v2/cycle/${sleep.cycleId}/recovery`) : null;
  const recovery = raw === null ? null : whoopRecoveryFacts(raw);
  // The cycle's recovery belongs to another sleep of that cycle: that sleep is the night.
  if (recovery?.sleepId && recovery.sleepId !== sleep.id) return nightOf(api, recovery);
  return recoveryChange(whoopRecoveryRow(sleep, recovery));
}

async function nightFromCycle(api: ProviderApi, cycleId: string): Promise<ProviderChange[]> {
  const raw = await getOrNull(api, `v2/cycle/${cycleId}/recovery`);
  return raw === null ? [] : nightOf(api, whoopRecoveryFacts(raw));
}

async function nightOf(api: ProviderApi, recovery: WhoopRecoveryFacts): Promise<ProviderChange[]> {
  if (!recovery.sleepId || !isUuid(recovery.sleepId)) return [];
  const raw = await getOrNull(api, `v2/activity/sleep/${recovery.sleepId}`);
  const sleep: WhoopSleepFacts | null = raw === null ? null : whoopSleepFacts(raw);
  return sleep ? recoveryChange(whoopRecoveryRow(sleep, recovery)) : [];
}

function recoveryChange(row: NormalizedRecovery | null): ProviderChange[] {
  return row ? [{ kind: 'recovery.upsert', recovery: row }] : [];
}

/** GET, with a 404 meaning "not there" (deleted, or not scored yet for a cycle's recovery). */
async function getOrNull(api: ProviderApi, path: string): Promise<unknown> {
  try {
    return await api.getJson<unknown>(path);
  } catch (error) {
    if (error instanceof ProviderHttpError && error.status === 404) return null;
    throw error;
  }
}

/** The token endpoint refused our refresh token (OAuth invalid_grant is a 400): the athlete revoked the app. */
function grantRefused(error: unknown, settings: ProviderSettings): boolean {
  return error instanceof ProviderHttpError && error.status === 400 && error.url === tokenUrl(settings);
}

/** Every page of a v2 collection from `start`, following `next_token` (sent back as `nextToken`). */
async function* pages(api: ProviderApi, path: string, start: string): AsyncIterable<unknown[]> {
  const seen = new Set<string>();
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await api.getJson<unknown>(path, { start, limit: PAGE_LIMIT, nextToken });
    if (!isRecord(body) || !Array.isArray(body.records)) throw invalid(`${path}.records`, 'must be an array');
    yield body.records as unknown[];
    const next = body.next_token;
    if (typeof next !== 'string' || next === '' || seen.has(next)) return;
    seen.add(next);
    nextToken = next;
  }
  logger.warn(`WHOOP ${path}: stopped after ${MAX_PAGES} pages`);
}

/** Backfill: one malformed record is logged and skipped, so it cannot block 90 days of history. */
function lenient(map: () => ProviderChange[]): ProviderChange[] {
  try {
    return map();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    logger.warn(`WHOOP backfill skipped a record: ${error.message}`);
    return [];
  }
}
