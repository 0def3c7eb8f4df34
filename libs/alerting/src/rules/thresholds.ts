/**
 * Alert thresholds (SPEC §5 defaults; science.md §2–§7). A team stores only the fields it overrides (a flat JSON
 * object, so `Partial<AlertThresholds>` is exactly what the team row holds); `resolveThresholds` overlays them on
 * the defaults and validates every field, throwing a RangeError that names the field.
 *
 * Conventions: ratios and changes are fractions (0.30 = +30 %); comparisons are strict ("above 1.5" means
 * > 1.5) and forgive 1e-9 so that a float residue (1300/1000 − 1 = 0.30000000000000004) cannot decide them.
 * Bump THRESHOLDS_VERSION whenever a default changes (stored alerts record which defaults produced them).
 */

export type FormUnit = 'points' | 'percentOfCtl';

export interface AlertThresholds {
  // ratios (load-spike, back-pain item 3): the engine leaves them null during warm-up / without coverage too
  /** Days of history before ratios are judged. Default 28. */
  ratioWarmupDays: number;
  /** Known (non-missing) days needed among the last 28. Default 21. */
  ratioMinKnownDays28: number;
  /** EWMA acute:chronic ratio above this: warning. Default 1.3. */
  loadSpikeWarning: number;
  /** …above this: high (and back-pain item 3). Default 1.5. */
  loadSpikeHigh: number;

  // monotony / strain (Foster 1998)
  /** 7-day monotony above this: warning. Default 2.0. */
  monotonyWarning: number;
  /** Strain above this percentile of the athlete's own strain values: warning. Default 90. */
  strainPercentile: number;
  /** Strain values needed in the baseline before the percentile is used. Default 28. */
  strainMinValues: number;
  /** The baseline is the strain of days today−(N−1) … today−7 (weeks not overlapping this one). Default 90. */
  strainBaselineDays: number;

  // no rest
  /** No rest day among this many most recent known days: warning. Default 7. */
  noRestKnownDays: number;
  /** …looking back at most this many calendar days for them. Default 14. */
  noRestLookbackDays: number;
  /** A streak of this many consecutive training days: warning. Default 10. */
  streakDays: number;

  // week over week (rolling 7-day sums)
  /** Change above this fraction: warning. Default 0.30. */
  weekOverWeekWarning: number;
  /** Change above this fraction: high. Default 0.50. */
  weekOverWeekHigh: number;
  /** Known days needed among the last 14. Default 14 (all). */
  weekOverWeekKnownDays: number;

  // form (TSB = CTL(t−1) − ATL(t−1))
  /**
   * `percentOfCtl` (default): TSB / CTL(t−1) × 100. `points`: raw TSB as SPEC §5 states it — a TSS-scale
   * convention; our series is sRPE, several times larger, where −30 points is an ordinary hard week.
   */
  formUnit: FormUnit;
  /** Form below this: warning. Default −30. */
  formWarning: number;
  /** Form below this on at least `formInfoMinDays` days of the last `formInfoWindowDays`: info. Default −20. */
  formInfo: number;
  /** Default 10. */
  formInfoWindowDays: number;
  /** "More than once": default 2. */
  formInfoMinDays: number;
  /** CTL starts at 0, so form is very negative while it builds: judged only after this many days. Default 84
   *  (two CTL time constants: fitness is then at 86 % of its steady state, so a steady athlete's form is near −15 %). */
  formWarmupDays: number;

  // single-session spike (Garmin-RUNSAFE)
  /** A session more than this fraction longer than the longest of the look-back: warning. Default 0.10. */
  sessionSpikeThreshold: number;
  /** Default 30 days. */
  sessionSpikeLookbackDays: number;
  /** Sport families checked (see sportFamily in the engine). Default ['run']. */
  sessionSpikeFamilies: string[];

