import { DomainError, ErrorCode } from '@app/common';
import { invalid, isRecord, requireId } from '../inbound-json';
import { RateLimitedError } from '../provider-api';
import type { NormalizedRecovery, NormalizedSession } from '../provider.types';
import { mapSport, Sport } from '../sport';

/**
 * Withings Data API answers → normalized sessions and recovery rows (webhooks.md §8d, §14.2, §14.3). Every reader
 * takes `unknown` and throws a coded DomainError naming the field when the answer is not what Withings documents.
 */

// Workout `category` codes: 1, 2, 6, 7, 307, 308 per [WITHINGS-SCHEMA-3P]; the rest from Withings' published
// category list (UNCONFIRMED here). Unknown codes become 'other'. No prototype: "constructor" finds nothing.
const SPORT_BY_CATEGORY: Record<string, Sport> = Object.assign(Object.create(null) as Record<string, Sport>, {
  '1': 'walk',
  '2': 'run',
  '3': 'hike',
  '6': 'ride',
  '7': 'swim',
  '16': 'strength', // lift weights
  '17': 'strength', // calisthenics
  '19': 'yoga', // pilates
  '20': 'team_sport', // basketball
  '21': 'team_sport', // soccer
  '22': 'team_sport', // football
  '23': 'team_sport', // rugby
  '24': 'team_sport', // volleyball
  '28': 'yoga',
  '34': 'ski',
  '187': 'row',
  '191': 'team_sport', // baseball
  '192': 'team_sport', // handball
  '193': 'team_sport', // hockey
  '194': 'team_sport', // ice hockey
  '306': 'walk', // indoor walk
  '307': 'run', // indoor running
  '308': 'indoor_ride',
});

// Status codes from Withings' "Response status" table as we remember it (UNCONFIRMED here): the HTTP status is 200
// whatever happened [WITHINGS-3P], so these are the only signal.
/** "Authentication failed": the token is expired, revoked or unknown. */
const AUTH_STATUSES = new Set([100, 101, 102, 200, 401]);
/** "Invalid params": our request is wrong, retrying cannot fix it. */
const PARAM_STATUSES = new Set([503]);
const TOO_MANY_REQUESTS = 601;
const RATE_LIMIT_WAIT_MS = 60_000;

// Bounds of what a session or a night can be; outside them a value is a glitch, not data.
const MAX_SESSION_S = 7 * 24 * 3600;
const MAX_DISTANCE_M = 10_000_000;
const MIN_HR = 20;
const MAX_HR = 300;
const DAY_S = 24 * 3600;

// Epoch seconds Withings could plausibly send: 2000-01-01 … 2100-01-01.
const MIN_EPOCH = 946_684_800;
const MAX_EPOCH = 4_102_444_800;

/** Withings answered `status` ≠ 0 for an authentication reason: the token is expired, revoked or unknown. */
export class WithingsAuthError extends Error {
  override readonly name = 'WithingsAuthError';
  constructor(readonly status: number) {
    super(`withings refused the access token (status ${status})`);
  }
}

/** Withings answered another non-zero status (temporary server trouble and the like): worth a retry. */
export class WithingsStatusError extends Error {
  override readonly name = 'WithingsStatusError';
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`withings answered status ${status}${detail ? `: ${detail.slice(0, 200)}` : ''}`);
  }
}

/**
 * `{ status, body }` → body. Status 0 is success; 401-like statuses throw WithingsAuthError, 601 a
 * RateLimitedError (the job is parked), "invalid params" a DomainError (rejected), anything else a retryable error.
 */
export function unwrapEnvelope(answer: unknown): Record<string, unknown> {
  if (!isRecord(answer) || typeof answer.status !== 'number') throw invalid('status', 'must be a number (Withings answers {status, body})');
  const { status } = answer;
  if (status === 0) {
    if (!isRecord(answer.body)) throw invalid('body', 'must be an object when status is 0');
    return answer.body;
  }
  const detail = typeof answer.error === 'string' ? answer.error : '';
  if (AUTH_STATUSES.has(status)) throw new WithingsAuthError(status);
  if (status === TOO_MANY_REQUESTS) throw new RateLimitedError('withings', RATE_LIMIT_WAIT_MS);
  if (PARAM_STATUSES.has(status)) throw new DomainError(ErrorCode.ValidationFailed, `withings refused the request parameters (status ${status}) ${detail}`.trim());
  throw new WithingsStatusError(status, detail);
}

/** A page of `series` with Withings' `more` / `offset` paging. */
export function readSeriesPage(body: Record<string, unknown>): { series: unknown[]; more: boolean; offset: number } {
  if (!Array.isArray(body.series)) throw invalid('series', 'must be an array');
  const more = body.more === true || body.more === 1;
  const offset = body.offset;
  if (more && (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0)) throw invalid('offset', 'must be a non-negative integer when more is set');
  return { series: body.series, more, offset: typeof offset === 'number' ? offset : 0 };
}

export function isEpochSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= MIN_EPOCH && value <= MAX_EPOCH;
}

