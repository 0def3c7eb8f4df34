import { Decoder, Profile, Stream } from '@garmin/fitsdk';
import type { SessionMesg, SetMesg } from '@garmin/fitsdk';
import { DomainError } from '@app/common';
import type { Exercise } from '@app/training-load';
import { invalid } from '../inbound-json';
import type { NormalizedSession } from '../provider.types';
import type { Sport } from '../sport';
import { heartRate, numberIn } from './garmin.fields';
import { DEVICE_VERSION, isLocomotion } from './garmin.mapper';

/** FIT `sport` / `sport:subSport` (the SDK's camelCase strings, Profile.types.sport/subSport) → Loadwatch sports. */
const FIT_SPORTS: Record<string, Sport> = {
  running: 'run',
  'running:trail': 'trail_run',
  cycling: 'ride',
  'cycling:indoorCycling': 'indoor_ride',
  'cycling:spin': 'indoor_ride',
  'cycling:virtualActivity': 'indoor_ride',
  eBiking: 'ride',
  swimming: 'swim',
  walking: 'walk',
  hiking: 'hike',
  mountaineering: 'hike',
  rowing: 'row',
  'fitnessEquipment:indoorRowing': 'row',
  'fitnessEquipment:indoorCycling': 'indoor_ride',
  'fitnessEquipment:treadmill': 'run',
  'fitnessEquipment:strengthTraining': 'strength',
  'fitnessEquipment:cardioTraining': 'hiit',
  'fitnessEquipment:hiit': 'hiit',
  'training:strengthTraining': 'strength',
  'training:cardioTraining': 'hiit',
  'training:hiit': 'hiit',
  'training:yoga': 'yoga',
  'training:pilates': 'yoga',
  'training:flexibilityTraining': 'yoga',
  hiit: 'hiit',
  alpineSkiing: 'ski',
  crossCountrySkiing: 'ski',
  snowboarding: 'ski',
  soccer: 'team_sport',
  basketball: 'team_sport',
  americanFootball: 'team_sport',
  volleyball: 'team_sport',
  teamSport: 'team_sport',
  rugby: 'team_sport',
  hockey: 'team_sport',
  lacrosse: 'team_sport',
  cricket: 'team_sport',
  baseball: 'team_sport',
};

export function fitSport(sport: unknown, subSport: unknown): Sport {
  const s = typeof sport === 'string' ? sport : typeof sport === 'number' ? String(sport) : '';
  const sub = typeof subSport === 'string' ? subSport : '';
  return FIT_SPORTS[`${s}:${sub}`] ?? FIT_SPORTS[s] ?? 'other';
}

export interface FitContext {
  /** The activity's external id (the ping's activityId): the FIT file carries no Garmin Connect id of its own. */
  externalId: string;
  /** Used when the session message has no start time. */
  fallbackStart: Date | null;
  /** For error messages, e.g. `activityFiles[0].file`. */
  path: string;
}

/**
 * A Garmin activity FIT file → one session: sport, start, elapsed and moving time, distance, heart rate, the
 * device-recorded RPE (`workoutRpe`, CR-10 × 10) and, for strength work, the `set` messages as exercises
 * (reps × kg per active set, grouped by exercise name). A file with several sessions (multisport) gives null:
 * its legs reach us as separate activities (see activityToSession), and merging them here would count them twice.
 */
export function fitToSession(bytes: Buffer, ctx: FitContext): NormalizedSession | null {
  const { messages, errors } = decode(bytes, ctx.path);
  const fileType = messages.fileIdMesgs?.[0]?.type;
  if (fileType !== undefined && fileType !== 'activity') throw invalid(`${ctx.path}.fileId.type`, `must be activity (got ${String(fileType)})`);
  const sessions = messages.sessionMesgs ?? [];
  if (sessions.length === 0) {
    throw invalid(`${ctx.path}.session`, errors.length > 0 ? `is missing (decoder: ${String(errors[0]?.message).slice(0, 120)})` : 'is missing');
  }
  if (sessions.length > 1) return null;
  return sessionOf(sessions[0], messages.setMesgs ?? [], ctx);
}

