import { invalid, isRecord } from '../inbound-json';
import type { NormalizedRecovery, NormalizedSession } from '../provider.types';
import { mapSport, Sport } from '../sport';

// WHOOP v2 objects → normalized rows (webhooks.md §7d, §14.2, §14.3). Every field is checked here: a malformed
// object is a coded DomainError naming the field (the worker rejects the event with it), never a TypeError.

/** v2 `sport_name` values (lower-case, as WHOOP spells them). Anything else is 'other'. */
const SPORTS: Record<string, Sport> = {
  running: 'run',
  track_running: 'run',
  treadmill_running: 'run',
  cycling: 'ride',
  mountain_biking: 'ride',
  spin: 'indoor_ride',
  assault_bike: 'indoor_ride',
  swimming: 'swim',
  walking: 'walk',
  'hiking/rucking': 'hike',
  hiking: 'hike',
  weightlifting: 'strength',
  weightlifting_msk: 'strength', // "Strength Trainer" workouts
  powerlifting: 'strength',
  functional_fitness: 'hiit',
  hiit: 'hiit',
  box_fitness: 'hiit',
  rowing: 'row',
  skiing: 'ski',
  cross_country_skiing: 'ski',
  snowboarding: 'ski',
  yoga: 'yoga',
  pilates: 'yoga',
  barre: 'yoga',
  soccer: 'team_sport',
  basketball: 'team_sport',
  volleyball: 'team_sport',
  rugby: 'team_sport',
  football: 'team_sport',
  ice_hockey: 'team_sport',
  field_hockey: 'team_sport',
  lacrosse: 'team_sport',
  baseball: 'team_sport',
  softball: 'team_sport',
  handball: 'team_sport',
  water_polo: 'team_sport',
};

/** v2 `sport_id` values when `sport_name` is missing: only the two the docs show (webhooks.md §7d example). */
const SPORT_IDS: Record<string, Sport> = { '0': 'run', '1': 'ride' };

/**
 * WHOOP logs passive recovery and non-exercise activities as workouts too (the v2 workout endpoint includes
 * "recovery activities"). They are not training load: such a workout is never a session (and an existing one
 * goes, when the athlete re-labels it).
 */
const NOT_TRAINING = new Set([
  'sauna',
  'ice_bath',
  'cold_plunge',
  'meditation',
  'breathwork',
  'air_compression',
  'percussive_massage',
  'massage_therapy',
  'gaming',
  'commuting',
  'parenting',
  'high_stress_work',
  'watching_sports',
]);

export type WhoopWorkoutMapping =
  | {
      kind: 'session';
      session: NormalizedSession;
      /** WHOOP strain (0–21): the platform's own load, kept apart from ours. */
      strain: number | null;
      energyKcal: number | null;
    }
  | { kind: 'not-training'; externalId: string; sportName: string; version: Date | undefined }
  | { kind: 'in-progress'; externalId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MIN_TIME = Date.UTC(1990, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);
const MAX_SESSION_S = 7 * 24 * 3600;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function requireRecord(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) throw invalid(path, 'must be an object');
  return value;
}

function stringField(obj: Record<string, unknown>, field: string, path: string): string {
  const v = obj[field];
  if (typeof v !== 'string' || v.length === 0 || v.length > 200) throw invalid(`${path}.${field}`, 'must be a non-empty string');
  return v;
}

