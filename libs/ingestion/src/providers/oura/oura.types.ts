/**
 * Oura API v2 shapes as webhooks.md §6 describes them (fields from [OW-3P] `schemas/providers/oura/imports.py`).
 * Only what Loadwatch reads is named; every read is validated by oura.mapper.ts, these types are documentation.
 */

export const OURA_EVENT_TYPES = ['create', 'update', 'delete'] as const;
export type OuraEventType = (typeof OURA_EVENT_TYPES)[number];

/**
 * The data types Loadwatch subscribes to: a workout becomes a session; a sleep period, a daily sleep score or a
 * daily readiness score re-reads the day's sleep periods, which carry the physiology (lowest HR, HRV, sleep time).
 */
export const OURA_HANDLED_DATA_TYPES = ['workout', 'sleep', 'daily_sleep', 'daily_readiness'] as const;
export type OuraHandledDataType = (typeof OURA_HANDLED_DATA_TYPES)[number];

/** A notification as stored with its raw event (validated by `parseDelivery`). */
export interface OuraNotification {
  event_type: OuraEventType;
  data_type: OuraHandledDataType;
  user_id: string;
  /** The changed document; absent only in the day-keyed shape (`data_timestamp`) some integrations show. */
  object_id?: string;
  /** The local day the document belongs to, when the notification says so (`data_timestamp`). */
  day?: string;
  event_time: string;
}

/** GET /v2/usercollection/workout/{id}. There are no heart-rate fields (§6d). */
export interface OuraWorkout {
  id: string;
  activity: string;
  calories?: number | null;
  day: string;
  distance?: number | null;
  start_datetime: string;
  end_datetime: string;
  intensity?: 'easy' | 'moderate' | 'hard';
  label?: string | null;
  source?: string;
}

/** GET /v2/usercollection/sleep/{id}: one sleep period; a day can have several (naps). */
export interface OuraSleep {
  id: string;
  day: string;
  type?: 'long_sleep' | 'sleep' | 'late_nap' | 'rest' | 'deleted';
  bedtime_start?: string;
  bedtime_end?: string;
  total_sleep_duration?: number | null;
  lowest_heart_rate?: number | null;
  /** RMSSD, ms ([OW-3P] relabelled it from SDNN). */
  average_hrv?: number | null;
}

/** A collection page: GET /v2/usercollection/{type}?start_date&end_date&next_token. */
export interface OuraPage<T> {
  data: T[];
  next_token?: string | null;
}
