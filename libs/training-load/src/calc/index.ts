export { ALGO_VERSION } from './algo-version';
export type {
  DailyMetrics,
  DayInput,
  DayState,
  EwmaSeed,
  MetricOptions,
  MetricsCarry,
  PmcForm,
  ResumeContext,
  ResumeRow,
  SdConvention,
  StoredDailyMetrics,
} from './types';
export { DEFAULT_METRIC_OPTIONS, resolveMetricOptions } from './options';
export { computeDailyMetrics, COVERAGE_DAYS, SHORT_REST_DAYS } from './metrics';
export {
  computeDailyMetricsFrom,
  computeStoredMetrics,
  computeStoredMetricsFrom,
  EMPTY_RESUME_CONTEXT,
  resumeContext,
  resumeWindowDays,
} from './resume';
export { addDays, daysBetween, eachDay, fromDayNumber, isIsoDate, localDate, toDayNumber } from './dates';
export {
  calibrationPair,
  DEFAULT_ESTIMATED_RPE,
  sessionEdwardsTrimp,
  sessionLoad,
  sessionMinutes,
  sessionTrimp,
  sessionTrimp100,
  sessionTss,
  srpeLoad,
} from './session-load';
export type { AthleteLoadProfile, SessionLoad, SessionLoadInput, SessionLoadMethod, StoredLoadMethod } from './session-load';
export {
  banisterTrimp,
  banisterTrimpSamples,
  EDWARDS_ZONE_FLOORS,
  EDWARDS_ZONE_WEIGHTS,
  edwardsTrimp,
  edwardsZoneSeconds,
  MAX_HR_SAMPLE_GAP_S,
  thresholdHourTrimp,
  TRIMP_COEFFICIENTS,
  trimp100,
} from './trimp';
export type { HrProfile, HrSample, Sex, TrimpInput } from './trimp';
export { intensityFactor, normalizedPower, NP_WINDOW_S, tss, tssFromPowerSamples } from './power';
export type { TssInput } from './power';
export { assertCalibration, fitSrpeFromTrimp, MIN_CALIBRATION_PAIRS, trimpToSrpe } from './srpe-calibration';
export type { SrpeCalibration, SrpeTrimpPair } from './srpe-calibration';
export { DEFAULT_LN_RMSSD_OPTIONS, lnRmssdStatus, lnRmssdStatusSeries } from './hrv-baseline';
export type { HrvBandStatus, LnRmssdOptions, LnRmssdStatus, RmssdReading } from './hrv-baseline';
export { DEFAULT_RESTING_HR_OPTIONS, restingHrStatus, restingHrStatusSeries } from './resting-hr';
export type { RestingHrOptions, RestingHrReading, RestingHrStatus } from './resting-hr';
export { sessionSpike, SPIKE_LOOKBACK_DAYS, SPIKE_THRESHOLD, sportFamily } from './session-spike';
export type { DistanceSession, SessionSpike, SessionSpikeOptions } from './session-spike';
export { DEFAULT_TARGET_LOAD_OPTIONS, formAfterLoad, targetLoad } from './target-load';
export type { FitnessState, TargetLoadFormula, TargetLoadOptions } from './target-load';
export { buildDailySeries } from './daily-series';
export type { DailySessionLoad, SeriesRange } from './daily-series';
export { ewmaLambda, ewmaSeries } from './ewma';
export { loadWindows, loadWindowsFromSums } from './acwr';
export type { LoadWindows } from './acwr';
export { MONOTONY_DAYS, monotony, monotonySeries } from './monotony';
export type { MonotonyStrain } from './monotony';
export { pmcCoefficient, pmcSeries, RAMP_DAYS } from './pmc';
export type { PmcDay, PmcOptions, PmcPrior } from './pmc';
export { restDayRatios, trainingStreaks } from './rest-days';
export { fullWindowSums, runningSums, trailingCounts, trailingMeans, trailingSums } from './rolling';
export type { RunningSumResume } from './rolling';
export { WEEK_DAYS, weekOverWeekFromSums, weekOverWeekSeries } from './week-over-week';
export { finiteOrNull, ratioOrNull } from './numbers';
