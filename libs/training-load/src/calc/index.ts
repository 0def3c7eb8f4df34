export { ALGO_VERSION } from './algo-version';
export type { DailyMetrics, DayInput, DayState, EwmaSeed, MetricOptions, PmcForm, SdConvention } from './types';
export { DEFAULT_METRIC_OPTIONS, resolveMetricOptions } from './options';
export { computeDailyMetrics, COVERAGE_DAYS, SHORT_REST_DAYS } from './metrics';
export { addDays, daysBetween, eachDay, fromDayNumber, isIsoDate, localDate, toDayNumber } from './dates';
export {
  banisterTrimp,
  DEFAULT_ESTIMATED_RPE,
  sessionLoad,
  sessionMinutes,
  srpeLoad,
  TRIMP_COEFFICIENTS,
} from './session-load';
export type { AthleteLoadProfile, SessionLoad, SessionLoadInput, SessionLoadMethod, Sex, TrimpInput } from './session-load';
export { buildDailySeries } from './daily-series';
export type { DailySessionLoad, SeriesRange } from './daily-series';
export { ewmaLambda, ewmaSeries } from './ewma';
export { loadWindows } from './acwr';
export type { LoadWindows } from './acwr';
export { MONOTONY_DAYS, monotony, monotonySeries } from './monotony';
export type { MonotonyStrain } from './monotony';
export { pmcCoefficient, pmcSeries, RAMP_DAYS } from './pmc';
export type { PmcDay, PmcOptions } from './pmc';
export { restDayRatios, trainingStreaks } from './rest-days';
export { trailingCounts, trailingMeans, trailingSums } from './rolling';
export { WEEK_DAYS, weekOverWeekSeries } from './week-over-week';
export { finiteOrNull, ratioOrNull } from './numbers';
