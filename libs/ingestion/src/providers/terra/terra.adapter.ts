import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { invalid, isRecord, parseJsonBody, requireString } from '../inbound-json';
import type { DeliveryEvent, InboundRequest, ProcessContext, ProviderAdapter, ProviderChange } from '../provider.types';
import { terraActivityToSession, TerraActivityMapping, terraDailyToRecovery, terraSleepToRecovery, terraUser } from './terra.mapper';
import { requestTerraHistory, TERRA_HISTORY_TYPES } from './terra.rest';
import { verifyTerraSignature } from './terra.signature';
import { TERRA_DATA_TYPES, TERRA_IGNORED_TYPES, TerraEventPayload } from './terra.types';

const logger = new Logger('TerraAdapter');

const DEFAULT_API_URL = 'https://api.tryterra.co/v2';

/**
 * Terra (webhooks.md §9): a signed aggregator webhook that carries the data itself. The athlete authorizes in
 * Terra's widget and is linked here by Terra user id (POST /api/athletes/:id/connections/terra/link), so there
 * is no OAuth in this app. `activity` items become sessions; `sleep` items the wake-up day's resting HR, HRV
 * rMSSD and time asleep; `daily` items that day's resting HR (the store merges a day's recovery field by field, so
 * the pieces complete each other). `deauth` / `access_revoked` revoke the connection: the event is signed with our
 * secret, so it is authentic, and Terra has no API a revocation could be double-checked against with the athlete's
 * own credentials.
 */
export const terraAdapter: ProviderAdapter = {
  id: 'terra',
  defaultApiUrl: DEFAULT_API_URL,
  ackStatus: 200,

  // No handshake: the destination is set in Terra's dashboard.
  handshake: () => null,

  verify(req: InboundRequest, settings: ProviderSettings, now: Date): void {
    if (!settings.webhookSecret) throw new DomainError(ErrorCode.NotFound, 'Terra webhooks are not configured (TERRA_WEBHOOK_SECRET)');
    verifyTerraSignature(req.headers['terra-signature'], req.rawBody, settings.webhookSecret, now);
  },

  parseDelivery(req: InboundRequest): DeliveryEvent[] {
    const body = parseJsonBody(req.rawBody);
    if (!isRecord(body)) throw invalid('body', 'must be an object');
    const type = requireString(body, 'type');
    switch (type) {
      case 'activity':
      case 'sleep':
      case 'daily':
        return dataEvents(type, body, signedAt(req.headers['terra-signature']));
      case 'deauth':
      case 'access_revoked': {
        const user = terraUser(body.user);
        return [{ dedupeKey: `${type}:${user.userId}:${digest(req.rawBody)}`, providerUserId: user.userId, eventType: type, payload: { kind: type } satisfies TerraEventPayload }];
      }
      case 'connection_error': {
        const user = terraUser(body.user);
        const message = typeof body.message === 'string' ? body.message.slice(0, 500) : null;
        return [{ dedupeKey: `${type}:${user.userId}:${digest(req.rawBody)}`, providerUserId: user.userId, eventType: type, payload: { kind: type, message } satisfies TerraEventPayload }];
      }
      case 'user_reauth':
        return reauthEvents(body, req.rawBody);
      default:
        if (!(TERRA_IGNORED_TYPES as readonly string[]).includes(type)) logger.warn(`ignoring Terra event type "${type.slice(0, 40)}"`);
        return [];
    }
  },

  process(delivery: DeliveryEvent, ctx: ProcessContext): Promise<ProviderChange[]> {
    // The body carried the data: nothing to fetch, the mapping is synchronous (and a throw becomes a rejection).
    return new Promise((resolve) => resolve(changesOf(storedPayload(delivery.payload), ctx.providerUserId)));
  },

  async *backfill(ctx: ProcessContext, since: string): AsyncIterable<ProviderChange[]> {
    const { clientId, clientSecret, apiUrl } = ctx.settings;
    if (!clientId || !clientSecret) {
      throw new DomainError(ErrorCode.ServiceUnavailable, 'Terra history requests need TERRA_CLIENT_ID (dev-id) and TERRA_CLIENT_SECRET (API key)');
    }
    const config = { baseUrl: apiUrl ?? DEFAULT_API_URL, devId: clientId, apiKey: clientSecret };
    for (const type of TERRA_HISTORY_TYPES) {
      const { reference } = await requestTerraHistory(config, type, ctx.providerUserId, since);
      logger.log(`asked Terra for ${type} since ${since} of user ${ctx.providerUserId} (reference ${reference ?? 'none'}); it arrives by webhook`);
      // Nothing to write now: one (empty) page per request, so the progress shows the requests made.
      yield [];
    }
  },
};

