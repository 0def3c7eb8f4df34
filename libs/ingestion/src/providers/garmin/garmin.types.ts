/**
 * Garmin Health API / Activity API shapes (webhooks.md §3), as far as Loadwatch reads them. Garmin's own specs are
 * partner-only PDFs; the field names follow Activity API v1.2.3 §7 and the Health API notes cited in webhooks.md.
 * Every field is optional here: the mappers validate what they use and name the field when it is wrong.
 */

/** Summary types that turn into Loadwatch data (all other envelope keys are acknowledged and ignored). */
export const ACTIVITY_TYPES = ['activities', 'manuallyUpdatedActivities', 'activityDetails', 'activityFiles'] as const;
export const WELLNESS_TYPES = ['dailies', 'sleeps', 'hrv'] as const;
export const LIFECYCLE_TYPES = ['deregistrations', 'userPermissionsChange'] as const;
export const HANDLED_TYPES = [...ACTIVITY_TYPES, ...WELLNESS_TYPES, ...LIFECYCLE_TYPES] as const;

export type GarminActivityType = (typeof ACTIVITY_TYPES)[number];
export type GarminWellnessType = (typeof WELLNESS_TYPES)[number];
export type GarminLifecycleType = (typeof LIFECYCLE_TYPES)[number];
export type GarminSummaryType = (typeof HANDLED_TYPES)[number];

/**
 * What one stored event carries: the summary type (the envelope key), whether the item is the data itself (push)
 * or a pointer to it (ping: `callbackURL`), and the item exactly as Garmin sent it.
 */
export interface GarminEventPayload {
  summaryType: GarminSummaryType;
  mode: 'push' | 'ping';
  item: Record<string, unknown>;
}

/** activities / manuallyUpdatedActivities items, and the `summary` of activityDetails (Activity API §7.1–7.3). */
export interface GarminActivitySummary {
  userId?: string;
  summaryId?: string;
  activityId?: number | string;
  activityName?: string;
  activityType?: string;
  startTimeInSeconds?: number;
  startTimeOffsetInSeconds?: number;
  durationInSeconds?: number;
  distanceInMeters?: number;
  averageHeartRateInBeatsPerMinute?: number;
  maxHeartRateInBeatsPerMinute?: number;
  activeKilocalories?: number;
  deviceName?: string;
  isParent?: boolean;
  parentSummaryId?: string | number;
  manual?: boolean;
  isWebUpload?: boolean;
}

/** One activityDetails sample (up to one a second; a value holds until the next sample). */
export interface GarminActivitySample {
  startTimeInSeconds?: number;
  heartRate?: number;
  speedMetersPerSecond?: number;
  totalDistanceInMeters?: number;
  timerDurationInSeconds?: number;
  clockDurationInSeconds?: number;
  movingDurationInSeconds?: number;
  powerInWatts?: number;
}

/** activityDetails item: `summaryId` = "<id>-detail", the activity summary, samples and laps. */
export interface GarminActivityDetails {
  userId?: string;
  summaryId?: string;
  activityId?: number | string;
  summary?: GarminActivitySummary;
  samples?: GarminActivitySample[];
  laps?: { startTimeInSeconds?: number }[];
}

/** activityFiles ping item (ping only; the callbackURL can be downloaded once, within 24 h). */
export interface GarminActivityFilePing {
  userId: string;
  summaryId?: string;
  /** 'FIT', 'TCX' or 'GPX'. */
  fileType?: string;
  callbackURL: string;
  activityType?: string;
  activityId?: number | string;
  activityName?: string;
  startTimeInSeconds?: number;
  manual?: boolean;
}

export interface GarminDaily {
  userId?: string;
  summaryId?: string;
  calendarDate?: string;
  startTimeInSeconds?: number;
  startTimeOffsetInSeconds?: number;
  durationInSeconds?: number;
  restingHeartRateInBeatsPerMinute?: number;
}

export interface GarminSleep {
  userId?: string;
  summaryId?: string;
  calendarDate?: string;
  startTimeInSeconds?: number;
  startTimeOffsetInSeconds?: number;
  /** Asleep time: excludes awake and unmeasurable time. */
  durationInSeconds?: number;
  validation?: string;
}

export interface GarminHrv {
  userId?: string;
  summaryId?: string;
  calendarDate?: string;
  startTimeInSeconds?: number;
  startTimeOffsetInSeconds?: number;
  /** Nightly average RMSSD, ms. */
  lastNightAvg?: number;
  lastNight5MinHigh?: number;
}

export interface GarminPermissionsChange {
  userId: string;
  summaryId?: string;
  permissions?: string[];
  changeTimeInSeconds?: number;
}
