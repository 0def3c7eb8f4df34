import { invalid, isRecord } from '../inbound-json';
import type { NormalizedRecovery, NormalizedSession } from '../provider.types';
import { mapSport, Sport } from '../sport';

/*
 * Oura API v2 → Loadwatch (webhooks.md §6d, §14.2, §14.3). Every function takes `unknown` and returns a normalized
 * value or throws a 422 DomainError naming the field, never a TypeError.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const MAX_SESSION_S = 7 * 24 * 3600;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** An ISO-8601 date-time with an offset (Oura always sends one) → a Date; a time without a zone is ambiguous. */
export function zonedTime(value: unknown, fieldName: string): Date {
  if (typeof value !== 'string' || value.length > 40 || !ZONED.test(value)) throw invalid(fieldName, 'must be an ISO-8601 date-time with an offset');
  const ms = Date.parse(value);
  // Date.parse rolls 2026-02-30 over into March: the calendar date itself must exist.
  if (Number.isNaN(ms) || !isCalendarDate(value.slice(0, 10))) throw invalid(fieldName, 'must be a real date-time');
  return new Date(ms);
}

function documentId(raw: Record<string, unknown>): string {
  const id = raw.id;
  if (typeof id === 'string' && id.length > 0 && id.length <= 200) return id;
  throw invalid('id', 'must be the document id');
}

function finite(value: unknown, min: number, max: number): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : null;
}

/** Oura `activity` strings (lower snake case; camelCase tolerated) → Loadwatch sports; unknown → 'other'. */
const SPORTS: Record<string, Sport> = {
  running: 'run',
  treadmill_running: 'run',
  trail_running: 'trail_run',
  walking: 'walk',
  hiking: 'hike',
  cycling: 'ride',
  mountain_biking: 'ride',
  indoor_cycling: 'indoor_ride',
  swimming: 'swim',
  rowing: 'row',
  strength_training: 'strength',
  weightlifting: 'strength',
  hiit: 'hiit',
  functional_training: 'hiit',
  circuit_training: 'hiit',
  crossfit: 'hiit',
  jump_rope: 'hiit',
  skiing: 'ski',
  cross_country_skiing: 'ski',
  snowboarding: 'ski',
  yoga: 'yoga',
  pilates: 'yoga',
  stretching: 'yoga',
  soccer: 'team_sport',
  basketball: 'team_sport',
  volleyball: 'team_sport',
  handball: 'team_sport',
  rugby: 'team_sport',
  ice_hockey: 'team_sport',
  field_hockey: 'team_sport',
  american_football: 'team_sport',
  baseball: 'team_sport',
  cricket: 'team_sport',
  lacrosse: 'team_sport',
};

export function ouraSport(activity: unknown): Sport {
  if (typeof activity !== 'string' || activity.length > 100) return 'other';
  const key = activity
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase();
  return mapSport(SPORTS, key);
}

/**
 * GET /v2/usercollection/workout/{id} → a session. Oura workouts carry no heart rate (§6d: it would have to be
 * cut out of the `heartrate` samples) and no RPE (`intensity` easy/moderate/hard has no documented CR-10
 * mapping), so both stay null and the load falls back to the athlete's own RPE or the estimate.
 */
export function ouraWorkoutToSession(raw: unknown, version?: Date): NormalizedSession {
  if (!isRecord(raw)) throw invalid('workout', 'must be an object');
  const externalId = documentId(raw);
  const start = zonedTime(raw.start_datetime, 'start_datetime');
  const end = zonedTime(raw.end_datetime, 'end_datetime');
  const durationS = Math.round((end.getTime() - start.getTime()) / 1000);
  if (durationS <= 0 || durationS > MAX_SESSION_S) throw invalid('end_datetime', 'must be after start_datetime, by at most 7 days');
  return {
    externalId,
    startTime: start,
    durationS,
    movingTimeS: null,
    sport: ouraSport(raw.activity),
    distanceM: finite(raw.distance, 0, 1_000_000),
    avgHr: null,
    maxHr: null,
    rpe: null,
    sourceUpdatedAt: version,
  };
}

/** The `day` of a daily document (daily_readiness, daily_sleep, sleep). */
export function ouraDayOf(raw: unknown, what: string): string {
  if (!isRecord(raw)) throw invalid(what, 'must be an object');
  documentId(raw);
  if (!isCalendarDate(raw.day)) throw invalid('day', 'must be a date (YYYY-MM-DD)');
  return raw.day;
}

interface SleepPeriod {
  day: string;
  type: string;
  totalS: number | null;
  lowestHr: number | null;
  hrv: number | null;
}

function sleepPeriod(raw: unknown): SleepPeriod | null {
  if (!isRecord(raw) || typeof raw.id !== 'string' || !isCalendarDate(raw.day)) return null;
  return {
    day: raw.day,
    type: typeof raw.type === 'string' ? raw.type : 'long_sleep',
    totalS: finite(raw.total_sleep_duration, 0, 86_400),
    lowestHr: finite(raw.lowest_heart_rate, 20, 250),
    hrv: finite(raw.average_hrv, 1, 500),
  };
}

/** Main sleep first: a long sleep, else an unclassified sleep; naps, rest periods and deleted ones never count. */
const RANK: Record<string, number> = { long_sleep: 2, sleep: 1 };

/**
 * A day's sleep periods → its recovery (§14.3): resting HR = the main sleep's `lowest_heart_rate` (method
 * `sleep_lowest`), HRV = its `average_hrv` (RMSSD, ms), sleep = its `total_sleep_duration`. The whole day is
 * derived at once because a recovery upsert replaces the row: a nap arriving later must not overwrite the night.
 * Items that are not sleep periods of `day` are ignored; null when there is no main sleep.
 */
export function ouraRecoveryForDay(day: string, items: unknown[]): NormalizedRecovery | null {
  if (!isCalendarDate(day)) throw invalid('day', 'must be a date (YYYY-MM-DD)');
  const periods = items.map(sleepPeriod).filter((p): p is SleepPeriod => p !== null && p.day === day && (RANK[p.type] ?? 0) > 0);
  if (periods.length === 0) return null;
  const main = periods.reduce((best, p) => {
    const byRank = (RANK[p.type] ?? 0) - (RANK[best.type] ?? 0);
    return byRank > 0 || (byRank === 0 && (p.totalS ?? 0) > (best.totalS ?? 0)) ? p : best;
  });
  if (main.lowestHr === null && main.hrv === null && main.totalS === null) return null;
  return {
    date: day,
    restingHr: main.lowestHr === null ? null : Math.round(main.lowestHr),
    hrvRmssd: main.hrv,
    sleepS: main.totalS === null ? null : Math.round(main.totalS),
  };
}

/** Sleep periods grouped by their day (for the backfill). */
export function sleepDays(items: unknown[]): Map<string, unknown[]> {
  const byDay = new Map<string, unknown[]>();
  for (const item of items) {
    const day = isRecord(item) && isCalendarDate(item.day) ? item.day : null;
    if (!day) continue;
    const list = byDay.get(day);
    if (list) list.push(item);
    else byDay.set(day, [item]);
  }
  return byDay;
}
