/**
 * HRV status by the Plews/Buchheit method (science.md §6): the 7-day rolling mean of ln(rMSSD) against the
 * athlete's baseline mean ± 0.5 SD (the smallest worthwhile change, SWC). Below the band: reduce intensity;
 * above it while performance falls can also mean parasympathetic saturation.
 */
import { assertIntegerInRange } from './numbers';
import { meanOrNull, readingsByDay, recoveryWindows, sampleSdOrNull } from './recovery-readings';

export interface RmssdReading {
  /** Local calendar day, `YYYY-MM-DD`; at most one reading per day. */
  date: string;
  /** rMSSD, ms (> 0); null: no reading that day. */
  rmssd: number | null;
}

export interface LnRmssdOptions {
  /** Rolling window, days. Default 7. */
  acuteDays: number;
  /** Baseline window, days, just before the rolling window (it excludes it). Default 60 (HRV4Training; SPEC §4). */
  baselineDays: number;
  /** Readings needed in the rolling window. Default 3 (Plews 2014: ≥ 3 a week track 7 closely). */
  minAcuteReadings: number;
  /** Readings needed in the baseline. Default 21: three weeks, as Garmin's HRV Status needs before its range. */
  minBaselineReadings: number;
  /** Half-width of the normal band in baseline SDs. Default 0.5 (SWC). */
  swcFactor: number;
}

export const DEFAULT_LN_RMSSD_OPTIONS: Readonly<LnRmssdOptions> = Object.freeze({
  acuteDays: 7,
  baselineDays: 60,
  minAcuteReadings: 3,
  minBaselineReadings: 21,
  swcFactor: 0.5,
});

export type HrvBandStatus = 'below' | 'within' | 'above';

export interface LnRmssdStatus {
  date: string;
  /** Mean ln(rMSSD) of the rolling window; null with too few readings. */
  mean7: number | null;
  /** Mean and sample SD (n − 1) of ln(rMSSD) over the baseline window; null with too few readings. */
  baselineMean: number | null;
  baselineSd: number | null;
  /** baselineMean ∓ swcFactor × baselineSd. */
  lower: number | null;
  upper: number | null;
  /** (mean7 − baselineMean) / baselineSd; null when any is null or the SD is 0. */
  z: number | null;
  /** Where mean7 sits against the band; null when anything above is null or the SD is 0 (no band). */
  status: HrvBandStatus | null;
  acuteReadings: number;
  baselineReadings: number;
}

/**
 * HRV status on `date` from daily rMSSD readings (science.md §6 vector: a 28-day baseline → ln mean 4.0887,
 * SD 0.1189, band 4.0293–4.1482; last 7 days → 3.8893, z −1.68 → below). Values exactly on a band edge are
 * `within`. Throws a RangeError for a bad date, option, a non-positive rMSSD or two readings on one day.
 */
export function lnRmssdStatus(readings: readonly RmssdReading[], date: string, options: Partial<LnRmssdOptions> = {}): LnRmssdStatus {
  return lnRmssdStatusSeries(readings, options)(date);
}

/**
 * The same status for many days from one set of readings: parses and checks the readings once, then answers
 * any `date` (the dashboard draws two years of bands with it). Same results as `lnRmssdStatus`, bit for bit.
 */
export function lnRmssdStatusSeries(readings: readonly RmssdReading[], options: Partial<LnRmssdOptions> = {}): (date: string) => LnRmssdStatus {
  const opts: LnRmssdOptions = { ...DEFAULT_LN_RMSSD_OPTIONS };
  for (const [key, value] of Object.entries(options) as [keyof LnRmssdOptions, number | undefined][]) {
    if (value !== undefined) opts[key] = value;
  }
  assertIntegerInRange(opts.acuteDays, 1, 366, 'acuteDays');
  assertIntegerInRange(opts.baselineDays, 2, 3660, 'baselineDays');
  assertIntegerInRange(opts.minAcuteReadings, 1, opts.acuteDays, 'minAcuteReadings');
  assertIntegerInRange(opts.minBaselineReadings, 2, opts.baselineDays, 'minBaselineReadings');
  if (typeof opts.swcFactor !== 'number' || !Number.isFinite(opts.swcFactor) || opts.swcFactor < 0) {
    throw new RangeError(`swcFactor must be a finite number >= 0, got ${String(opts.swcFactor)}`);
  }
  const byDay = readingsByDay(readings, (r) => r.rmssd, (v) => Number.isFinite(v) && v > 0, 'rMSSD');
  return (date) => statusOn(byDay, date, opts);
}

function statusOn(byDay: ReadonlyMap<number, number>, date: string, opts: LnRmssdOptions): LnRmssdStatus {
  const windows = recoveryWindows(byDay, date, opts.acuteDays, opts.baselineDays);
  const acute = windows.acute.map(Math.log);
  const baseline = windows.baseline.map(Math.log);
  const mean7 = acute.length >= opts.minAcuteReadings ? meanOrNull(acute) : null;
  const enough = baseline.length >= opts.minBaselineReadings;
  const baselineMean = enough ? meanOrNull(baseline) : null;
  const baselineSd = enough ? sampleSdOrNull(baseline) : null;
  const lower = baselineMean === null || baselineSd === null ? null : baselineMean - opts.swcFactor * baselineSd;
  const upper = baselineMean === null || baselineSd === null ? null : baselineMean + opts.swcFactor * baselineSd;
  const banded = mean7 !== null && baselineMean !== null && baselineSd !== null && baselineSd > 0;
  return {
    date,
    mean7,
    baselineMean,
    baselineSd,
    lower,
    upper,
    z: banded ? (mean7 - baselineMean) / baselineSd : null,
    status: banded ? (mean7 < (lower as number) ? 'below' : mean7 > (upper as number) ? 'above' : 'within') : null,
    acuteReadings: acute.length,
    baselineReadings: baseline.length,
  };
}

