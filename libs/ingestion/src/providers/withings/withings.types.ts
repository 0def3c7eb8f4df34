/**
 * Withings Data API shapes we read (webhooks.md §8). Everything arrives as `unknown` and is checked in
 * withings.mapper.ts; these interfaces document what a well-formed answer looks like.
 */

/** The form-encoded notification body: `userid=…&appli=…&startdate=…&enddate=…` (user events: `action`). */
export interface WithingsNotification {
  userid: string;
  appli: number;
  startdate?: number;
  enddate?: number;
  action?: 'delete' | 'unlink' | 'update';
}

/** What parseDelivery stores per notification and `process` reads back (JSON round trip). */
export interface WithingsEventPayload {
  userid: string;
  appli: number;
  /** Epoch seconds of the changed data's window (data notifications only). */
  startdate: number | null;
  enddate: number | null;
  /** User events: 'unlink' | 'delete'. */
  action: 'unlink' | 'delete' | null;
  /** When Loadwatch received the delivery (ISO); part of the dedupe key. */
  receivedAt: string;
}

/** appli values (webhooks.md §8a): 1 weight, 4 BP/HR/SpO2, 16 activity and workouts, 44 sleep. */
export const APPLI_ACTIVITY = 16;
export const APPLI_SLEEP = 44;

/** Every answer: `{ status, body }`, where a non-zero status is an error even with HTTP 200. */
export interface WithingsEnvelope<T> {
  status: number;
  body?: T;
  error?: string;
}

/** A page of series (getworkouts, sleep getsummary). */
export interface WithingsSeriesPage<T> {
  series: T[];
  more: boolean | number;
  offset: number;
}

/** POST /v2/measure action=getworkouts — `data` holds only the fields named in `data_fields`. */
export interface WithingsWorkout {
  id: number;
  category: number;
  timezone?: string;
  startdate: number;
  enddate: number;
  date?: string;
  modified?: number;
  deviceid?: string;
  data?: { calories?: number; distance?: number; elevation?: number; hr_average?: number; hr_min?: number; hr_max?: number; intensity?: number; steps?: number };
}

/** POST /v2/sleep action=getsummary — one night (or nap); `date` is the wake-up day. */
export interface WithingsSleepSummary {
  id?: number;
  date: string;
  startdate?: number;
  enddate?: number;
  timezone?: string;
  data?: {
    total_sleep_time?: number;
    total_timeinbed?: number;
    deepsleepduration?: number;
    lightsleepduration?: number;
    remsleepduration?: number;
    hr_average?: number;
    hr_min?: number;
    sleep_score?: number;
  };
}