  // recovery markers (science.md §6)
  /** Half-width of the lnRMSSD normal band in baseline SDs (the SWC). Default 0.5. */
  hrvSwcFactor: number;
  /** lnRMSSD baseline window before the 7-day window. Default 60 days. */
  hrvBaselineDays: number;
  /** Readings needed in the 7-day window (HRV and resting HR). Default 3. */
  recoveryMinReadings7: number;
  /** lnRMSSD baseline readings needed. Default 21. */
  hrvMinBaselineReadings: number;
  /** 7-day resting-HR mean this many bpm above the baseline: flagged. Default 5. */
  restingHrRiseBpm: number;
  /** Resting-HR baseline window before the 7-day window. Default 28 days. */
  restingHrBaselineDays: number;
  /** Resting-HR baseline readings needed. Default 14. */
  restingHrMinBaselineReadings: number;
  /** HRV/RHR flags must hold on this many consecutive days, today included. Default 3. */
  recoveryPersistDays: number;
  /** 7-day mean sleep below this many hours: sleep deficit. Default 7. */
  sleepMinHours: number;
  /** Nights with a sleep reading needed in the 7 days. Default 3. */
  sleepMinNights: number;

  // possible non-functional overreaching
  /** Recovery/wellness signals needed together with a load rule. Default 2. */
  nforMinSignals: number;
  /** Wellness (mean item score, or fatigue) this many SDs worse than the athlete's 28-day norm: a signal. Default 1. */
  wellnessDropSd: number;
  /** Wellness reports needed in the norm. Default 7. */
  wellnessMinReports: number;
  /** True: 5 = best on every wellness item (McLean 2010). Default true. */
  wellnessHigherIsBetter: boolean;

  // back-load risk score (science.md §7.2)
  /** Score at or above this: elevated (warning). Default 3. */
  backPainElevatedScore: number;
  /** Score at or above this: high. Default 6. */
  backPainHighScore: number;
  /** Back pain at or above this (0–10) today: item 2 (+3). Default 3. */
  backPainCurrentPain: number;
  /** Alert only when at least one changing item (2–9) scores: LBP history and no-core alone are standing traits. Default true. */
  backPainRequireDynamicItem: boolean;
  /** Spinal-loading volume of the last 7 days above this multiple of its 4-week weekly mean: item 5. Default 1.3. */
  spinalVolumeRatio: number;
  /** Two spinal-loading sessions closer than this many hours are "too close" (item 6). Default 48. */
  spinalGapHours: number;
  /** Sessions in the last 7 days with another within the gap: at least this many for item 6. Default 3. */
  spinalCloseSessions: number;
  /** A max attempt within this many calendar days, today included (3 ≈ 72 h): item 7. Default 3. */
  maxAttemptDays: number;
  /** No core work logged in this many days: item 10. Default 14. */
  noCoreDays: number;

  // referral (safety override, item 11)
  /** Pain at or above `referralPainMin` on this many consecutive days, today included: refer. Default 3. */
  referralPainDays: number;
  /** Default 3 (/10). */
  referralPainMin: number;
  /** Rising pain: an existing complaint (pain on ≥ 2 days the week before) whose 7-day mean rose by at least this many points, today ≥ referralPainMin. Default 1. */
  referralRisingPainDelta: number;
  /** A red flag reported within this many days, today included: refer. Default 3. */
  referralRedFlagDays: number;
}

/** Bumped whenever a default below changes. */
export const THRESHOLDS_VERSION = 1;

