/**
 * Each day's recovery against its baseline, for the athlete page: ln(rMSSD) 7-day mean against the baseline
 * band, resting HR 7-day mean against its baseline. The same functions the recovery rule uses (no second
 * definition), called on just the readings each day's windows can see, so two years cost O(days × window).
 */
import { addDays, DEFAULT_LN_RMSSD_OPTIONS, DEFAULT_RESTING_HR_OPTIONS, lnRmssdStatus, restingHrStatus } from '@app/training-load';

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
  const out: RecoveryDay[] = [];
  let start = 0;
  for (let i = 0; i < readings.length; i++) {
    const r = readings[i];
    if (r.date < from) continue;
    const windowStart = addDays(r.date, -RECOVERY_LEAD_DAYS);
    while (readings[start].date < windowStart) start++;
    const visible = readings.slice(start, i + 1);
    const hrv = lnRmssdStatus(visible.map((v) => ({ date: v.date, rmssd: v.hrvRmssd !== null && v.hrvRmssd > 0 ? v.hrvRmssd : null })), r.date);
    const rhr = restingHrStatus(visible.map((v) => ({ date: v.date, restingHr: v.restingHr !== null && v.restingHr > 0 ? v.restingHr : null })), r.date);
    out.push({
      ...r,
      lnRmssd: r.hrvRmssd !== null && r.hrvRmssd > 0 ? Math.log(r.hrvRmssd) : null,
      lnRmssd7: hrv.mean7,
      hrvLower: hrv.lower,
      hrvUpper: hrv.upper,
      restingHr7: rhr.mean7,
      restingHrBaseline: rhr.baselineMean,
    });
  }
  return out;
}
