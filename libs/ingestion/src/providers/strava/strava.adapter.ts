import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { isRecord, invalid, parseJsonBody, requireId, requireString, secretMatches } from '../inbound-json';
import { ProviderHttpError } from '../provider-api';
import type { DeliveryEvent, HandshakeReply, InboundRequest, ProcessContext, ProviderAdapter, ProviderChange } from '../provider.types';
import { StravaActivity, stravaActivityToSession } from './strava.mapper';

interface StravaEvent {
  object_type: 'activity' | 'athlete';
  object_id: string;
  aspect_type: 'create' | 'update' | 'delete';
  owner_id: string;
  subscription_id: string;
  event_time: number;
  updates: Record<string, unknown>;
}

const PAGE_SIZE = 100;

/**
 * Strava: unsigned pointer webhooks (webhooks.md §2). Countermeasures: a secret path token, the subscription id
 * check, and destructive events (delete, deauthorization) confirmed through the REST API before acting.
 */
export const stravaAdapter: ProviderAdapter = {
  id: 'strava',
  defaultApiUrl: 'https://www.strava.com/api/v3',
  ackStatus: 200,

  handshake(req: InboundRequest, settings: ProviderSettings): HandshakeReply | null {
    if (req.method !== 'GET') return null;
    if (req.query['hub.mode'] !== 'subscribe' || !req.query['hub.challenge']) {
      throw new DomainError(ErrorCode.ValidationFailed, 'expected hub.mode=subscribe and hub.challenge');
    }
    if (!secretMatches(req.query['hub.verify_token'], settings.verifyToken)) throw new DomainError(ErrorCode.Forbidden, 'hub.verify_token does not match');
    return { status: 200, body: { 'hub.challenge': req.query['hub.challenge'] } };
  },

  verify(req: InboundRequest, settings: ProviderSettings): void {
    if (!settings.pathToken) throw new DomainError(ErrorCode.NotFound, 'Strava webhooks are not configured (STRAVA_PATH_TOKEN)');
    if (!secretMatches(req.pathToken, settings.pathToken)) throw new DomainError(ErrorCode.SignatureInvalid, 'unknown webhook path');
  },

  parseDelivery(req: InboundRequest): DeliveryEvent[] {
    const body = parseJsonBody(req.rawBody);
    if (!isRecord(body)) throw invalid('body', 'must be an object');
    const objectType = requireString(body, 'object_type');
    const aspect = requireString(body, 'aspect_type');
    if (objectType !== 'activity' && objectType !== 'athlete') throw invalid('object_type', 'must be activity or athlete');
    if (!['create', 'update', 'delete'].includes(aspect)) throw invalid('aspect_type', 'must be create, update or delete');
    if (typeof body.event_time !== 'number' || !Number.isSafeInteger(body.event_time)) throw invalid('event_time', 'must be epoch seconds');
    const event: StravaEvent = {
      object_type: objectType,
      object_id: requireId(body, 'object_id'),
      aspect_type: aspect as StravaEvent['aspect_type'],
      owner_id: requireId(body, 'owner_id'),
      subscription_id: requireId(body, 'subscription_id'),
      event_time: body.event_time,
      updates: isRecord(body.updates) ? body.updates : {},
    };
    return [
      {
        dedupeKey: `${event.subscription_id}:${event.object_type}:${event.object_id}:${event.aspect_type}:${event.event_time}`,
        providerUserId: event.owner_id,
        eventType: `${event.object_type}.${event.aspect_type}`,
        payload: event,
      },
    ];
  },

  async process(delivery: DeliveryEvent, ctx: ProcessContext): Promise<ProviderChange[]> {
    const event = delivery.payload as StravaEvent;
    if (ctx.settings.subscriptionId && String(event.subscription_id) !== ctx.settings.subscriptionId) return [];
    const version = new Date(event.event_time * 1000);
    if (event.object_type === 'athlete') {
      const revoked = event.updates.authorized === 'false' || event.updates.authorized === false;
      return revoked && (await accessIsGone(ctx)) ? [{ kind: 'deauthorized' }] : [];
    }
    if (event.aspect_type === 'delete') {
      // Forged deletes are possible on an unsigned webhook: only a 404 from the API confirms it.
      const stillThere = await ctx.api.getJson<StravaActivity>(`activities/${event.object_id}`).then(
        () => true,
        (error: unknown) => {
          if (error instanceof ProviderHttpError && error.status === 404) return false;
          throw error;
        },
      );
      return stillThere ? [] : [{ kind: 'session.delete', externalId: event.object_id, at: version }];
    }
    // Create and update: always re-fetch, the update may arrive before the create was processed.
    const activity = await ctx.api.getJson<StravaActivity>(`activities/${event.object_id}`);
    return [{ kind: 'session.upsert', session: stravaActivityToSession(activity, version) }];
  },

  oauth: {
    authorizeUrl: (s) => s.authUrl ?? 'https://www.strava.com/oauth/authorize',
    tokenUrl: (s) => s.tokenUrl ?? 'https://www.strava.com/oauth/token',
    revoke: async (api, s) => {
      await api.send('POST', `${(s.authUrl ?? 'https://www.strava.com/oauth/authorize').replace(/\/authorize$/, '')}/deauthorize`);
    },
    scopes: ['read', 'activity:read_all'],
    scopeSeparator: ',',
    pkce: false,
    clientAuth: 'body',
    extraAuthorizeParams: { approval_prompt: 'auto' },
    userIdFromToken: (token) => (isRecord(token.athlete) && (typeof token.athlete.id === 'number' || typeof token.athlete.id === 'string') ? String(token.athlete.id) : null),
  },

  async *backfill(ctx: ProcessContext, since: string): AsyncIterable<ProviderChange[]> {
    const after = Math.floor(Date.parse(`${since}T00:00:00Z`) / 1000);
    for (let page = 1; ; page++) {
      const activities = await ctx.api.getJson<StravaActivity[]>('athlete/activities', { after, page, per_page: PAGE_SIZE });
      if (!Array.isArray(activities) || activities.length === 0) return;
      yield activities.map((a) => ({ kind: 'session.upsert' as const, session: stravaActivityToSession(a) }));
      if (activities.length < PAGE_SIZE) return;
    }
  },
};

/** Strava says the athlete revoked access: believe it only if their token no longer works. */
async function accessIsGone(ctx: ProcessContext): Promise<boolean> {
  try {
    await ctx.api.getJson('athlete');
    return false;
  } catch (error) {
    if (error instanceof ProviderHttpError && (error.status === 401 || error.status === 403)) return true;
    // A refresh that the platform refuses means the grant is gone as well.
    if (error instanceof ProviderHttpError && error.status === 400) return true;
    throw error;
  }
}