function dataEvents(type: (typeof TERRA_DATA_TYPES)[number], body: Record<string, unknown>, sentAt: Date | undefined): DeliveryEvent[] {
  const user = terraUser(body.user);
  if (!Array.isArray(body.data)) throw invalid('data', 'must be an array');
  if (type === 'activity' && !user.provider) throw invalid('user.provider', 'must name the wearable (e.g. GARMIN)');
  const events: DeliveryEvent[] = [];
  body.data.forEach((item: unknown, i) => {
    const path = `data[${i}]`;
    // Mapped here already, so a malformed item is refused at the door (422 naming the field), not in the worker.
    let key: string;
    let payload: TerraEventPayload;
    if (type === 'activity') {
      const mapping = terraActivityToSession(item, user.provider as string, sentAt, path);
      key = mapping.kind === 'session' ? mapping.session.externalId : mapping.externalId;
      payload = { kind: 'activity', provider: user.provider as string, sentAt: sentAt?.toISOString() ?? '', item };
    } else if (type === 'sleep') {
      const sleep = terraSleepToRecovery(item, path);
      if (!sleep.recovery) return; // a nap, or nothing we use: nothing to store
      key = sleep.key;
      payload = { kind: 'sleep', item };
    } else {
      const daily = terraDailyToRecovery(item, path);
      if (!daily.recovery) return; // no resting HR: nothing we use
      key = daily.date;
      payload = { kind: 'daily', item };
    }
    // The same item sent twice (a retry, a resend from the dashboard) is one event; a changed version is a new one.
    events.push({ dedupeKey: `${type}:${user.userId}:${key}:${digest(JSON.stringify(item))}`, providerUserId: user.userId, eventType: type, payload });
  });
  return events;
}

/** `user_reauth`: { old_user, new_user } (shape UNCONFIRMED, so an unexpected one is acknowledged, not refused). */
function reauthEvents(body: Record<string, unknown>, rawBody: Buffer): DeliveryEvent[] {
  const old = isRecord(body.old_user) && typeof body.old_user.user_id === 'string' && body.old_user.user_id.length <= 200 ? body.old_user.user_id : null;
  if (!old) return [];
  const fresh = isRecord(body.new_user) && typeof body.new_user.user_id === 'string' ? body.new_user.user_id.slice(0, 200) : null;
  return [{ dedupeKey: `user_reauth:${old}:${digest(rawBody)}`, providerUserId: old, eventType: 'user_reauth', payload: { kind: 'user_reauth', newUserId: fresh } satisfies TerraEventPayload }];
}

function changesOf(payload: TerraEventPayload, userId: string): ProviderChange[] {
  switch (payload.kind) {
    case 'activity': {
      const version = payload.sentAt ? new Date(payload.sentAt) : undefined;
      return activityChanges(terraActivityToSession(payload.item, payload.provider, version), version);
    }
    case 'sleep': {
      const { recovery } = terraSleepToRecovery(payload.item);
      return recovery ? [{ kind: 'recovery.upsert', recovery }] : [];
    }
    case 'daily': {
      const { recovery } = terraDailyToRecovery(payload.item);
      return recovery ? [{ kind: 'recovery.upsert', recovery }] : [];
    }
    case 'deauth':
    case 'access_revoked':
      return [{ kind: 'deauthorized' }];
    case 'connection_error':
      logger.warn(`Terra user ${userId} has a connection error (${payload.message ?? 'no message'}): the athlete should reconnect in Terra's widget`);
      return [];
    case 'user_reauth':
      // Terra moved this wearable to a new user id; its events are ignored until the athlete is re-linked (reported gap).
      logger.warn(`Terra user ${userId} re-authenticated as ${payload.newUserId ?? '?'}: re-link the athlete with the new user id`);
      return [];
  }
}

function activityChanges(mapping: TerraActivityMapping, version: Date | undefined): ProviderChange[] {
  switch (mapping.kind) {
    case 'session':
      return [{ kind: 'session.upsert', session: mapping.session }];
    case 'delete':
    case 'not-training':
      return [{ kind: 'session.delete', externalId: mapping.externalId, at: version }];
  }
}

function storedPayload(value: unknown): TerraEventPayload {
  if (!isRecord(value) || typeof value.kind !== 'string') throw invalid('payload', 'is not a Terra event');
  switch (value.kind) {
    case 'activity':
      if (typeof value.provider !== 'string') throw invalid('payload.provider', 'must be a string');
      return { kind: 'activity', provider: value.provider, sentAt: typeof value.sentAt === 'string' ? value.sentAt : '', item: value.item };
    case 'sleep':
    case 'daily':
      return { kind: value.kind, item: value.item };
    case 'deauth':
    case 'access_revoked':
      return { kind: value.kind };
    case 'connection_error':
      return { kind: 'connection_error', message: typeof value.message === 'string' ? value.message : null };
    case 'user_reauth':
      return { kind: 'user_reauth', newUserId: typeof value.newUserId === 'string' ? value.newUserId : null };
    default:
      throw invalid('payload.kind', 'is not a Terra event kind');
  }
}

/** The `t` of a (verified) terra-signature header; an absurd one (past 2100) is no version stamp. */
function signedAt(header: string | undefined): Date | undefined {
  const m = header ? /(?:^|,)\s*t=(\d{1,12})\s*(?:,|$)/.exec(header) : null;
  const ms = m ? Number(m[1]) * 1000 : NaN;
  return Number.isFinite(ms) && ms < Date.UTC(2100, 0, 1) ? new Date(ms) : undefined;
}

function digest(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 32);
}