export const DEFAULT_THRESHOLDS: Readonly<AlertThresholds> = Object.freeze({
  ratioWarmupDays: 28,
  ratioMinKnownDays28: 21,
  loadSpikeWarning: 1.3,
  loadSpikeHigh: 1.5,
  monotonyWarning: 2.0,
  strainPercentile: 90,
  strainMinValues: 28,
  strainBaselineDays: 90,
  noRestKnownDays: 7,
  noRestLookbackDays: 14,
  streakDays: 10,
  weekOverWeekWarning: 0.3,
  weekOverWeekHigh: 0.5,
  weekOverWeekKnownDays: 14,
  formUnit: 'percentOfCtl',
  formWarning: -30,
  formInfo: -20,
  formInfoWindowDays: 10,
  formInfoMinDays: 2,
  formWarmupDays: 84,
  sessionSpikeThreshold: 0.1,
  sessionSpikeLookbackDays: 30,
  sessionSpikeFamilies: Object.freeze(['run']) as unknown as string[],
  hrvSwcFactor: 0.5,
  hrvBaselineDays: 60,
  recoveryMinReadings7: 3,
  hrvMinBaselineReadings: 21,
  restingHrRiseBpm: 5,
  restingHrBaselineDays: 28,
  restingHrMinBaselineReadings: 14,
  recoveryPersistDays: 3,
  sleepMinHours: 7,
  sleepMinNights: 3,
  nforMinSignals: 2,
  wellnessDropSd: 1,
  wellnessMinReports: 7,
  wellnessHigherIsBetter: true,
  backPainElevatedScore: 3,
  backPainHighScore: 6,
  backPainCurrentPain: 3,
  backPainRequireDynamicItem: true,
  spinalVolumeRatio: 1.3,
  spinalGapHours: 48,
  spinalCloseSessions: 3,
  maxAttemptDays: 3,
  noCoreDays: 14,
  referralPainDays: 3,
  referralPainMin: 3,
  referralRisingPainDelta: 1,
  referralRedFlagDays: 3,
});

type FieldSpec =
  | { type: 'number'; min: number; max: number }
  | { type: 'integer'; min: number; max: number }
  | { type: 'boolean' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'families' };

const num = (min: number, max: number): FieldSpec => ({ type: 'number', min, max });
const int = (min: number, max: number): FieldSpec => ({ type: 'integer', min, max });
const bool: FieldSpec = { type: 'boolean' };

/** Range of every field. Windows stay inside what the loader provides (RULE_INPUT_WINDOWS). */
const FIELDS: Readonly<Record<keyof AlertThresholds, FieldSpec>> = {
  ratioWarmupDays: int(1, 90),
  ratioMinKnownDays28: int(0, 28),
  loadSpikeWarning: num(0, 4),
  loadSpikeHigh: num(0, 4),
  monotonyWarning: num(0, 10),
  strainPercentile: num(50, 100),
  strainMinValues: int(7, 84),
  strainBaselineDays: int(35, 90),
  noRestKnownDays: int(2, 14),
  noRestLookbackDays: int(2, 28),
  streakDays: int(2, 90),
  weekOverWeekWarning: num(0, 10),
  weekOverWeekHigh: num(0, 10),
  weekOverWeekKnownDays: int(7, 14),
  formUnit: { type: 'enum', values: ['points', 'percentOfCtl'] },
  formWarning: num(-1000, 0),
  formInfo: num(-1000, 0),
  formInfoWindowDays: int(1, 28),
  formInfoMinDays: int(1, 28),
  formWarmupDays: int(1, 90),
  sessionSpikeThreshold: num(0, 10),
  sessionSpikeLookbackDays: int(1, 41),
  sessionSpikeFamilies: { type: 'families' },
  hrvSwcFactor: num(0, 3),
  hrvBaselineDays: int(14, 81),
  recoveryMinReadings7: int(1, 7),
  hrvMinBaselineReadings: int(2, 81),
  restingHrRiseBpm: num(1, 30),
  restingHrBaselineDays: int(7, 81),
  restingHrMinBaselineReadings: int(1, 81),
  recoveryPersistDays: int(1, 7),
  sleepMinHours: num(3, 12),
  sleepMinNights: int(1, 7),
  nforMinSignals: int(1, 4),
  wellnessDropSd: num(0, 5),
  wellnessMinReports: int(2, 27),
  wellnessHigherIsBetter: bool,
  backPainElevatedScore: int(1, 30),
  backPainHighScore: int(1, 30),
  backPainCurrentPain: num(0, 10),
  backPainRequireDynamicItem: bool,
  spinalVolumeRatio: num(1, 10),
  spinalGapHours: num(1, 168),
  spinalCloseSessions: int(2, 14),
  maxAttemptDays: int(1, 7),
  noCoreDays: int(1, 42),
  referralPainDays: int(1, 14),
  referralPainMin: num(0, 10),
  referralRisingPainDelta: num(0, 10),
  referralRedFlagDays: int(1, 14),
};

