import { DomainError, ErrorCode } from '@app/common';
import { invalid, isRecord, requireId } from '../inbound-json';
import type { NormalizedRecovery, NormalizedSession } from '../provider.types';
import { mapSport, Sport } from '../sport';

/**
 * Fitbit Web API answers → normalized sessions and recovery rows (webhooks.md §4d, §14.2, §14.3). Every reader takes
 * `unknown` and throws a coded DomainError naming the field when the answer is not what Fitbit documents.
 */

/** A lookup table without a prototype, so a name like "constructor" or "__proto__" finds nothing. */
function lookup<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

// The exercise names Fitbit shows (activityName); matched case-insensitively.
const SPORT_BY_NAME: Record<string, Sport> = lookup({
  run: 'run',
  running: 'run',
  treadmill: 'run',
  'trail run': 'trail_run',
  walk: 'walk',
  walking: 'walk',
  hike: 'hike',
  hiking: 'hike',
  bike: 'ride',
  biking: 'ride',
  bicycling: 'ride',
  'outdoor bike': 'ride',
  'mountain bike': 'ride',
  spinning: 'indoor_ride',
  'indoor bike': 'indoor_ride',
  'stationary bike': 'indoor_ride',
  swim: 'swim',
  swimming: 'swim',
  weights: 'strength',
  'weight lifting': 'strength',
  weightlifting: 'strength',
  'strength training': 'strength',
  'circuit training': 'hiit',
  'interval workout': 'hiit',
  bootcamp: 'hiit',
  hiit: 'hiit',
  rowing: 'row',
  'rowing machine': 'row',
  yoga: 'yoga',
  pilates: 'yoga',
  skiing: 'ski',
  'cross country skiing': 'ski',
  soccer: 'team_sport',
  basketball: 'team_sport',
  volleyball: 'team_sport',
});

// activityTypeId fallback for the common auto-recognised exercises (90009 Run per [OW-3P]; the others UNCONFIRMED).
const SPORT_BY_TYPE_ID: Record<string, Sport> = lookup({
  '90009': 'run',
  '90013': 'walk',
  '90012': 'hike',
  '90001': 'ride',
  '1071': 'ride',
  '55001': 'indoor_ride',
  '90024': 'swim',
  '2131': 'strength',
  '52001': 'yoga',
});

// Unit of `distance`. Without Accept-Language Fitbit answers in metric units (km), as the shared fixture shows.
const METRES_PER_UNIT: Record<string, number> = lookup({ kilometer: 1000, kilometers: 1000, km: 1000, mile: 1609.344, miles: 1609.344, mi: 1609.344, meter: 1, meters: 1, m: 1 });

// Bounds of what a session or a night can be; outside them a value is a glitch, not data.
const MAX_SESSION_S = 7 * 24 * 3600;
const MAX_DISTANCE_M = 10_000_000;
const MIN_HR = 20;
const MAX_HR = 300;
const MAX_RMSSD_MS = 1000;
const DAY_S = 24 * 3600;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Fitbit's startTime: local wall time and the user's UTC offset (or Z). Without an offset the instant is unknown.
const LOCAL_ISO_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

export function fitbitSport(name: unknown, typeId: unknown): Sport {
  const byName = typeof name === 'string' ? mapSport(SPORT_BY_NAME, name.trim()) : 'other';
  if (byName !== 'other') return byName;
  return typeof typeId === 'number' || typeof typeId === 'string' ? mapSport(SPORT_BY_TYPE_ID, typeId) : 'other';
}

