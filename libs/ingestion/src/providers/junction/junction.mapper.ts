import { invalid, isRecord } from '../inbound-json';
import type { NormalizedRecovery, NormalizedSession } from '../provider.types';
import { mapSport, Sport } from '../sport';

// Junction (ex-Vital) summary objects → our rows (webhooks.md §10c, vital-node ClientFacingWorkout / ClientFacingSleep).
// Every field is checked here: a malformed object is a coded DomainError naming it (e.g. "data.time_end").

/** `sport.slug` (UNCONFIRMED list: Junction documents the field, not its values). Anything else is 'other'. */
const SPORTS: Record<string, Sport> = {
  running: 'run',
  treadmill_running: 'run',
  indoor_running: 'run',
  trail_running: 'trail_run',
  cycling: 'ride',
  road_cycling: 'ride',
  road_biking: 'ride',
  mountain_biking: 'ride',
  gravel_cycling: 'ride',
  indoor_cycling: 'indoor_ride',
  virtual_ride: 'indoor_ride',
  spinning: 'indoor_ride',
  swimming: 'swim',
  pool_swimming: 'swim',
  open_water_swimming: 'swim',
  walking: 'walk',
  hiking: 'hike',
  strength_training: 'strength',
  weight_training: 'strength',
  weightlifting: 'strength',
  functional_strength_training: 'strength',
  traditional_strength_training: 'strength',
  hiit: 'hiit',
  high_intensity_interval_training: 'hiit',
  crossfit: 'hiit',
  rowing: 'row',
  indoor_rowing: 'row',
  skiing: 'ski',
  alpine_skiing: 'ski',
  cross_country_skiing: 'ski',
  backcountry_skiing: 'ski',
  snowboarding: 'ski',
  yoga: 'yoga',
  pilates: 'yoga',
  soccer: 'team_sport',
  football: 'team_sport',
  basketball: 'team_sport',
  volleyball: 'team_sport',
  rugby: 'team_sport',
  hockey: 'team_sport',
  ice_hockey: 'team_sport',
  handball: 'team_sport',
};

/** Sleep types that are not the night (`long_sleep`, `unknown`): they never become the day's recovery row. */
const NOT_THE_NIGHT = new Set(['short_sleep', 'acknowledged_nap']);

const MIN_TIME = Date.UTC(1990, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);
const MAX_SESSION_S = 7 * 24 * 3600;
const MAX_SLEEP_S = 2 * 24 * 3600;
const TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

function requireRecord(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) throw invalid(path, 'must be an object');
  return value;
}

function idOf(obj: Record<string, unknown>, path: string): string {
  const v = obj.id;
  if (typeof v !== 'string' || v.length === 0 || v.length > 200) throw invalid(`${path}.id`, 'must be a non-empty string');
  return v;
}

/** ISO-8601; a time without an offset is read as UTC (never as this server's zone). */
function instantOf(value: unknown, path: string): Date {
  const m = typeof value === 'string' && value.length <= 64 ? TIME.exec(value) : null;
  const offset = m?.[1];
  const iso = !m ? '' : !offset ? `${value as string}Z` : /^[+-]\d{4}$/.test(offset) ? `${(value as string).slice(0, -5)}${offset.slice(0, 3)}:${offset.slice(3)}` : (value as string);
  const t = Date.parse(iso.replace(' ', 'T'));
  if (!Number.isFinite(t) || t < MIN_TIME || t > MAX_TIME) throw invalid(path, 'must be an ISO-8601 date-time');
  return new Date(t);
}

function optionalInstant(obj: Record<string, unknown>, field: string, path: string): Date | undefined {
  return obj[field] === undefined || obj[field] === null ? undefined : instantOf(obj[field], `${path}.${field}`);
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

function watts(value: number | null): number | null {
  return value !== null && value > 0 && value <= 3000 ? value : null;
}

function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) && t >= MIN_TIME && t <= MAX_TIME && new Date(t).toISOString().slice(0, 10) === value;
}

export function junctionSport(workout: Record<string, unknown>): Sport {
  const sport = workout.sport;
  const slug = isRecord(sport) && typeof sport.slug === 'string' ? sport.slug.toLowerCase() : null;
  return slug ? mapSport(SPORTS, slug) : 'other';
}

export interface JunctionWorkoutMapping {
  session: NormalizedSession;
  energyKcal: number | null;
  /** The wearable the workout came through (`source.slug`): Junction does not merge sources. */
  source: string | null;
}

