/**
 * Polar AccessLink v3 shapes as webhooks.md §5 describes them. Only the fields Loadwatch reads are named; live
 * responses mix snake_case and kebab-case keys and numbers with numeric strings ([POLAR-CODE-3P]), so every read
 * goes through the lenient accessors of polar.mapper.ts instead of trusting these types.
 */

/** The webhook events AccessLink sends (§5c). PING only arrives when the webhook is created. */
export const POLAR_EVENTS = [
  'PING',
  'EXERCISE',
  'SLEEP',
  'CONTINUOUS_HEART_RATE',
  'SLEEP_WISE_CIRCADIAN_BEDTIME',
  'SLEEP_WISE_ALERTNESS',
  'ACTIVITY_SUMMARY',
  'PHYSICAL_INFORMATION',
] as const;

/** The events Loadwatch turns into data: an exercise → a session, a night → daily recovery. */
export type PolarHandledEvent = 'EXERCISE' | 'SLEEP';

/** A notification as stored with its raw event (already validated by `parseDelivery`). */
export interface PolarNotification {
  event: PolarHandledEvent;
  user_id: string;
  /** EXERCISE: the hashed exercise id. */
  entity_id?: string;
  /** SLEEP: the night's date (YYYY-MM-DD). */
  date?: string;
  /** When Polar sent the notification (not when the exercise happened). */
  timestamp?: string;
  /** The resource to fetch with the user's token. */
  url?: string;
}

/** GET /v3/exercises/{id}?zones=true (§5d). */
export interface PolarExercise {
  id: string;
  upload_time?: string;
  device?: string;
  /** Local wall-clock time without an offset. */
  start_time: string;
  /** Minutes east of UTC (UNCONFIRMED unit, but every integration reads it so). */
  start_time_utc_offset?: number;
  /** ISO-8601 duration, e.g. PT49M12S. */
  duration: string;
  calories?: number;
  distance?: number;
  heart_rate?: { average?: number; maximum?: number };
  sport?: string;
  detailed_sport_info?: string;
  training_load?: number;
  heart_rate_zones?: { index: number; 'lower-limit': number; 'upper-limit': number; 'in-zone': string }[];
  training_load_pro?: { 'cardio-load'?: number; 'muscle-load'?: number; 'perceived-load'?: number; 'user-rpe'?: string };
}

/** GET /v3/users/sleep/{date} (fields from [OW-3P] `sleep_import.py`; durations in seconds). */
export interface PolarSleep {
  date: string;
  sleep_start_time?: string;
  sleep_end_time?: string;
  light_sleep?: number;
  deep_sleep?: number;
  rem_sleep?: number;
  unrecognized_sleep_stage?: number;
  total_interruption_duration?: number;
}

/** GET /v3/users/nightly-recharge/{date} (path UNCONFIRMED; fields from [OW-3P] `nightly_recharge.py`). */
export interface PolarNightlyRecharge {
  date: string;
  heart_rate_avg?: number;
  beat_to_beat_avg?: number;
  /** RMSSD, ms. */
  heart_rate_variability_avg?: number;
  nightly_recharge_status?: number;
  ans_charge?: number;
}

/** One HR zone of an exercise, whichever of the two published shapes it came in. */
export interface PolarHrZone {
  index: number;
  lowerBpm: number | null;
  upperBpm: number | null;
  seconds: number;
}
