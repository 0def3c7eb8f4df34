import { invalid, isRecord } from '../inbound-json';
import type { NormalizedRecovery, NormalizedSession } from '../provider.types';
import { mapSport, Sport } from '../sport';

// Terra's normalized objects (webhooks.md §9c, terra-client-js types) → our rows. Each field is checked here, so a
// malformed item is a coded DomainError naming it (e.g. "data[2].metadata.end_time"), never a TypeError.

/**
 * `metadata.type`, Terra's integer activity-type enum. The numbers come from Terra's SDKs (third-party copies of
 * the enum agree), not from Terra's reference pages: UNCONFIRMED. Unknown codes are 'other'.
 */
const SPORTS: Record<string, Sport> = {
  ...codes([8, 56, 57, 58, 88, 133], 'run'),
  ...codes([1, 14, 15, 16, 19], 'ride'),
  ...codes([17, 18], 'indoor_ride'),
  ...codes([82, 83, 84], 'swim'),
  ...codes([7, 93, 94, 95, 116], 'walk'),
  ...codes([35, 75, 130], 'hike'),
  ...codes([21, 41, 80, 97], 'strength'),
  ...codes([22, 47, 113, 114, 115], 'hiit'),
  ...codes([53, 54], 'row'),
  ...codes([13, 65, 66, 67, 68, 69, 70, 73], 'ski'),
  ...codes([49, 100, 125], 'yoga'),
  ...codes([11, 12, 23, 27, 28, 29, 34, 36, 55, 86, 89, 90, 91, 96, 120, 124, 147, 148], 'team_sport'),
};

/**
 * Activity types that are not exercise (in a vehicle, still, tilting, meditation, sleep states, lifts, guided
 * breathing, driving, flying, ballooning, power boating): never a session.
 */
const NOT_TRAINING = new Set([0, 3, 5, 45, 72, 109, 110, 111, 112, 117, 118, 122, 135, 136, 143, 144, 146]);

/** `metadata.upload_type` DELETE (4): "the workout was marked for deletion" per Terra's SDK enum (UNCONFIRMED). */
const UPLOAD_TYPE_DELETE = 4;

function codes(list: number[], sport: Sport): Record<string, Sport> {
  return Object.fromEntries(list.map((c) => [String(c), sport]));
}

const MIN_TIME = Date.UTC(1990, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);
const MAX_SESSION_S = 7 * 24 * 3600;
const MAX_SLEEP_S = 2 * 24 * 3600;
const TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface TerraUserRef {
  userId: string;
  /** The wearable behind this Terra user (GARMIN, OURA …), upper case. */
  provider: string | null;
  referenceId: string | null;
}

export function terraUser(value: unknown, path = 'user'): TerraUserRef {
  if (!isRecord(value)) throw invalid(path, 'must be an object');
  const id = value.user_id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) throw invalid(`${path}.user_id`, 'must be a non-empty string');
  const provider = typeof value.provider === 'string' && /^[A-Za-z0-9_.-]{1,60}$/.test(value.provider) ? value.provider.toUpperCase() : null;
  const ref = typeof value.reference_id === 'string' && value.reference_id.length <= 200 ? value.reference_id : null;
  return { userId: id, provider, referenceId: ref };
}

interface TerraInstant {
  at: Date;
  /** The calendar date as Terra wrote it (local when Terra knows the zone, which it says it provides when it can). */
  localDate: string;
}

/** Terra's ISO-8601 (microseconds, offset "whenever possible"); without an offset it is the user's local time, read here as UTC. */
export function terraInstant(value: unknown, path: string): TerraInstant {
  const m = typeof value === 'string' && value.length <= 64 ? TIME.exec(value) : null;
  if (!m) throw invalid(path, 'must be an ISO-8601 date-time');
  const raw = value as string;
  const offset = m[2];
  const local = offset ? raw.slice(0, raw.length - offset.length) : raw;
  const zone = !offset ? 'Z' : /^[+-]\d{4}$/.test(offset) ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset;
  const t = Date.parse(local + zone);
  // V8 rolls "02-30" over into March: a calendar date must read back as itself.
  const realDate = new Date(`${m[1]}T00:00:00Z`).getTime();
  if (!Number.isFinite(t) || t < MIN_TIME || t > MAX_TIME || !Number.isFinite(realDate) || new Date(realDate).toISOString().slice(0, 10) !== m[1]) {
    throw invalid(path, 'must be an ISO-8601 date-time');
  }
  return { at: new Date(t), localDate: m[1] };
}