/** Reads a form field as epoch seconds, or a 422 naming it. */
export function parseEpoch(value: string | null, field: string): number {
  if (value === null || !/^\d{1,11}$/.test(value)) throw invalid(field, 'must be epoch seconds');
  const n = Number(value);
  if (!isEpochSeconds(n)) throw invalid(field, 'must be epoch seconds between 2000 and 2100');
  return n;
}

export function utcDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === value;
}

export function withingsSport(category: unknown): Sport {
  return typeof category === 'number' || typeof category === 'string' ? mapSport(SPORT_BY_CATEGORY, category) : 'other';
}

/** The id of a getworkouts entry (the key of the day diff), or a DomainError. */
export function withingsWorkoutId(item: unknown): string {
  if (!isRecord(item)) throw invalid('series[]', 'must be an object');
  return requireId(item, 'id');
}

function dataNumber(data: Record<string, unknown>, field: string): number | null {
  const v = data[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw invalid(`data.${field}`, 'must be a non-negative number');
  return v;
}

/** A heart rate, or null when it is absent, 0 or not a human heart rate. */
function heartRate(data: Record<string, unknown>, field: string): number | null {
  const v = dataNumber(data, field);
  return v === null || v < MIN_HR || v > MAX_HR ? null : Math.round(v);
}

function distanceMetres(data: Record<string, unknown>): number | null {
  const metres = dataNumber(data, 'distance');
  return metres !== null && metres <= MAX_DISTANCE_M ? metres : null;
}

/**
 * One getworkouts entry → a session: `startdate`/`enddate` are epoch seconds, `data.distance` metres.
 * `version` is when we fetched it (the fetch reflects every change notified before it).
 */
export function withingsWorkoutToSession(item: unknown, version?: Date): NormalizedSession {
  const externalId = withingsWorkoutId(item);
  const w = item as Record<string, unknown>;
  if (!isEpochSeconds(w.startdate)) throw invalid('startdate', 'must be epoch seconds');
  if (!isEpochSeconds(w.enddate) || w.enddate < w.startdate) throw invalid('enddate', 'must be epoch seconds not before startdate');
  if (w.enddate - w.startdate > MAX_SESSION_S) throw invalid('enddate', `must be at most ${MAX_SESSION_S} s after startdate`);
  if (w.data !== undefined && w.data !== null && !isRecord(w.data)) throw invalid('data', 'must be an object');
  const data = isRecord(w.data) ? w.data : {};
  return {
    externalId,
    startTime: new Date(w.startdate * 1000),
    durationS: Math.max(1, w.enddate - w.startdate),
    movingTimeS: null,
    sport: withingsSport(w.category),
    distanceM: distanceMetres(data),
    avgHr: heartRate(data, 'hr_average'),
    maxHr: heartRate(data, 'hr_max'),
    rpe: null,
    sourceUpdatedAt: version,
  };
}

/**
 * Sleep summaries → one recovery row per wake-up day (`date`): seconds asleep summed over the day's summaries
 * (`total_sleep_time`, else deep + light + REM), resting HR = the lowest `hr_min` (a sleep-lowest value; Withings
 * has no daily resting HR). HRV stays null: the summary has no rMSSD (UNCONFIRMED whether any field carries it).
 */
export function withingsSleepToRecovery(series: unknown[]): NormalizedRecovery[] {
  const byDay = new Map<string, { sleepS: number | null; restingHr: number | null }>();
  for (const entry of series) {
    if (!isRecord(entry)) throw invalid('series[]', 'must be an object');
    if (!isCalendarDate(entry.date)) throw invalid('series[].date', 'must be a date (YYYY-MM-DD)');
    if (entry.data !== undefined && entry.data !== null && !isRecord(entry.data)) throw invalid('series[].data', 'must be an object');
    const data = isRecord(entry.data) ? entry.data : {};
    const total = dataNumber(data, 'total_sleep_time');
    const stages = ['deepsleepduration', 'lightsleepduration', 'remsleepduration'].map((f) => dataNumber(data, f));
    const staged = stages.some((s) => s !== null) ? stages.reduce<number>((sum, s) => sum + (s ?? 0), 0) : null;
    const reported = total ?? staged;
    const asleep = reported !== null && reported <= DAY_S ? reported : null; // a night longer than a day is a glitch
    const hrMin = heartRate(data, 'hr_min');
    const day = byDay.get(entry.date) ?? { sleepS: null, restingHr: null };
    if (asleep !== null) day.sleepS = (day.sleepS ?? 0) + Math.round(asleep);
    if (hrMin !== null) day.restingHr = day.restingHr === null ? hrMin : Math.min(day.restingHr, hrMin);
    byDay.set(entry.date, day);
  }
  return [...byDay.entries()]
    .filter(([, v]) => v.sleepS !== null || v.restingHr !== null)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, v]) => ({ date, restingHr: v.restingHr, hrvRmssd: null, sleepS: v.sleepS === null ? null : Math.min(DAY_S, v.sleepS) }));
}

/** True for the DomainErrors the readers above throw on a malformed entry, as opposed to bugs. */
export function isMalformed(error: unknown): error is DomainError {
  return error instanceof DomainError && error.code === ErrorCode.ValidationFailed;
}
