import { invalid } from '../inbound-json';
import type { NormalizedRecovery, NormalizedSession } from '../provider.types';
import { mapSport, Sport } from '../sport';
import {
  calendarDateOf,
  heartRate,
  numberIn,
  optionalId,
  optionalText,
  requireEpochSeconds,
  requireObject,
  requireSeconds,
  requireText,
} from './garmin.fields';

/** activityType values of Activity API Appendix A (v1.2.3) → Loadwatch sports; unlisted types become 'other'. */
const ACTIVITY_SPORTS: Record<string, Sport> = {
  RUNNING: 'run',
  INDOOR_RUNNING: 'run',
  OBSTACLE_RUN: 'run',
  STREET_RUNNING: 'run',
  TRACK_RUNNING: 'run',
  TREADMILL_RUNNING: 'run',
  ULTRA_RUN: 'run',
  VIRTUAL_RUN: 'run',
  TRAIL_RUNNING: 'trail_run',
  CYCLING: 'ride',
  BMX: 'ride',
  CYCLOCROSS: 'ride',
  DOWNHILL_BIKING: 'ride',
  E_BIKE_FITNESS: 'ride',
  E_BIKE_MOUNTAIN: 'ride',
  E_ENDURO_MTB: 'ride',
  ENDURO_MTB: 'ride',
  GRAVEL_CYCLING: 'ride',
  MOUNTAIN_BIKING: 'ride',
  RECUMBENT_CYCLING: 'ride',
  ROAD_BIKING: 'ride',
  TRACK_CYCLING: 'ride',
  HANDCYCLING: 'ride',
  INDOOR_CYCLING: 'indoor_ride',
  VIRTUAL_RIDE: 'indoor_ride',
  INDOOR_HANDCYCLING: 'indoor_ride',
  SWIMMING: 'swim',
  LAP_SWIMMING: 'swim',
  OPEN_WATER_SWIMMING: 'swim',
  WALKING: 'walk',
  CASUAL_WALKING: 'walk',
  SPEED_WALKING: 'walk',
  HIKING: 'hike',
  RUCKING: 'hike',
  MOUNTAINEERING: 'hike',
  STRENGTH_TRAINING: 'strength',
  HIIT: 'hiit',
  INDOOR_CARDIO: 'hiit',
  INDOOR_ROWING: 'row',
  ROWING: 'row',
  ROWING_V2: 'row',
  YOGA: 'yoga',
  PILATES: 'yoga',
  BACKCOUNTRY_SKIING: 'ski',
  BACKCOUNTRY_SNOWBOARDING: 'ski',
  CROSS_COUNTRY_SKIING_WS: 'ski',
  RESORT_SKIING: 'ski',
  SNOWBOARDING_WS: 'ski',
  RESORT_SKIING_SNOWBOARDING_WS: 'ski',
  SKATE_SKIING_WS: 'ski',
  TEAM_SPORTS: 'team_sport',
  AMERICAN_FOOTBALL: 'team_sport',
  BASEBALL: 'team_sport',
  BASKETBALL: 'team_sport',
  CRICKET: 'team_sport',
  FIELD_HOCKEY: 'team_sport',
  ICE_HOCKEY: 'team_sport',
  LACROSSE: 'team_sport',
  RUGBY: 'team_sport',
  SOCCER: 'team_sport',
  SOFTBALL: 'team_sport',
  ULTIMATE_DISC: 'team_sport',
  VOLLEYBALL: 'team_sport',
};

export function garminSport(activityType: unknown): Sport {
  return typeof activityType === 'string' ? mapSport(ACTIVITY_SPORTS, activityType.toUpperCase()) : 'other';
}

/** Sports where "moving time" (above a speed threshold) means something; elsewhere the timer time is the work. */
const LOCOMOTION: ReadonlySet<Sport> = new Set<Sport>(['run', 'trail_run', 'ride', 'indoor_ride', 'swim', 'walk', 'hike', 'row', 'ski']);

export function isLocomotion(sport: Sport): boolean {
  return LOCOMOTION.has(sport);
}

/**
 * Which Garmin record of an activity wins. One activity reaches us up to four times under one external id: the
 * summary (activities), the details (summary + samples), the FIT file (everything, plus RPE and strength sets) and,
 * after an edit on Garmin Connect, a manually updated summary. The session store keeps the row with the highest
 * `sourceUpdatedAt` (ties: the later write wins), so device records carry a fixed rank as their version — richer
 * beats poorer whatever order the queue delivers them in — and a manual edit carries no version of its own: the
 * store stamps it with the time it was received, which outranks every device rank and orders successive edits.
 * The ranks are deliberately tiny instants (1970), never compared with anything but other Garmin versions of the
 * same (provider, externalId).
 */
export const DEVICE_VERSION = {
  summary: new Date(1_000),
  details: new Date(2_000),
  file: new Date(3_000),
} as const;

/**
 * The id all records of one activity share: Garmin's `activityId` (summary, details and file carry it), else the
 * summaryId without the "-detail" / "-file" suffix (in Garmin's examples the summary's summaryId is the activityId).
 */
export function activityExternalId(item: Record<string, unknown>, path: string): string {
  const id = optionalId(item, 'activityId');
  if (id) return id;
  const summaryId = optionalId(item, 'summaryId');
  if (!summaryId) throw invalid(`${path}.activityId`, 'or summaryId must identify the activity');
  return summaryId.replace(/-(detail|file)$/, '');
}