/** The SDK's own checks, with anything it throws turned into a 422 naming the file (never a 500 or a retry loop). */
function decode(bytes: Buffer, path: string): ReturnType<Decoder['read']> {
  let decoder: Decoder;
  try {
    decoder = new Decoder(Stream.fromBuffer(bytes));
    if (!decoder.isFIT()) throw invalid(path, 'is not a FIT file');
    if (!decoder.checkIntegrity()) throw invalid(path, 'failed the FIT integrity check (size or CRC)');
    return decoder.read({ includeUnknownData: false, mergeHeartRates: false });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw invalid(path, `could not be decoded: ${(error as Error)?.message ?? String(error)}`.slice(0, 200));
  }
}

function sessionOf(s: SessionMesg, sets: SetMesg[], ctx: FitContext): NormalizedSession {
  const start = s.startTime instanceof Date && !Number.isNaN(s.startTime.getTime()) ? s.startTime : ctx.fallbackStart;
  if (!start) throw invalid(`${ctx.path}.session.startTime`, 'is missing');
  const elapsed = numberIn(s.totalElapsedTime, 0, 7 * 86_400) ?? numberIn(s.totalTimerTime, 0, 7 * 86_400);
  if (elapsed === null) throw invalid(`${ctx.path}.session.totalElapsedTime`, 'is missing');
  const timer = numberIn(s.totalTimerTime, 0, 7 * 86_400);
  const sport = fitSport(s.sport, s.subSport);
  const moving = isLocomotion(sport) ? (numberIn(s.totalMovingTime, 0, 7 * 86_400) ?? timer) : timer;
  const durationS = Math.max(1, Math.round(elapsed));
  const distance = numberIn(s.totalDistance, 0, 10_000_000);
  const rpe = numberIn(s.workoutRpe, 0, 100);
  const exercises = exercisesOf(sets);
  return {
    externalId: ctx.externalId,
    startTime: start,
    durationS,
    movingTimeS: moving !== null && moving > 0 ? Math.min(Math.round(moving), durationS) : null,
    sport,
    distanceM: distance !== null && distance > 0 ? distance : null,
    avgHr: heartRate(s.avgHeartRate),
    maxHr: heartRate(s.maxHeartRate),
    rpe: rpe === null ? null : rpe / 10,
    exercises: exercises.length > 0 ? exercises : null,
    sourceUpdatedAt: DEVICE_VERSION.file,
  };
}

/** Active `set` messages → exercises in order of first appearance; rest sets carry no work and are skipped. */
export function exercisesOf(sets: SetMesg[]): Exercise[] {
  const byName = new Map<string, Exercise>();
  const ordered = [...sets].sort((a, b) => timeOf(a) - timeOf(b));
  for (const set of ordered) {
    if (set.setType !== 'active') continue;
    const name = exerciseName(set);
    const reps = numberIn(set.repetitions, 0, 10_000);
    const kg = numberIn(set.weight, 0, 2_000);
    let exercise = byName.get(name);
    if (!exercise) byName.set(name, (exercise = { name, sets: [] }));
    exercise.sets.push(kg !== null && kg > 0 ? { reps: Math.round(reps ?? 0), kg } : { reps: Math.round(reps ?? 0) });
  }
  return [...byName.values()];
}

function timeOf(set: SetMesg): number {
  const t = set.startTime ?? set.timestamp;
  return t instanceof Date ? t.getTime() : 0;
}

/**
 * "Barbell Deadlift" from category `deadlift` + subtype 0 (Profile.types.deadliftExerciseName), "Deadlift" when
 * the subtype is unknown, "Unknown exercise" when the watch did not identify the movement.
 */
export function exerciseName(set: SetMesg): string {
  const category = Array.isArray(set.category) ? set.category[0] : undefined;
  if (typeof category !== 'string' || category === 'unknown') return 'Unknown exercise';
  const subtype = Array.isArray(set.categorySubtype) ? set.categorySubtype[0] : undefined;
  const names = Object.prototype.hasOwnProperty.call(Profile.types, `${category}ExerciseName`) ? Profile.types[`${category}ExerciseName`] : undefined;
  const specific = typeof subtype === 'number' && names && Object.prototype.hasOwnProperty.call(names, subtype) ? names[subtype] : undefined;
  return words(specific ?? category);
}

/** camelCase → "Title Case Words" ("barbellBackSquat" → "Barbell Back Squat", "45DegreePlank" → "45 Degree Plank"). */
function words(camel: string): string {
  return camel
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-zA-Z])/g, '$1 $2')
    .split(/[\s_]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}