function finiteNonNegative(obj: Record<string, unknown>, field: string): number | null {
  const v = obj[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw invalid(field, 'must be a non-negative number');
  return v;
}

/** A heart rate Fitbit reports, or null when it is absent, 0 (no HR recorded) or not a human heart rate. */
function heartRate(obj: Record<string, unknown>, field: string): number | null {
  const v = finiteNonNegative(obj, field);
  return v === null || v < MIN_HR || v > MAX_HR ? null : Math.round(v);
}

function distanceMetres(a: Record<string, unknown>): number | null {
  const distance = finiteNonNegative(a, 'distance');
  if (distance === null) return null;
  const unit = a.distanceUnit;
  const factor = unit === undefined || unit === null ? 1000 : typeof unit === 'string' ? METRES_PER_UNIT[unit.trim().toLowerCase()] : undefined;
  // An unknown unit or an absurd value must not become a wrong distance; the session is worth keeping without one.
  // Rounded to the millimetre: 8.12 km is 8120 m, not 8119.999999999999.
  const metres = factor === undefined ? null : Math.round(distance * factor * 1000) / 1000;
  return metres !== null && metres <= MAX_DISTANCE_M ? metres : null;
}

/** A duration in ms → whole seconds (at least 1), or a DomainError when it is longer than any session can be. */
function msToSeconds(ms: number, field: string): number {
  if (ms > MAX_SESSION_S * 1000) throw invalid(field, `must be at most ${MAX_SESSION_S * 1000} ms`);
  return Math.max(1, Math.round(ms / 1000));
}

/** The logId of an activity-list entry (the key of the day diff), or a DomainError. */
export function fitbitLogId(item: unknown): string {
  if (!isRecord(item)) throw invalid('activities[]', 'must be an object');
  return requireId(item, 'logId');
}

/** The user's local calendar day of a Fitbit local timestamp (the date Fitbit files the entry under). */
export function fitbitLocalDate(startTime: unknown): string {
  if (typeof startTime !== 'string') throw invalid('startTime', 'must be an ISO date-time with a UTC offset');
  const m = LOCAL_ISO_WITH_OFFSET.exec(startTime);
  if (!m || !isCalendarDate(m[1]) || Number.isNaN(Date.parse(startTime))) throw invalid('startTime', 'must be an ISO date-time with a UTC offset');
  return m[1];
}

/**
 * One activity-list entry → a session. `duration`/`activeDuration` are milliseconds; `startTime` is local time with
 * the offset, so `new Date()` gives the UTC instant. `version` is when we fetched it (Fitbit has no version stamp).
 */
export function fitbitActivityToSession(item: unknown, version?: Date): NormalizedSession {
  const externalId = fitbitLogId(item);
  const a = item as Record<string, unknown>;
  fitbitLocalDate(a.startTime);
  const startTime = new Date(a.startTime as string);
  const durationMs = finiteNonNegative(a, 'duration');
  if (durationMs === null) throw invalid('duration', 'must be a non-negative number (milliseconds)');
  const activeMs = finiteNonNegative(a, 'activeDuration');
  return {
    externalId,
    startTime,
    durationS: msToSeconds(durationMs, 'duration'),
    movingTimeS: activeMs ? msToSeconds(activeMs, 'activeDuration') : null,
    sport: fitbitSport(a.activityName, a.activityTypeId),
    distanceM: distanceMetres(a),
    avgHr: heartRate(a, 'averageHeartRate'),
    maxHr: null,
    rpe: null,
    sourceUpdatedAt: version,
  };
}

/** The entries and the `pagination.next` URL of an activity-list page. */
export function readActivityList(body: unknown): { activities: unknown[]; next: string | null } {
  if (!isRecord(body) || !Array.isArray(body.activities)) throw invalid('activities', 'must be an array (Fitbit activity list)');
  const pagination = isRecord(body.pagination) ? body.pagination : {};
  const next = typeof pagination.next === 'string' && pagination.next.length > 0 ? pagination.next : null;
  return { activities: body.activities, next };
}

/**
 * The query of Fitbit's `pagination.next` URL. We send it to our own configured API base rather than to the URL
 * itself, so a tampered answer can never make us send the athlete's token to another host.
 */
export function nextPageQuery(next: string): Record<string, string> {
  let url: URL;
  try {
    url = new URL(next);
  } catch {
    throw invalid('pagination.next', 'must be a URL');
  }
  if (!/\/activities\/list\.json$/.test(url.pathname)) throw invalid('pagination.next', 'must point at the activity list');
  return Object.fromEntries(url.searchParams);
}

function series(body: unknown, key: string): Record<string, unknown>[] {
  if (!isRecord(body) || !Array.isArray(body[key])) throw invalid(key, 'must be an array');
  return (body[key] as unknown[]).filter(isRecord);
}

/** Resting HR per day from the heart time series (`activities-heart[].value.restingHeartRate`). */
export function fitbitRestingHr(body: unknown): Map<string, number> {
  const out = new Map<string, number>();
  for (const day of series(body, 'activities-heart')) {
    if (!isCalendarDate(day.dateTime) || !isRecord(day.value)) continue;
    const rhr = day.value.restingHeartRate;
    if (typeof rhr === 'number' && rhr >= MIN_HR && rhr <= MAX_HR) out.set(day.dateTime, Math.round(rhr));
  }
  return out;
}

/** Nightly rMSSD (ms) per day from the HRV summary (`hrv[].value.dailyRmssd`). */
export function fitbitHrv(body: unknown): Map<string, number> {
  const out = new Map<string, number>();
  for (const day of series(body, 'hrv')) {
    if (!isCalendarDate(day.dateTime) || !isRecord(day.value)) continue;
    const rmssd = day.value.dailyRmssd;
    if (typeof rmssd === 'number' && rmssd > 0 && rmssd <= MAX_RMSSD_MS) out.set(day.dateTime, rmssd);
  }
  return out;
}

/**
 * Seconds asleep per wake-up day (`dateOfSleep`): the main sleep's `minutesAsleep`; when Fitbit marked no main
 * sleep that day, the sum of the day's sleep logs (naps).
 */
export function fitbitSleepSeconds(body: unknown): Map<string, number> {
  const main = new Map<string, number>();
  const all = new Map<string, number>();
  for (const log of series(body, 'sleep')) {
    if (!isCalendarDate(log.dateOfSleep)) continue;
    const minutes = log.minutesAsleep;
    if (typeof minutes !== 'number' || !(minutes >= 0 && minutes <= DAY_S / 60)) continue;
    all.set(log.dateOfSleep, (all.get(log.dateOfSleep) ?? 0) + minutes * 60);
    if (log.isMainSleep === true) main.set(log.dateOfSleep, (main.get(log.dateOfSleep) ?? 0) + minutes * 60);
  }
  for (const [day, seconds] of all) if (!main.has(day)) main.set(day, seconds);
  // Overlapping logs cannot make a day longer than a day.
  for (const [day, seconds] of main) main.set(day, Math.min(DAY_S, Math.round(seconds)));
  return main;
}

/**
 * One recovery row per day that has at least one value; a field without a value is null (the stored row keeps its
 * own value for it: recovery upserts merge).
 */
export function fitbitRecoveryDays(days: string[], restingHr: Map<string, number>, hrv: Map<string, number>, sleep: Map<string, number>): NormalizedRecovery[] {
  const rows: NormalizedRecovery[] = [];
  for (const date of days) {
    const row: NormalizedRecovery = { date, restingHr: restingHr.get(date) ?? null, hrvRmssd: hrv.get(date) ?? null, sleepS: sleep.get(date) ?? null };
    if (row.restingHr !== null || row.hrvRmssd !== null || row.sleepS !== null) rows.push(row);
  }
  return rows;
}

/** True for the DomainErrors the readers above throw (a malformed entry), as opposed to bugs. */
export function isMalformed(error: unknown): error is DomainError {
  return error instanceof DomainError && error.code === ErrorCode.ValidationFailed;
}