export type ActivityRecordKind = 'summary' | 'manual';

/**
 * An activities / manuallyUpdatedActivities item → a session. Multisport parents (`isParent`) give null: their
 * children arrive as activities of their own, and counting both would count the load twice.
 */
export function activityToSession(value: unknown, kind: ActivityRecordKind, path: string): NormalizedSession | null {
  const a = requireObject(value, path);
  if (a.isParent === true) return null;
  return {
    ...summaryFields(a, path),
    externalId: activityExternalId(a, path),
    movingTimeS: null,
    rpe: null,
    exercises: null,
    sourceUpdatedAt: kind === 'manual' ? undefined : DEVICE_VERSION.summary,
  };
}

/**
 * An activityDetails item → a session: the embedded summary, plus what only the samples know — the moving time
 * (timer time for non-locomotion sports, where "moving" is meaningless) and, when the summary lacks them, the
 * average and maximum heart rate.
 */
export function activityDetailsToSession(value: unknown, path: string): NormalizedSession | null {
  const d = requireObject(value, path);
  const summary = requireObject(d.summary, `${path}.summary`);
  if (summary.isParent === true) return null;
  const base = summaryFields(summary, `${path}.summary`);
  const samples = Array.isArray(d.samples) ? d.samples : [];
  const stats = sampleStats(samples);
  const moving = isLocomotion(base.sport) ? (stats.movingS ?? stats.timerS) : stats.timerS;
  return {
    ...base,
    externalId: activityExternalId({ ...summary, ...d }, path),
    movingTimeS: moving !== null && moving > 0 ? Math.min(Math.round(moving), base.durationS) : null,
    avgHr: base.avgHr ?? stats.avgHr,
    maxHr: base.maxHr ?? stats.maxHr,
    rpe: null,
    exercises: null,
    sourceUpdatedAt: DEVICE_VERSION.details,
  };
}

interface SummaryFields {
  startTime: Date;
  durationS: number;
  sport: Sport;
  distanceM: number | null;
  avgHr: number | null;
  maxHr: number | null;
}

function summaryFields(a: Record<string, unknown>, path: string): SummaryFields {
  const start = requireEpochSeconds(a, 'startTimeInSeconds', path);
  const duration = requireSeconds(a, 'durationInSeconds', path);
  if (a.activityType !== undefined) requireText(a, 'activityType', path, 100);
  const distance = numberIn(a.distanceInMeters, 0, 10_000_000);
  return {
    startTime: new Date(start * 1000),
    durationS: Math.max(1, Math.round(duration)),
    sport: garminSport(optionalText(a, 'activityType', 100)),
    distanceM: distance !== null && distance > 0 ? distance : null,
    avgHr: heartRate(a.averageHeartRateInBeatsPerMinute),
    maxHr: heartRate(a.maxHeartRateInBeatsPerMinute),
  };
}

interface SampleStats {
  avgHr: number | null;
  maxHr: number | null;
  movingS: number | null;
  timerS: number | null;
}

/** Heart-rate mean and max over the samples that carry one; the moving and timer time of the last sample. */
export function sampleStats(samples: unknown[]): SampleStats {
  let sum = 0;
  let n = 0;
  let max: number | null = null;
  let movingS: number | null = null;
  let timerS: number | null = null;
  for (const s of samples) {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) continue;
    const sample = s as Record<string, unknown>;
    const hr = heartRate(sample.heartRate);
    if (hr !== null) {
      sum += hr;
      n++;
      max = max === null ? hr : Math.max(max, hr);
    }
    // Durations are cumulative: the largest is the activity's total.
    const moving = numberIn(sample.movingDurationInSeconds, 0, 7 * 86_400);
    if (moving !== null) movingS = movingS === null ? moving : Math.max(movingS, moving);
    const timer = numberIn(sample.timerDurationInSeconds, 0, 7 * 86_400);
    if (timer !== null) timerS = timerS === null ? timer : Math.max(timerS, timer);
  }
  return { avgHr: n > 0 ? Math.round(sum / n) : null, maxHr: max, movingS, timerS };
}

/** dailies → the day's resting heart rate (null when the item has none yet, e.g. an early-morning partial day). */
export function dailyToRecovery(value: unknown, path: string): NormalizedRecovery | null {
  const d = requireObject(value, path);
  const date = calendarDateOf(d, path);
  const restingHr = heartRate(d.restingHeartRateInBeatsPerMinute);
  return restingHr === null ? null : { date, restingHr };
}

/** sleeps → asleep seconds (`durationInSeconds` excludes awake time) on the wake-up day Garmin files it under. */
export function sleepToRecovery(value: unknown, path: string): NormalizedRecovery | null {
  const s = requireObject(value, path);
  const date = calendarDateOf(s, path);
  const asleep = numberIn(s.durationInSeconds, 0, 86_400);
  return asleep === null ? null : { date, sleepS: Math.round(asleep) };
}

/** hrv → the nightly RMSSD average (`lastNightAvg`, ms). */
export function hrvToRecovery(value: unknown, path: string): NormalizedRecovery | null {
  const h = requireObject(value, path);
  const date = calendarDateOf(h, path);
  const rmssd = numberIn(h.lastNightAvg, 1, 500);
  return rmssd === null ? null : { date, hrvRmssd: rmssd };
}