/**
 * A workout summary → session (webhooks.md §14.2, Junction column). The version stamp is `updated_at` (else
 * `created_at`, else the delivery's time): the latest version replaces, an older one never overwrites it.
 */
export function junctionWorkoutToSession(value: unknown, deliveredAt?: Date, path = 'data'): JunctionWorkoutMapping {
  const w = requireRecord(value, path);
  const id = idOf(w, path);
  const start = instantOf(w.time_start, `${path}.time_start`);
  const end = instantOf(w.time_end, `${path}.time_end`);
  const elapsedS = Math.round((end.getTime() - start.getTime()) / 1000);
  if (elapsedS < 0 || elapsedS > MAX_SESSION_S) throw invalid(`${path}.time_end`, 'must be after time_start, within 7 days');
  const version = optionalInstant(w, 'updated_at', path) ?? optionalInstant(w, 'created_at', path) ?? deliveredAt;
  const distance = num(w, 'distance');
  const kcal = num(w, 'calories');
  const zones = Array.isArray(w.hr_zones) && w.hr_zones.length === 6 ? w.hr_zones.slice(1).map((z: unknown) => (typeof z === 'number' ? seconds(z, MAX_SESSION_S) : null)) : null;
  const source = isRecord(w.source) && typeof w.source.slug === 'string' ? w.source.slug.slice(0, 60) : null;
  return {
    session: {
      externalId: id,
      startTime: start,
      durationS: Math.max(1, elapsedS),
      movingTimeS: seconds(num(w, 'moving_time'), MAX_SESSION_S),
      sport: junctionSport(w),
      distanceM: distance !== null && distance >= 0 ? distance : null,
      avgHr: bpm(num(w, 'average_hr')),
      maxHr: bpm(num(w, 'max_hr')),
      rpe: null, // Junction's workout summary has no RPE
      // `hr_zones` bands 2–6 (50–60 … 90 %+ HRmax) are the five %HRmax zones; the first (< 50 %) is left out.
      hrZoneSeconds: zones?.every((z): z is number => z !== null) ? zones : null,
      avgPower: watts(num(w, 'average_watts')),
      // Junction's (Strava-style) weighted average power is its normalized power.
      normalizedPower: watts(num(w, 'weighted_average_watts')),
      sourceUpdatedAt: version,
    },
    energyKcal: kcal !== null && kcal >= 0 ? Math.round(kcal) : null,
    source,
  };
}

export interface JunctionSleepMapping {
  id: string;
  /** A nap or short sleep: not the night, no recovery row. */
  nap: boolean;
  recovery: NormalizedRecovery | null;
}

/**
 * A sleep summary → the day's recovery row (webhooks.md §14.3, Junction column): `calendar_date`, resting HR
 * (`hr_resting`, else the night's lowest HR `hr_lowest`), HRV (`average_hrv`, rMSSD) and time asleep (`total`).
 */
export function junctionSleepToRecovery(value: unknown, path = 'data'): JunctionSleepMapping {
  const s = requireRecord(value, path);
  const id = idOf(s, path);
  const stop = optionalInstant(s, 'bedtime_stop', path);
  optionalInstant(s, 'bedtime_start', path);
  let date: string;
  if (s.calendar_date !== undefined && s.calendar_date !== null) {
    if (!isCalendarDate(s.calendar_date)) throw invalid(`${path}.calendar_date`, 'must be a date YYYY-MM-DD');
    date = s.calendar_date;
  } else if (stop) {
    // `timezone_offset` is in seconds east of UTC.
    const offset = num(s, 'timezone_offset');
    date = new Date(stop.getTime() + (offset !== null && Math.abs(offset) <= 14 * 3600 ? offset * 1000 : 0)).toISOString().slice(0, 10);
  } else {
    throw invalid(`${path}.calendar_date`, 'must be a date YYYY-MM-DD (or bedtime_stop given)');
  }
  if (typeof s.type === 'string' && NOT_THE_NIGHT.has(s.type)) return { id, nap: true, recovery: null };
  const hrv = num(s, 'average_hrv');
  const recovery: NormalizedRecovery = {
    date,
    restingHr: bpm(num(s, 'hr_resting')) ?? bpm(num(s, 'hr_lowest')),
    hrvRmssd: hrv !== null && hrv > 0 && hrv < 1000 ? hrv : null,
    sleepS: seconds(num(s, 'total'), MAX_SLEEP_S),
  };
  const empty = recovery.restingHr === null && recovery.hrvRmssd === null && recovery.sleepS === null;
  return { id, nap: false, recovery: empty ? null : recovery };
}