function record(obj: Record<string, unknown> | null, field: string): Record<string, unknown> | null {
  const v = obj?.[field];
  return isRecord(v) ? v : null;
}

function num(obj: Record<string, unknown> | null, field: string): number | null {
  const v = obj?.[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function bpm(value: number | null): number | null {
  return value !== null && value >= 20 && value <= 250 ? Math.round(value) : null;
}

function seconds(value: number | null, max: number): number | null {
  return value !== null && value >= 0 && value <= max ? Math.round(value) : null;
}

function metadataOf(item: unknown, path: string): Record<string, unknown> {
  if (!isRecord(item)) throw invalid(path, 'must be an object');
  if (!isRecord(item.metadata)) throw invalid(`${path}.metadata`, 'must be an object');
  return item.metadata;
}

function summaryIdOf(metadata: Record<string, unknown>, path: string, required: boolean): string | null {
  const id = metadata.summary_id;
  if (typeof id === 'string' && id.length > 0 && id.length <= 200) return id;
  if (id === undefined || id === null) {
    if (required) throw invalid(`${path}.metadata.summary_id`, 'must be a non-empty string');
    return null;
  }
  throw invalid(`${path}.metadata.summary_id`, 'must be a non-empty string');
}

/** Seconds in the five Edwards bands (50–60 … 90–100 % HRmax) from `hr_zone_data`, by each zone's start percentage, else its number 1–5 (UNCONFIRMED). */
function edwardsSeconds(summary: Record<string, unknown> | null): number[] | null {
  const zones = summary?.hr_zone_data;
  if (!Array.isArray(zones)) return null;
  const bands = [0, 0, 0, 0, 0];
  let any = false;
  for (const z of zones.slice(0, 20)) {
    if (!isRecord(z)) continue;
    const s = seconds(num(z, 'duration_seconds'), MAX_SESSION_S);
    if (s === null) continue;
    const start = num(z, 'start_percentage');
    const zone = num(z, 'zone');
    const band = start !== null ? Math.floor((start - 50) / 10) : zone !== null && Number.isInteger(zone) ? zone - 1 : -1;
    if (band < 0 || band > 4) continue;
    bands[band] += s;
    any = true;
  }
  return any ? bands : null;
}

export type TerraActivityMapping =
  | {
      kind: 'session';
      session: NormalizedSession;
      /** Terra's provider load (`strain_data.strain_level`): the platform's, kept apart from ours. */
      strain: number | null;
      energyKcal: number | null;
    }
  | { kind: 'delete'; externalId: string }
  | { kind: 'not-training'; externalId: string; activityType: number };

/**
 * Our external id for a Terra summary. Terra's `summary_id` is unique per Terra user only, and a re-authorization
 * gives the same wearable account a new Terra user; so the id is namespaced by the wearable (e.g.
 * "GARMIN:11873561290"), which stays the same when the athlete re-links and does not collide across wearables.
 */
export function terraExternalId(provider: string, summaryId: string): string {
  return `${provider}:${summaryId}`;
}

/** One item of an `activity` event → a session (webhooks.md §14.2, Terra column). */
export function terraActivityToSession(item: unknown, provider: string, version: Date | undefined, path = 'data[0]'): TerraActivityMapping {
  const metadata = metadataOf(item, path);
  const externalId = terraExternalId(provider, summaryIdOf(metadata, path, true) as string);
  const start = terraInstant(metadata.start_time, `${path}.metadata.start_time`);
  const end = terraInstant(metadata.end_time, `${path}.metadata.end_time`);
  const elapsedS = Math.round((end.at.getTime() - start.at.getTime()) / 1000);
  if (elapsedS < 0 || elapsedS > MAX_SESSION_S) throw invalid(`${path}.metadata.end_time`, 'must be after start_time, within 7 days');
  if (metadata.upload_type === UPLOAD_TYPE_DELETE) return { kind: 'delete', externalId };
  const type = metadata.type;
  if (typeof type === 'number' && NOT_TRAINING.has(type)) return { kind: 'not-training', externalId, activityType: type };

  const a = item as Record<string, unknown>;
  const hr = record(record(a, 'heart_rate_data'), 'summary');
  const distance = num(record(record(a, 'distance_data'), 'summary'), 'distance_meters');
  const strain = num(record(a, 'strain_data'), 'strain_level');
  const kcal = num(record(a, 'calories_data'), 'total_burned_calories');
  return {
    kind: 'session',
    session: {
      externalId,
      startTime: start.at,
      durationS: Math.max(1, elapsedS),
      movingTimeS: seconds(num(record(a, 'active_durations_data'), 'activity_seconds'), MAX_SESSION_S),
      sport: typeof type === 'number' ? mapSport(SPORTS, type) : 'other',
      distanceM: distance !== null && distance >= 0 ? distance : null,
      avgHr: bpm(num(hr, 'avg_hr_bpm')),
      maxHr: bpm(num(hr, 'max_hr_bpm')),
      rpe: null, // Terra's normalized activity has no RPE
      hrZoneSeconds: edwardsSeconds(hr),
      sourceUpdatedAt: version,
    },
    strain: strain !== null && strain >= 0 ? strain : null,
    energyKcal: kcal !== null && kcal >= 0 ? Math.round(kcal) : null,
  };
}

export interface TerraDailyMapping {
  /** The local day the summary covers (its `start_time` is that day's midnight). */
  date: string;
  /** Only the resting HR: a daily summary's HRV is a whole-day average, not the night's rMSSD the baselines use. */
  recovery: NormalizedRecovery | null;
}

/**
 * One item of a `daily` event → the day's resting HR (webhooks.md §14.3: `daily.heart_rate_data.summary.resting_hr_bpm`).
 * The row names no other field, so the night's HRV and sleep from the `sleep` item stay as they are (the store
 * merges a recovery row field by field).
 */
export function terraDailyToRecovery(item: unknown, path = 'data[0]'): TerraDailyMapping {
  const metadata = metadataOf(item, path);
  const { localDate: date } = terraInstant(metadata.start_time, `${path}.metadata.start_time`);
  const restingHr = bpm(num(record(record(item as Record<string, unknown>, 'heart_rate_data'), 'summary'), 'resting_hr_bpm'));
  return { date, recovery: restingHr === null ? null : { date, restingHr } };
}

export interface TerraSleepMapping {
  /** summary_id, or start/end when Terra sent none (it is optional on sleep). */
  key: string;
  nap: boolean;
  recovery: NormalizedRecovery | null;
}

/**
 * One item of a `sleep` event → the wake-up day's recovery row (webhooks.md §14.3): resting HR and HRV rMSSD
 * from the night's HR summary, time asleep from `sleep_durations_data.asleep`. A nap is not the night: no row.
 */
export function terraSleepToRecovery(item: unknown, path = 'data[0]'): TerraSleepMapping {
  const metadata = metadataOf(item, path);
  const summaryId = summaryIdOf(metadata, path, false);
  const start = terraInstant(metadata.start_time, `${path}.metadata.start_time`);
  const end = terraInstant(metadata.end_time, `${path}.metadata.end_time`);
  if (end.at < start.at) throw invalid(`${path}.metadata.end_time`, 'must not be before start_time');
  const key = summaryId ?? `${start.at.toISOString()}/${end.at.toISOString()}`;
  if (metadata.is_nap === true) return { key, nap: true, recovery: null };

  const s = item as Record<string, unknown>;
  const hr = record(record(s, 'heart_rate_data'), 'summary');
  const durations = record(s, 'sleep_durations_data');
  const asleep = record(durations, 'asleep');
  const stages = ['duration_deep_sleep_state_seconds', 'duration_light_sleep_state_seconds', 'duration_REM_sleep_state_seconds'].map((k) => seconds(num(asleep, k), MAX_SLEEP_S));
  const staged = stages.every((v) => v === null) ? null : stages.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  const hrv = num(hr, 'avg_hrv_rmssd');
  const recovery: NormalizedRecovery = {
    date: end.localDate,
    restingHr: bpm(num(hr, 'resting_hr_bpm')),
    hrvRmssd: hrv !== null && hrv > 0 && hrv < 1000 ? hrv : null,
    sleepS: seconds(num(asleep, 'duration_asleep_state_seconds'), MAX_SLEEP_S) ?? (staged !== null && staged <= MAX_SLEEP_S ? staged : null),
  };
  const empty = recovery.restingHr === null && recovery.hrvRmssd === null && recovery.sleepS === null;
  return { key, nap: false, recovery: empty ? null : recovery };
}
