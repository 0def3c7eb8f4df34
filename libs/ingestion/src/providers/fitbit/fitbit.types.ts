/**
 * Fitbit Web API shapes we read (webhooks.md §4). Everything arrives as `unknown` and is checked field by field
 * in fitbit.mapper.ts; these interfaces document what a well-formed answer looks like.
 */

/** One entry of a subscription notification (the body is an array of these). */
export interface FitbitNotification {
  collectionType: string;
  date: string;
  ownerId: string;
  ownerType?: string;
  subscriptionId?: string;
}

/** What parseDelivery stores per notification and `process` reads back (JSON round trip). */
export interface FitbitEventPayload {
  collectionType: FitbitCollection;
  ownerId: string;
  /** The user's local calendar day the notification is about (YYYY-MM-DD). */
  date: string;
  subscriptionId: string | null;
  /** When Loadwatch received the delivery (ISO); part of the dedupe key. */
  receivedAt: string;
}

/** The collections Loadwatch acts on; `body` and `foods` notifications are acknowledged and dropped. */
export const FITBIT_COLLECTIONS = ['activities', 'sleep', 'userRevokedAccess'] as const;
export type FitbitCollection = (typeof FITBIT_COLLECTIONS)[number];

/** GET /1/user/-/activities/list.json — one activity log entry (duration and activeDuration in ms). */
export interface FitbitActivity {
  logId: number;
  activityName?: string;
  activityTypeId?: number;
  /** Local wall time with the user's offset, e.g. 2026-03-01T07:02:11.000+01:00. */
  startTime: string;
  duration: number;
  activeDuration?: number;
  averageHeartRate?: number;
  calories?: number;
  distance?: number;
  /** UNCONFIRMED field; 'Kilometer' (metric, the default without Accept-Language) or 'Mile'. */
  distanceUnit?: string;
  steps?: number;
  source?: { name?: string };
}

export interface FitbitActivityList {
  activities: FitbitActivity[];
  pagination?: { next?: string; previous?: string; limit?: number; offset?: number; sort?: string };
}

/** GET /1/user/-/activities/heart/date/{date}/1d.json (or {start}/{end}.json). */
export interface FitbitHeartSeries {
  'activities-heart': { dateTime: string; value: { restingHeartRate?: number } }[];
}

/** GET /1/user/-/hrv/date/{date}.json (or {start}/{end}.json); rMSSD in ms. */
export interface FitbitHrvSeries {
  hrv: { dateTime: string; value: { dailyRmssd?: number; deepRmssd?: number } }[];
}

/** GET /1.2/user/-/sleep/date/{date}.json (or {start}/{end}.json). */
export interface FitbitSleepLogs {
  sleep: { logId: number; dateOfSleep: string; isMainSleep?: boolean; minutesAsleep?: number; duration?: number }[];
}
