/** WHOOP webhook and REST shapes (webhooks.md §7; v2 model: UUID ids for workouts and sleeps, integer cycle ids). */

export const WHOOP_EVENT_TYPES = ['workout.updated', 'workout.deleted', 'sleep.updated', 'sleep.deleted', 'recovery.updated', 'recovery.deleted'] as const;
export type WhoopEventType = (typeof WHOOP_EVENT_TYPES)[number];

/** What a stored WHOOP event carries to the worker (the delivery minus the user id, which is the connection). */
export interface WhoopEventPayload {
  type: WhoopEventType;
  /** A v2 UUID (workout, sleep; recovery = its sleep) or an integer (v1 model; for recovery the cycle id). */
  id: string;
  traceId: string | null;
  /** X-WHOOP-Signature-Timestamp (WHOOP's clock, like `updated_at`): the moment a confirmed delete happened by. */
  signedAt: string | null;
}

/** `score.zone_durations`: ms in zone 0 (< 50 % HRmax) … zone 5 (90–100 % HRmax). */
export interface WhoopZoneDurations {
  zone_zero_milli?: number;
  zone_one_milli?: number;
  zone_two_milli?: number;
  zone_three_milli?: number;
  zone_four_milli?: number;
  zone_five_milli?: number;
}

/** GET /v2/activity/workout/{id} (score present only when score_state is SCORED). */
export interface WhoopWorkout {
  id: string;
  user_id?: number;
  created_at?: string;
  updated_at?: string;
  start: string;
  /** Absent while the workout is still in progress. */
  end?: string | null;
  timezone_offset?: string;
  sport_name?: string;
  sport_id?: number;
  /** SCORED | PENDING_SCORE | UNSCORABLE */
  score_state: string;
  score?: {
    strain?: number;
    average_heart_rate?: number;
    max_heart_rate?: number;
    kilojoule?: number;
    percent_recorded?: number;
    distance_meter?: number;
    altitude_gain_meter?: number;
    altitude_change_meter?: number;
    zone_durations?: WhoopZoneDurations;
  };
}

/** GET /v2/activity/sleep/{id}. */
export interface WhoopSleep {
  id: string;
  cycle_id?: number;
  user_id?: number;
  start: string;
  end: string;
  timezone_offset?: string;
  nap?: boolean;
  score_state: string;
  score?: {
    stage_summary?: {
      total_in_bed_time_milli?: number;
      total_awake_time_milli?: number;
      total_light_sleep_time_milli?: number;
      total_slow_wave_sleep_time_milli?: number;
      total_rem_sleep_time_milli?: number;
    };
    sleep_performance_percentage?: number;
    respiratory_rate?: number;
  };
}

/** GET /v2/cycle/{cycleId}/recovery, and the records of GET /v2/recovery. */
export interface WhoopRecovery {
  cycle_id: number;
  sleep_id: string;
  user_id?: number;
  updated_at?: string;
  score_state: string;
  score?: {
    recovery_score?: number;
    resting_heart_rate?: number;
    hrv_rmssd_milli?: number;
    spo2_percentage?: number;
    skin_temp_celsius?: number;
  };
}

/** Every WHOOP collection endpoint: `records` and, while there are more, `next_token`. */
export interface WhoopPage<T> {
  records: T[];
  next_token?: string | null;
}

/** GET /v2/user/profile/basic. */
export interface WhoopProfile {
  user_id: number;
  email?: string;
  first_name?: string;
  last_name?: string;
}