/**
 * The defaults overlaid with a team's overrides (`undefined` keeps the default). Throws a RangeError naming the
 * field for an unknown field, a value of the wrong type or out of range, or an inconsistent pair (e.g. a warning
 * level above the high level). Returns a new object; the defaults are never mutated.
 */
export function resolveThresholds(teamOverrides: Partial<AlertThresholds> = {}): AlertThresholds {
  if (teamOverrides === null || typeof teamOverrides !== 'object' || Array.isArray(teamOverrides)) {
    throw new RangeError('threshold overrides must be an object of field → value');
  }
  const merged: AlertThresholds = { ...DEFAULT_THRESHOLDS, sessionSpikeFamilies: [...DEFAULT_THRESHOLDS.sessionSpikeFamilies] };
  const target = merged as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(teamOverrides)) {
    if (!Object.prototype.hasOwnProperty.call(FIELDS, field)) throw new RangeError(`unknown threshold field "${field}"`);
    if (value === undefined) continue;
    checkField(field as keyof AlertThresholds, value);
    target[field] = Array.isArray(value) ? value.map((v: string) => v.toLowerCase()) : value;
  }
  ordered(merged, 'loadSpikeWarning', 'loadSpikeHigh');
  ordered(merged, 'weekOverWeekWarning', 'weekOverWeekHigh');
  ordered(merged, 'formWarning', 'formInfo');
  ordered(merged, 'backPainElevatedScore', 'backPainHighScore');
  ordered(merged, 'formInfoMinDays', 'formInfoWindowDays', true);
  ordered(merged, 'noRestKnownDays', 'noRestLookbackDays', true);
  if (merged.hrvMinBaselineReadings > merged.hrvBaselineDays) {
    throw new RangeError(`hrvMinBaselineReadings (${merged.hrvMinBaselineReadings}) must not exceed hrvBaselineDays (${merged.hrvBaselineDays})`);
  }
  if (merged.restingHrMinBaselineReadings > merged.restingHrBaselineDays) {
    throw new RangeError(
      `restingHrMinBaselineReadings (${merged.restingHrMinBaselineReadings}) must not exceed restingHrBaselineDays (${merged.restingHrBaselineDays})`,
    );
  }
  if (merged.strainMinValues > merged.strainBaselineDays - 6) {
    throw new RangeError(`strainMinValues (${merged.strainMinValues}) must not exceed strainBaselineDays − 6 (${merged.strainBaselineDays - 6})`);
  }
  return merged;
}

function checkField(field: keyof AlertThresholds, value: unknown): void {
  const spec = FIELDS[field];
  switch (spec.type) {
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value) || (spec.type === 'integer' && !Number.isInteger(value))) {
        throw new RangeError(`threshold ${field} must be ${spec.type === 'integer' ? 'an integer' : 'a finite number'}, got ${JSON.stringify(value)}`);
      }
      if (value < spec.min || value > spec.max) {
        throw new RangeError(`threshold ${field} must be in [${spec.min}, ${spec.max}], got ${value}`);
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw new RangeError(`threshold ${field} must be true or false, got ${JSON.stringify(value)}`);
      return;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) {
        throw new RangeError(`threshold ${field} must be one of ${spec.values.join(', ')}, got ${JSON.stringify(value)}`);
      }
      return;
    case 'families':
      if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && /^[a-z]+$/i.test(v))) {
        throw new RangeError(`threshold ${field} must be a non-empty list of sport families such as ["run"], got ${JSON.stringify(value)}`);
      }
      return;
  }
}

function ordered(t: AlertThresholds, low: keyof AlertThresholds, high: keyof AlertThresholds, allowEqual = false): void {
  const a = t[low] as number;
  const b = t[high] as number;
  if (allowEqual ? a > b : a >= b) {
    throw new RangeError(`threshold ${low} (${a}) must be ${allowEqual ? 'at most' : 'below'} ${high} (${b})`);
  }
}
