/**
 * Each day's recovery against its baseline, for the athlete page: ln(rMSSD) 7-day mean against the baseline
 * band, resting HR 7-day mean against its baseline. The same functions the recovery rule uses (no second
 * definition), with the readings parsed once for the whole range, so two years cost O(days × window).
 */
import { DEFAULT_LN_RMSSD_OPTIONS, DEFAULT_RESTING_HR_OPTIONS, lnRmssdStatusSeries, restingHrStatusSeries } from '@app/training-load';

export interface RecoveryReading {
  date: string;
  restingHr: number | null;
  hrvRmssd: number | null;
  sleepS: number | null;
}

export interface RecoveryDay extends RecoveryReading {
  lnRmssd: number | null;
  lnRmssd7: number | null;
  hrvLower: number | null;
  hrvUpper: number | null;
  restingHr7: number | null;
  restingHrBaseline: number | null;
}

/** How many days before `from` the readings must start for the first day's baseline to be complete. */
export const RECOVERY_LEAD_DAYS =
  Math.max(DEFAULT_LN_RMSSD_OPTIONS.acuteDays + DEFAULT_LN_RMSSD_OPTIONS.baselineDays, DEFAULT_RESTING_HR_OPTIONS.acuteDays + DEFAULT_RESTING_HR_OPTIONS.baselineDays) - 1;

/** `readings` sorted by date, one per day, reaching RECOVERY_LEAD_DAYS before the first day shown. */
export function recoveryBands(readings: readonly RecoveryReading[], from: string): RecoveryDay[] {
  const positive = (v: number | null) => (v !== null && v > 0 ? v : null);
  const hrvOn = lnRmssdStatusSeries(readings.map((r) => ({ date: r.date, rmssd: positive(r.hrvRmssd) })));
  const rhrOn = restingHrStatusSeries(readings.map((r) => ({ date: r.date, restingHr: positive(r.restingHr) })));
  return readings
    .filter((r) => r.date >= from)
    .map((r) => {
      const hrv = hrvOn(r.date);
      const rhr = rhrOn(r.date);
      return {
        ...r,
        lnRmssd: positive(r.hrvRmssd) === null ? null : Math.log(r.hrvRmssd as number),
        lnRmssd7: hrv.mean7,
        hrvLower: hrv.lower,
        hrvUpper: hrv.upper,
        restingHr7: rhr.mean7,
        restingHrBaseline: rhr.baselineMean,
      };
    });
}
