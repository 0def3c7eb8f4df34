import { Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/common';
import type { ProviderSettings } from '@app/config';
import { verifyStandardWebhook } from '../../standard/standard-webhook.signature';
import { invalid, isRecord, parseJsonBody, requireString } from '../inbound-json';
import type { DeliveryEvent, InboundRequest, ProviderAdapter, ProviderChange } from '../provider.types';
import { junctionSleepToRecovery, junctionWorkoutToSession } from './junction.mapper';

const logger = new Logger('JunctionAdapter');

/** What a stored Junction event carries to the worker: one summary object, whole (the latest version replaces). */
export type JunctionEventPayload = { resource: 'workouts'; data: unknown; deliveredAt: string | null } | { resource: 'sleep'; data: unknown };

interface SvixHeaders {
  id: string;
  timestamp: string;
  signature: string;
}

/**
 * The Svix headers of a request: `svix-id/-timestamp/-signature`, or the Standard Webhooks names
 * `webhook-id/-timestamp/-signature` some Svix accounts send (webhooks.md §10b). One complete set, never a mix.
 */
export function svixHeaders(headers: Record<string, string | undefined>): SvixHeaders | null {
  for (const prefix of ['svix', 'webhook']) {
    const id = headers[`${prefix}-id`];
    const timestamp = headers[`${prefix}-timestamp`];
    const signature = headers[`${prefix}-signature`];
    if (id && timestamp && signature) return { id, timestamp, signature };
  }
  return null;
}

/**
 * Junction, formerly Vital (webhooks.md §10): Svix-signed webhooks that carry whole summary objects. The athlete
 * connects wearables in Junction's own Link widget and is linked here by Junction user id
 * (POST /api/athletes/:id/connections/junction/link), so there is no OAuth in this app.
 * `daily.data.workouts.*` become sessions and `daily.data.sleep.*` the day's recovery row ("daily" means
 * incremental). Each message is one raw event, deduplicated on its `svix-id`, which a resend keeps.
 *
 * No backfill: webhooks.md §10 documents no REST endpoint for it (only that `historical.data.*.created` announce a
 * finished historical pull, to be fetched over REST); those events are acknowledged and logged.
 */
export const junctionAdapter: ProviderAdapter = {
  id: 'junction',
  defaultApiUrl: 'https://api.tryvital.io',
  ackStatus: 200,

  // No handshake: endpoints are managed in Junction's (Svix) webhook portal.
  handshake: () => null,

  verify(req: InboundRequest, settings: ProviderSettings, now: Date): void {
    // Several secrets (whitespace- or comma-separated) let an operator rotate the endpoint secret without a gap.
    const secrets = (settings.webhookSecret ?? '').split(/[\s,]+/).filter(Boolean);
    if (secrets.length === 0) throw new DomainError(ErrorCode.NotFound, 'Junction webhooks are not configured (JUNCTION_WEBHOOK_SECRET)');
    const h = svixHeaders(req.headers);
    if (!h) throw new DomainError(ErrorCode.SignatureMissing, 'svix-id, svix-timestamp and svix-signature headers (or webhook-id, webhook-timestamp, webhook-signature) are required');
    // Svix is Standard Webhooks: the same HMAC over "id.timestamp.body", the same ±5 min window.
    verifyStandardWebhook({ id: h.id, timestamp: h.timestamp, signature: h.signature, body: req.rawBody }, secrets, Math.floor(now.getTime() / 1000));
  },

  parseDelivery(req: InboundRequest): DeliveryEvent[] {
    const body = parseJsonBody(req.rawBody);
    if (!isRecord(body)) throw invalid('body', 'must be an object');
    const eventType = requireString(body, 'event_type');
    const h = svixHeaders(req.headers);
    if (!h) throw new DomainError(ErrorCode.SignatureMissing, 'svix-id header is required');
    const m = /^(daily|historical)\.data\.([a-z0-9_]+)\.(created|updated)$/.exec(eventType);
    if (m?.[1] === 'historical') {
      logger.log(`Junction ${eventType} for user ${typeof body.user_id === 'string' ? body.user_id : '?'}: historical pulls are not fetched (no backfill)`);
      return [];
    }
    if (!m || (m[2] !== 'workouts' && m[2] !== 'sleep')) return []; // connection lifecycle, timeseries, other summaries
    const userId = requireString(body, 'user_id');
    if (!isRecord(body.data)) throw invalid('data', 'must be an object');
    const deliveredAt = new Date(Number(h.timestamp) * 1000);
    let payload: JunctionEventPayload;
    if (m[2] === 'workouts') {
      junctionWorkoutToSession(body.data, deliveredAt); // refused here when malformed (422 naming the field)
      payload = { resource: 'workouts', data: body.data, deliveredAt: Number.isFinite(deliveredAt.getTime()) ? deliveredAt.toISOString() : null };
    } else {
      if (!junctionSleepToRecovery(body.data).recovery) return []; // a nap, or nothing we use
      payload = { resource: 'sleep', data: body.data };
    }
    return [{ dedupeKey: h.id, providerUserId: userId, eventType, payload }];
  },

  process(delivery: DeliveryEvent): Promise<ProviderChange[]> {
    // The body carried the data: nothing to fetch; a throw becomes a rejection.
    return new Promise((resolve) => resolve(changesOf(storedPayload(delivery.payload))));
  },
};

function changesOf(payload: JunctionEventPayload): ProviderChange[] {
  if (payload.resource === 'workouts') {
    const deliveredAt = payload.deliveredAt ? new Date(payload.deliveredAt) : undefined;
    return [{ kind: 'session.upsert', session: junctionWorkoutToSession(payload.data, deliveredAt).session }];
  }
  const { recovery } = junctionSleepToRecovery(payload.data);
  return recovery ? [{ kind: 'recovery.upsert', recovery }] : [];
}

function storedPayload(value: unknown): JunctionEventPayload {
  if (!isRecord(value)) throw invalid('payload', 'is not a Junction event');
  if (value.resource === 'workouts') return { resource: 'workouts', data: value.data, deliveredAt: typeof value.deliveredAt === 'string' ? value.deliveredAt : null };
  if (value.resource === 'sleep') return { resource: 'sleep', data: value.data };
  throw invalid('payload.resource', 'must be workouts or sleep');
}