function instantOf(value: unknown, path: string): Date {
  const t = typeof value === 'string' && value.length <= 64 ? Date.parse(value) : NaN;
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

/** A plausible heart rate in bpm (the columns are smallint), else null. */
function bpm(value: number | null): number | null {
  return value !== null && value >= 20 && value <= 250 ? Math.round(value) : null;
}

/** A duration in ms → whole seconds, null when missing, negative or beyond `maxS`. */
function msToS(value: number | null, maxS = MAX_SESSION_S): number | null {
  return value !== null && value >= 0 && value / 1000 <= maxS ? Math.round(value / 1000) : null;
}

/** `timezone_offset` ("+01:00", "-05:30", "Z") → minutes east of UTC; absent means UTC. */
export function offsetMinutes(obj: Record<string, unknown>, path: string): number {
  const v = obj.timezone_offset;
  if (v === undefined || v === null || v === 'Z') return 0;
  const m = typeof v === 'string' ? /^([+-])(\d{2}):?(\d{2})$/.exec(v) : null;
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) throw invalid(`${path}.timezone_offset`, 'must be an offset like +01:00');
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The calendar date at `at` in a zone `offsetMin` minutes east of UTC. */
export function localDateAt(at: Date, offsetMin: number): string {
  return new Date(at.getTime() + offsetMin * 60_000).toISOString().slice(0, 10);
}

export function whoopSport(workout: Record<string, unknown>): Sport {
  const name = typeof workout.sport_name === 'string' ? workout.sport_name.toLowerCase() : null;
  if (name) return mapSport(SPORTS, name);
  return typeof workout.sport_id === 'number' ? mapSport(SPORT_IDS, workout.sport_id) : 'other';
}

function zoneSeconds(score: Record<string, unknown> | null): number[] | null {
  const zones = isRecord(score?.zone_durations) ? score.zone_durations : null;
  if (!zones) return null;
  const seconds = ['zone_one_milli', 'zone_two_milli', 'zone_three_milli', 'zone_four_milli', 'zone_five_milli'].map((k) => msToS(num(zones, k)));
  return seconds.every((s) => s === null) ? null : seconds.map((s) => s ?? 0);
}

/**
 * A v2 workout → session. HR and distance exist only once WHOOP scored it (`score_state` SCORED); an unscored
 * workout is still a session (start, duration, sport) and the `workout.updated` sent after scoring fills it in.
 * The version stamp is `updated_at`, so an older fetch never overwrites a newer one.
 */
export function whoopWorkoutToSession(value: unknown, path = 'workout'): WhoopWorkoutMapping {
  const w = requireRecord(value, path);
  const id = stringField(w, 'id', path);
  const start = instantOf(w.start, `${path}.start`);
  const version = optionalInstant(w, 'updated_at', path);
  if (w.end === undefined || w.end === null) return { kind: 'in-progress', externalId: id };
  const end = instantOf(w.end, `${path}.end`);
  const elapsedS = Math.round((end.getTime() - start.getTime()) / 1000);
  if (elapsedS < 0 || elapsedS > MAX_SESSION_S) throw invalid(`${path}.end`, 'must be after start, within 7 days');
  const sportName = typeof w.sport_name === 'string' ? w.sport_name.toLowerCase() : '';
  if (NOT_TRAINING.has(sportName)) return { kind: 'not-training', externalId: id, sportName, version };

  const scored = w.score_state === 'SCORED' && isRecord(w.score) ? w.score : null;
  const distance = num(scored, 'distance_meter');
  const strain = num(scored, 'strain');
  const kj = num(scored, 'kilojoule');
  return {
    kind: 'session',
    session: {
      externalId: id,
      startTime: start,
      durationS: Math.max(1, elapsedS),
      movingTimeS: null,
      sport: whoopSport(w),
      distanceM: distance !== null && distance >= 0 ? distance : null,
      avgHr: bpm(num(scored, 'average_heart_rate')),
      maxHr: bpm(num(scored, 'max_heart_rate')),
      rpe: null, // WHOOP has no RPE
      // WHOOP zones 1–5 are the five %HRmax bands 50–60 … 90–100 % (zone 0, below 50 %, is left out).
      hrZoneSeconds: zoneSeconds(scored),
      sourceUpdatedAt: version,
    },
    strain: strain !== null && strain >= 0 && strain <= 21 ? strain : null,
    energyKcal: kj !== null && kj >= 0 ? Math.round(kj / 4.184) : null,
  };
}

export interface WhoopSleepFacts {
  id: string;
  cycleId: string | null;
  nap: boolean;
  /** Local calendar date the athlete woke up on: the day this night's recovery belongs to. */
  date: string;
  sleepS: number | null;
}

/** A v2 sleep: its id, cycle, whether it is a nap, the wake-up date and the time asleep (in bed − awake). */
export function whoopSleepFacts(value: unknown, path = 'sleep'): WhoopSleepFacts {
  const s = requireRecord(value, path);
  const id = stringField(s, 'id', path);
  const start = instantOf(s.start, `${path}.start`);
  const end = instantOf(s.end, `${path}.end`);
  if (end < start) throw invalid(`${path}.end`, 'must not be before start');
  const offset = offsetMinutes(s, path);
  const cycle = s.cycle_id;
  const cycleId = typeof cycle === 'number' && Number.isSafeInteger(cycle) ? String(cycle) : typeof cycle === 'string' && /^\d{1,19}$/.test(cycle) ? cycle : null;
  const scored = s.score_state === 'SCORED' && isRecord(s.score) ? s.score : null;
  const stages = isRecord(scored?.stage_summary) ? scored.stage_summary : null;
  const inBed = msToS(num(stages, 'total_in_bed_time_milli'), 2 * 24 * 3600);
  const awake = msToS(num(stages, 'total_awake_time_milli'), 2 * 24 * 3600) ?? 0;
  return {
    id,
    cycleId,
    nap: s.nap === true,
    date: localDateAt(end, offset),
    sleepS: inBed !== null && inBed >= awake ? inBed - awake : null,
  };
}

export interface WhoopRecoveryFacts {
  cycleId: string;
  sleepId: string | null;
  restingHr: number | null;
  hrvRmssd: number | null;
}

/** A v2 recovery: resting HR and HRV rMSSD (ms), present only when SCORED. */
export function whoopRecoveryFacts(value: unknown, path = 'recovery'): WhoopRecoveryFacts {
  const r = requireRecord(value, path);
  const cycle = r.cycle_id;
  if (!((typeof cycle === 'number' && Number.isSafeInteger(cycle)) || (typeof cycle === 'string' && cycle.length > 0 && cycle.length <= 40))) {
    throw invalid(`${path}.cycle_id`, 'must be an id');
  }
  const sleepId = typeof r.sleep_id === 'string' && r.sleep_id.length > 0 && r.sleep_id.length <= 200 ? r.sleep_id : null;
  const score = r.score_state === 'SCORED' && isRecord(r.score) ? r.score : null;
  const hrv = num(score, 'hrv_rmssd_milli');
  return {
    cycleId: String(cycle),
    sleepId,
    restingHr: bpm(num(score, 'resting_heart_rate')),
    hrvRmssd: hrv !== null && hrv > 0 && hrv < 1000 ? hrv : null,
  };
}

/**
 * One night → the day's recovery row (webhooks.md §14.3): resting HR and HRV from the recovery, sleep time from
 * the sleep, dated on the wake-up day. The row is always built from both objects, because a recovery row is
 * replaced as a whole: a sleep-only row would wipe the HRV a recovery-only row wrote, and the other way round.
 * Naps are not the night's sleep: null. Null as well when nothing is scored yet.
 */
export function whoopRecoveryRow(sleep: WhoopSleepFacts, recovery: WhoopRecoveryFacts | null): NormalizedRecovery | null {
  if (sleep.nap) return null;
  const row: NormalizedRecovery = { date: sleep.date, restingHr: recovery?.restingHr ?? null, hrvRmssd: recovery?.hrvRmssd ?? null, sleepS: sleep.sleepS };
  return row.restingHr === null && row.hrvRmssd === null && row.sleepS === null ? null : row;
}
