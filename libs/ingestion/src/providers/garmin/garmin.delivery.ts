import { randomUUID } from 'node:crypto';
import { invalid, isRecord, parseJsonBody } from '../inbound-json';
import type { DeliveryEvent } from '../provider.types';
import { fingerprint, optionalId, requireObject, requireText } from './garmin.fields';
import { activityExternalId } from './garmin.mapper';
import { GarminEventPayload, GarminSummaryType, HANDLED_TYPES } from './garmin.types';

const HANDLED: ReadonlySet<string> = new Set(HANDLED_TYPES);

export function isHandledType(key: string): key is GarminSummaryType {
  return HANDLED.has(key);
}

/**
 * A Garmin notification (push or ping) → one event per item. The envelope's keys are summary types, each holding a
 * list; one POST may carry several users. Keys Loadwatch does not use (epochs, stressDetails, moveIQActivities, …)
 * are acknowledged and ignored. Only what is needed to route and deduplicate an item is checked here (a malformed
 * item answers 422 naming it, and Garmin retries); the data fields are checked by the worker, so one odd summary
 * does not hold back the other users' items of the same POST.
 *
 * Dedupe keys (raw_events is unique on them):
 * - push data: `<type>:<summaryId>:<fingerprint>`. Garmin re-sends a summary under the same summaryId when it changes
 *   (a daily through the day, a sleep going from tentative to final, an activity re-processed); the fingerprint of
 *   the item's content makes such an update a new event, while a retry of the same notification is a duplicate.
 * - ping: `<type>.ping:<userId>:<fingerprint>`: the callbackURL names the upload window (or the file) and a token.
 * - userPermissionsChange: `userPermissionsChange:<userId>:<fingerprint>` (covers summaryId and changeTimeInSeconds).
 * - deregistrations: never deduplicated (`…:<random>`). The item is only `{userId}`, so a forged copy sent ahead of the
 *   real one would otherwise swallow it; acting on it is idempotent and confirmed through the API first.
 */
export function parseGarminDelivery(rawBody: Buffer): DeliveryEvent[] {
  const body = parseJsonBody(rawBody);
  if (!isRecord(body)) throw invalid('body', 'must be an object whose keys are Garmin summary types');
  const events: DeliveryEvent[] = [];
  for (const [key, list] of Object.entries(body)) {
    if (!isHandledType(key)) continue;
    if (!Array.isArray(list)) throw invalid(key, 'must be a list');
    list.forEach((value, i) => events.push(eventOf(key, value, `${key}[${i}]`)));
  }
  return events;
}

function eventOf(summaryType: GarminSummaryType, value: unknown, path: string): DeliveryEvent {
  const item = requireObject(value, path);
  const userId = requireText(item, 'userId', path, 200);
  const event = (mode: GarminEventPayload['mode'], dedupeKey: string, eventType: string): DeliveryEvent => ({
    dedupeKey,
    providerUserId: userId,
    eventType,
    payload: { summaryType, mode, item } satisfies GarminEventPayload,
  });
  switch (summaryType) {
    case 'deregistrations':
      return event('push', `deregistrations:${userId}:${randomUUID()}`, 'deregistrations');
    case 'userPermissionsChange':
      return event('push', `userPermissionsChange:${userId}:${fingerprint(item, path)}`, 'userPermissionsChange');
    default:
      break;
  }
  if (summaryType === 'activityFiles' || item.callbackURL !== undefined) {
    requireCallbackUrl(item, path);
    // A file ping must say which activity the file belongs to: it merges with that activity's summary.
    if (summaryType === 'activityFiles') activityExternalId(item, path);
    return event('ping', `${summaryType}.ping:${userId}:${fingerprint(item, path)}`, `${summaryType}.ping`);
  }
  const summaryId = optionalId(item, 'summaryId');
  if (!summaryId) throw invalid(`${path}.summaryId`, 'must be a non-empty string');
  return event('push', `${summaryType}:${summaryId}:${fingerprint(item, path)}`, `${summaryType}.push`);
}

export function requireCallbackUrl(item: Record<string, unknown>, path: string): URL {
  const raw = requireText(item, 'callbackURL', path, 4000);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(`${path}.callbackURL`, 'must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`${path}.callbackURL`, 'must be an http(s) URL');
  return url;
}
