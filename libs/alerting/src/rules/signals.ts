/**
 * Recovery and wellness signals (science.md §6), shared by the recovery, possible-nfor and back-pain-risk rules.
 *
 * - HRV: 7-day mean lnRMSSD vs the baseline mean ± swc × SD of the `hrvBaselineDays` before the 7-day window
 *   (Plews/Buchheit; the engine's `lnRmssdStatus`). Flag: below the band.
 * - Resting HR: 7-day mean vs the mean of the `restingHrBaselineDays` before it (`restingHrStatus`). Flag: ≥ +5 bpm.
 * - Sleep: mean of the nights recorded in the 7 days; flag below `sleepMinHours` with ≥ `sleepMinNights` nights.
 * - Wellness: the day's mean item score (and its fatigue item) vs the athlete's reports of the 27 days before,
 *   flagged when ≥ `wellnessDropSd` SDs worse; the SD is floored at 0.5 points so that a perfectly steady norm
 *   does not turn a one-point dip into an infinite z.
 *
 * Unusable readings (non-positive, non-finite, a second reading on a day) are skipped rather than thrown on, so
 * one bad sensor value cannot stop every rule. `null` in a flag means "could not judge" and comes with a reason.
 */
import { addDays, lnRmssdStatus, restingHrStatus } from '../../../training-load/src/calc';
import type { LnRmssdStatus, RestingHrStatus } from '../../../training-load/src/calc';
import { atLeast, below, isFiniteNumber, mean, sampleSd } from './rule-support';
import type { RuleInput, RuleWellness } from './rule.types';

export interface RecoverySignals {
  date: string;
  hrv: LnRmssdStatus;
  /** 7-day lnRMSSD below the band; null: not enough readings (see `hrvReason`). */
  hrvBelow: boolean | null;
  hrvReason: string | null;
  rhr: RestingHrStatus;
  /** 7-day resting HR ≥ baseline + restingHrRiseBpm; null: not enough readings. */
  rhrElevated: boolean | null;
  rhrReason: string | null;
  sleepMeanH: number | null;
  sleepNights: number;
  /** 7-day mean sleep below sleepMinHours; null: fewer than sleepMinNights nights recorded. */
  sleepDeficit: boolean | null;
  sleepReason: string | null;
}

interface CleanReadings {
  rmssd: { date: string; rmssd: number }[];
  restingHr: { date: string; restingHr: number }[];
  sleep: Map<string, number>;
}

const cache = new WeakMap<RuleInput['recovery'], CleanReadings>();

function cleanReadings(input: RuleInput): CleanReadings {
  const hit = cache.get(input.recovery);
  if (hit) return hit;
  const rmssd = new Map<string, number>();
  const rhr = new Map<string, number>();
  const sleep = new Map<string, number>();
  for (const r of input.recovery) {
    if (typeof r.date !== 'string') continue;
    if (isFiniteNumber(r.hrvRmssd) && r.hrvRmssd > 0) rmssd.set(r.date, r.hrvRmssd);
    if (isFiniteNumber(r.restingHr) && r.restingHr > 0) rhr.set(r.date, r.restingHr);
    if (isFiniteNumber(r.sleepS) && r.sleepS > 0) sleep.set(r.date, r.sleepS);
  }
  const out: CleanReadings = {
    rmssd: [...rmssd].map(([date, v]) => ({ date, rmssd: v })),
    restingHr: [...rhr].map(([date, v]) => ({ date, restingHr: v })),
    sleep,
  };
  cache.set(input.recovery, out);
  return out;
}

