import { invalid, isRecord } from '../inbound-json';
import type { NormalizedRecovery, NormalizedSession } from '../provider.types';
import { mapSport, Sport } from '../sport';
import type { PolarHrZone } from './polar.types';

/*
 * Polar AccessLink → Loadwatch (webhooks.md §5d, §14.2, §14.3). Every function takes `unknown` and either returns
 * a normalized value or throws a 422 DomainError naming the field: a malformed platform object must reject its
 * event, never crash the worker with a TypeError.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NAIVE_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?$/;
const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const MAX_SESSION_S = 7 * 24 * 3600;

/** Reads a field under its snake_case or kebab-case name (live AccessLink responses mix both). */
export function field(obj: Record<string, unknown>, name: string): unknown {
  const snake = obj[name];
  return snake !== undefined && snake !== null ? snake : obj[name.replace(/_/g, '-')];
}

/** A finite number, also from a numeric string (AccessLink sometimes sends numbers as strings); else null. */
export function lenientNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/** `value` when it lies in [min, max], else null: an out-of-range reading is dropped, not stored. */
function inRange(value: number | null, min: number, max: number): number | null {
  return value !== null && value >= min && value <= max ? value : null;
}

/** True when `value` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** ISO-8601 duration (PT49M12S, PT1H0M0S, P1DT2H, PT12.5S) → seconds, or null when it is not one. */
export function parseIsoDuration(value: unknown): number | null {
  if (typeof value !== 'string' || value.length > 64) return null;
  const m = ISO_DURATION.exec(value.trim());
  if (!m || value.trim() === 'P' || value.trim().endsWith('T')) return null;
  const [d, h, min, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const total = d * 86400 + h * 3600 + min * 60 + s;
  return Number.isFinite(total) ? total : null;
}

/**
 * The start instant of an exercise. `start_time` is local wall-clock time without an offset and
 * `start_time_utc_offset` that zone's offset in minutes, so UTC = local − offset (§14.2). A start time that
 * carries its own zone (seen in some live responses) is taken as it is.
 */
export function polarStartTime(exercise: Record<string, unknown>): Date {
  const raw = field(exercise, 'start_time');
  if (typeof raw !== 'string' || raw.length > 40) throw invalid('start_time', 'must be an ISO-8601 local date-time');
  const local = NAIVE_LOCAL.exec(raw);
  if (!local) {
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(raw) ? Date.parse(raw) : Number.NaN;
    if (Number.isNaN(zoned)) throw invalid('start_time', 'must be an ISO-8601 local date-time');
    return new Date(zoned);
  }
  const offset = lenientNumber(field(exercise, 'start_time_utc_offset'));
  if (offset === null || !Number.isInteger(offset) || Math.abs(offset) > 18 * 60) {
    throw invalid('start_time_utc_offset', 'must be the offset from UTC in whole minutes');
  }
  const [y, mo, d, h, mi, s] = local.slice(1, 7).map(Number);
  const wall = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 2026-02-30 over into March: a wall time that does not read back the same is not a real one.
  if (y < 2000 || wall.getUTCMonth() !== mo - 1 || wall.getUTCDate() !== d || wall.getUTCHours() !== h || wall.getUTCMinutes() !== mi || wall.getUTCSeconds() !== s) {
    throw invalid('start_time', 'must be a real date-time');
  }
  const ms = local[7] ? Math.round(Number(`0${local[7]}`) * 1000) : 0;
  return new Date(wall.getTime() + ms - offset * 60_000);
}

/** Polar sport codes (`detailed_sport_info` first, then `sport`) → Loadwatch sports; unknown codes → 'other'. */
const SPORTS: Record<string, Sport> = {
  RUNNING: 'run',
  RUNNING_ROAD: 'run',
  ROAD_RUNNING: 'run',
  RUNNING_TREADMILL: 'run',
  TREADMILL_RUNNING: 'run',
  RUNNING_TRAIL: 'trail_run',
  TRAIL_RUNNING: 'trail_run',
  CYCLING: 'ride',
  CYCLING_ROAD: 'ride',
  ROAD_BIKING: 'ride',
  CYCLING_MOUNTAIN: 'ride',
  CYCLING_MOUNTAIN_BIKE: 'ride',
  MOUNTAIN_BIKING: 'ride',
  CYCLING_CYCLOCROSS: 'ride',
  CYCLING_INDOOR: 'indoor_ride',
  INDOOR_CYCLING: 'indoor_ride',
  SWIMMING: 'swim',
  SWIMMING_POOL: 'swim',
  POOL_SWIMMING: 'swim',
  SWIMMING_OPEN_WATER: 'swim',
  OPEN_WATER_SWIMMING: 'swim',
  AQUATICS_SWIMMING: 'swim',
  WALKING: 'walk',
  WALKING_NORDIC: 'walk',
  NORDIC_WALKING: 'walk',
  HIKING: 'hike',
  MOUNTAINEERING: 'hike',
  STRENGTH_TRAINING: 'strength',
  HIIT: 'hiit',
  CIRCUIT_TRAINING: 'hiit',
  CROSSFIT: 'hiit',
  FITNESS_CARDIO: 'hiit',
  ROWING: 'row',
  INDOOR_ROWING: 'row',
  FITNESS_INDOOR_ROWING: 'row',
  WATERSPORTS_ROWING: 'row',
  CROSS_COUNTRY_SKIING: 'ski',
  WINTERSPORTS_CROSS_COUNTRY_SKIING: 'ski',
  DOWNHILL_SKIING: 'ski',
  WINTERSPORTS_ALPINE_SKIING: 'ski',
  WINTERSPORTS_DOWNHILL_SKIING: 'ski',
  WINTERSPORTS_BACKCOUNTRY_SKIING: 'ski',
  YOGA: 'yoga',
  FITNESS_YOGA: 'yoga',
  PILATES: 'yoga',
  FITNESS_PILATES: 'yoga',
  SOCCER: 'team_sport',
  FOOTBALL: 'team_sport',
  BASKETBALL: 'team_sport',
  VOLLEYBALL: 'team_sport',
  HANDBALL: 'team_sport',
  FLOORBALL: 'team_sport',
};

export function polarSport(exercise: Record<string, unknown>): Sport {
  const detailed = field(exercise, 'detailed_sport_info');
  const sport = field(exercise, 'sport');
  const fromDetailed = typeof detailed === 'string' ? mapSport(SPORTS, detailed.toUpperCase()) : 'other';
  if (fromDetailed !== 'other') return fromDetailed;
  if (typeof detailed === 'string' && detailed.toUpperCase().startsWith('TEAMSPORTS_')) return 'team_sport';
  return typeof sport === 'string' ? mapSport(SPORTS, sport.toUpperCase()) : 'other';
}

/** A plausible heart rate in bpm, rounded; anything else is null (the session keeps its other fields). */
function heartRate(value: unknown): number | null {
  const n = inRange(lenientNumber(value), 20, 250);
  return n === null ? null : Math.round(n);
}

/**
 * GET /v3/exercises/{id} → a session. `rpe` stays null on purpose: `training_load_pro.user-rpe` is an enum string
 * whose values and CR-10 mapping no source confirms (webhooks.md §14.1 "build the mapping table only after seeing
 * real values"); the athlete's own RPE report fills it instead.
 */
export function polarExerciseToSession(raw: unknown, version?: Date): NormalizedSession {
  if (!isRecord(raw)) throw invalid('exercise', 'must be an object');
  const id = raw.id;
  if (!((typeof id === 'string' && id.length > 0 && id.length <= 200) || (typeof id === 'number' && Number.isSafeInteger(id)))) {
    throw invalid('id', 'must be the exercise id');
  }
  const startTime = polarStartTime(raw);
  const duration = parseIsoDuration(field(raw, 'duration'));
  if (duration === null || duration <= 0 || duration > MAX_SESSION_S) throw invalid('duration', 'must be a positive ISO-8601 duration of at most 7 days');
  const hr = field(raw, 'heart_rate');
  const distance = inRange(lenientNumber(field(raw, 'distance')), 0, 1_000_000);
  const uploaded = field(raw, 'upload_time');
  const uploadedAt = typeof uploaded === 'string' ? Date.parse(uploaded) : Number.NaN;
  return {
    externalId: String(id),
    startTime,
    durationS: Math.max(1, Math.round(duration)),
    movingTimeS: null,
    sport: polarSport(raw),
    distanceM: distance,
    avgHr: isRecord(hr) ? heartRate(hr.average) : null,
    maxHr: isRecord(hr) ? heartRate(hr.maximum) : null,
    rpe: null,
    // Exercises are immutable once uploaded: the upload time is their version (the same for webhook and backfill).
    sourceUpdatedAt: version ?? (Number.isNaN(uploadedAt) ? undefined : new Date(uploadedAt)),
  };
}

/**
 * The exercise's HR zones, in either published shape: the AccessLink array `heart_rate_zones[] {index,
 * lower-limit, upper-limit, in-zone}` (§5d) or the keyed `{zone_1: {lower_limit, upper_limit, in_zone}}` seen in
 * [OW-3P]. Malformed zones are skipped: they are an extra, never a reason to lose the session.
 */
export function polarHrZones(raw: unknown): PolarHrZone[] {
  if (!isRecord(raw)) return [];
  const zones = field(raw, 'heart_rate_zones');
  const entries: [number, unknown][] = Array.isArray(zones)
    ? zones.map((z, i) => [isRecord(z) ? (lenientNumber(z.index) ?? i) : i, z])
    : isRecord(zones)
      ? Object.entries(zones).map(([k, z]) => [Number(/(\d+)$/.exec(k)?.[1] ?? Number.NaN), z])
      : isRecord(raw.zone_1)
        ? Object.entries(raw)
            .filter(([k]) => /^zone_\d+$/.test(k))
            .map(([k, z]) => [Number(k.slice(5)), z])
        : [];
  const out: PolarHrZone[] = [];
  for (const [index, z] of entries) {
    if (!isRecord(z) || !Number.isInteger(index)) continue;
    const seconds = parseIsoDuration(field(z, 'in_zone'));
    if (seconds === null) continue;
    out.push({ index, lowerBpm: heartRate(field(z, 'lower_limit')), upperBpm: heartRate(field(z, 'upper_limit')), seconds });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Seconds asleep in a Polar night: the stages, else bed time minus interruptions; null when neither is there. */
function sleepSeconds(sleep: Record<string, unknown>): number | null {
  const stages = ['light_sleep', 'deep_sleep', 'rem_sleep', 'unrecognized_sleep_stage'].map((k) => inRange(lenientNumber(field(sleep, k)), 0, 86_400));
  if (stages.slice(0, 3).some((s) => s !== null)) {
    const total = stages.reduce<number>((sum, s) => sum + (s ?? 0), 0);
    return total > 0 && total <= 86_400 ? Math.round(total) : null;
  }
  const startRaw = field(sleep, 'sleep_start_time');
  const endRaw = field(sleep, 'sleep_end_time');
  const start = typeof startRaw === 'string' ? Date.parse(startRaw) : Number.NaN;
  const end = typeof endRaw === 'string' ? Date.parse(endRaw) : Number.NaN;
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return null;
  const interruptions = inRange(lenientNumber(field(sleep, 'total_interruption_duration')), 0, 86_400) ?? 0;
  const asleep = (end - start) / 1000 - interruptions;
  return asleep > 0 && asleep <= 86_400 ? Math.round(asleep) : null;
}

/** Checks that a night's object (sleep or nightly recharge) is an object about `date`. */
function nightOf(raw: unknown, what: string, date: string): Record<string, unknown> | null {
  if (raw === null || raw === undefined) return null;
  if (!isRecord(raw)) throw invalid(what, 'must be an object');
  const own = field(raw, 'date');
  if (own !== undefined && own !== null && own !== date) throw invalid(`${what}.date`, `must be ${date}`);
  return raw;
}

/**
 * One night → daily recovery (§14.3): resting HR approximated by the Nightly Recharge average HR (method
 * `sleep_average`: Polar publishes no resting HR), HRV = Nightly Recharge `heart_rate_variability_avg` (RMSSD, ms),
 * sleep = the sleep stages. Both sources are combined into one row because a recovery upsert replaces the whole
 * day; null when neither says anything.
 */
export function polarRecovery(date: string, sleepRaw: unknown, rechargeRaw: unknown): NormalizedRecovery | null {
  if (!isCalendarDate(date)) throw invalid('date', 'must be a date (YYYY-MM-DD)');
  const sleep = nightOf(sleepRaw, 'sleep', date);
  const recharge = nightOf(rechargeRaw, 'nightly_recharge', date);
  const restingHr = recharge ? heartRate(field(recharge, 'heart_rate_avg')) : null;
  const hrv = recharge ? inRange(lenientNumber(field(recharge, 'heart_rate_variability_avg')), 1, 500) : null;
  const sleepS = sleep ? sleepSeconds(sleep) : null;
  if (restingHr === null && hrv === null && sleepS === null) return null;
  return { date, restingHr, hrvRmssd: hrv, sleepS };
}

/** The date a listed night belongs to, or null when the item carries none. */
export function nightDate(raw: unknown): string | null {
  if (!isRecord(raw)) return null;
  const date = field(raw, 'date');
  return isCalendarDate(date) ? date : null;
}