/** Recovery flags on `date` (≤ today). */
export function recoverySignals(input: RuleInput, date: string): RecoverySignals {
  const t = input.thresholds;
  const clean = cleanReadings(input);
  const upTo = <T extends { date: string }>(rows: T[]) => rows.filter((r) => r.date <= date);
  const hrv = lnRmssdStatus(upTo(clean.rmssd), date, {
    acuteDays: 7,
    baselineDays: t.hrvBaselineDays,
    minAcuteReadings: t.recoveryMinReadings7,
    minBaselineReadings: t.hrvMinBaselineReadings,
    swcFactor: t.hrvSwcFactor,
  });
  const rhr = restingHrStatus(upTo(clean.restingHr), date, {
    acuteDays: 7,
    baselineDays: t.restingHrBaselineDays,
    minAcuteReadings: t.recoveryMinReadings7,
    minBaselineReadings: t.restingHrMinBaselineReadings,
    flagDeltaBpm: t.restingHrRiseBpm,
  });
  let hrvReason: string | null = null;
  if (hrv.status === null) {
    if (hrv.mean7 === null) hrvReason = `HRV: ${hrv.acuteReadings} of 7 days with a reading (needs ${t.recoveryMinReadings7})`;
    else if (hrv.baselineMean === null) {
      hrvReason = `HRV baseline: ${hrv.baselineReadings} readings in the ${t.hrvBaselineDays} days before (needs ${t.hrvMinBaselineReadings})`;
    } else hrvReason = 'HRV baseline has no spread (identical readings), so it has no band';
  }
  let rhrReason: string | null = null;
  if (rhr.elevated === null) {
    rhrReason =
      rhr.mean7 === null
        ? `resting HR: ${rhr.acuteReadings} of 7 days with a reading (needs ${t.recoveryMinReadings7})`
        : `resting-HR baseline: ${rhr.baselineReadings} readings in the ${t.restingHrBaselineDays} days before (needs ${t.restingHrMinBaselineReadings})`;
  }
  const from = addDays(date, -6);
  const nights: number[] = [];
  for (const [d, s] of clean.sleep) if (d >= from && d <= date) nights.push(s / 3600);
  const sleepMeanH = mean(nights);
  const enoughNights = nights.length >= t.sleepMinNights && sleepMeanH !== null;
  return {
    date,
    hrv,
    hrvBelow: hrv.status === null ? null : hrv.status === 'below',
    hrvReason,
    rhr,
    rhrElevated: rhr.elevated,
    rhrReason,
    sleepMeanH,
    sleepNights: nights.length,
    sleepDeficit: enoughNights ? below(sleepMeanH, t.sleepMinHours) : null,
    sleepReason: enoughNights ? null : `sleep: ${nights.length} of 7 nights recorded (needs ${t.sleepMinNights})`,
  };
}

export interface WellnessSignal {
  /** Mean item score of the day (oriented so that higher = better); null without a report. */
  score: number | null;
  fatigue: number | null;
  normMean: number | null;
  normSd: number | null;
  fatigueNormMean: number | null;
  fatigueNormSd: number | null;
  /** How many SDs worse than the norm (positive = worse). */
  zWorse: number | null;
  fatigueZWorse: number | null;
  normReports: number;
  /** Score or fatigue ≥ wellnessDropSd SDs worse than the norm; null: cannot judge (see reason). */
  drop: boolean | null;
  reason: string | null;
}

const ITEMS: readonly (keyof RuleWellness)[] = ['sleepQuality', 'fatigue', 'stress', 'soreness', 'mood'];
const MIN_SD = 0.5;

function item(w: RuleWellness | null | undefined, key: keyof RuleWellness, higherIsBetter: boolean): number | null {
  const v = w?.[key];
  if (!isFiniteNumber(v) || v < 1 || v > 5) return null;
  return higherIsBetter ? v : 6 - v;
}

function score(w: RuleWellness | null | undefined, higherIsBetter: boolean): number | null {
  const values = ITEMS.map((k) => item(w, k, higherIsBetter)).filter((v): v is number => v !== null);
  return mean(values);
}

/** Wellness on `date` against the reports of the 27 days before it. */
export function wellnessSignal(input: RuleInput, date: string): WellnessSignal {
  const t = input.thresholds;
  const hib = t.wellnessHigherIsBetter;
  const report = input.selfReports.find((r) => r.date === date);
  const from = addDays(date, -27);
  const norm = input.selfReports.filter((r) => r.date >= from && r.date < date);
  const normScores = norm.map((r) => score(r.wellness, hib)).filter((v): v is number => v !== null);
  const normFatigue = norm.map((r) => item(r.wellness, 'fatigue', hib)).filter((v): v is number => v !== null);
  const s = score(report?.wellness, hib);
  const f = item(report?.wellness, 'fatigue', hib);
  const normMean = mean(normScores);
  const normSd = sampleSd(normScores);
  const fMean = mean(normFatigue);
  const fSd = sampleSd(normFatigue);
  const zWorse = s !== null && normMean !== null && normScores.length >= t.wellnessMinReports ? (normMean - s) / Math.max(normSd ?? 0, MIN_SD) : null;
  const fatigueZWorse = f !== null && fMean !== null && normFatigue.length >= t.wellnessMinReports ? (fMean - f) / Math.max(fSd ?? 0, MIN_SD) : null;
  let reason: string | null = null;
  if (zWorse === null && fatigueZWorse === null) {
    reason = s === null ? `wellness: no report for ${date}` : `wellness norm: ${normScores.length} reports in the 27 days before (needs ${t.wellnessMinReports})`;
  }
  const worse = (z: number | null) => z !== null && atLeast(z, t.wellnessDropSd);
  return {
    score: s,
    fatigue: f,
    normMean,
    normSd,
    fatigueNormMean: fMean,
    fatigueNormSd: fSd,
    zWorse,
    fatigueZWorse,
    normReports: normScores.length,
    drop: reason !== null ? null : worse(zWorse) || worse(fatigueZWorse),
    reason,
  };
}
