/** State of one local calendar day (SPEC §4 "day state"). */
export type DayState = 'trained' | 'rest' | 'missing';

/** One day of the contiguous daily series that the metric engine consumes. */
export interface DayInput {
  /** Local calendar day, `YYYY-MM-DD`. */
  date: string;
  /** Sum of the day's session loads (AU). Ignored (counted as 0) when `state` is `missing`. */
  load: number;
  state: DayState;
}

/** One output row per input day; exactly the fields of SPEC §6. `null` where the value is not defined. */
export interface DailyMetrics {
  date: string;
  /** The load the metrics used for this day: the input load, or 0 on a `missing` day. */
  load: number;
  state: DayState;
  acute7: number | null;
  chronic28: number | null;
  acwrRac: number | null;
  acwrRau: number | null;
  acwrEwma: number | null;
  ewmaAcute: number | null;
  ewmaChronic: number | null;
  monotony: number | null;
  strain: number | null;
  ctl: number | null;
  atl: number | null;
  form: number | null;
  ramp: number | null;
  restDayRatio7: number | null;
  restDayRatio28: number | null;
  streak: number;
  weekOverWeek: number | null;
  coverage28: number;
}

/** `first`: EWMA_0 = L_0 (pandas adjust=False, R ACWR, Athlytics). `zero`: EWMA_{-1} = 0 (GoldenCheetah/TrainingPeaks start). */
export type EwmaSeed = 'first' | 'zero';
/** `sample`: SD with n−1 (Excel STDEV, pandas default). `population`: SD with n. */
export type SdConvention = 'sample' | 'population';
/** `exponential`: k = 1−e^(−1/N) (GoldenCheetah, intervals.icu). `trainingpeaks`: k = 1/N. */
export type PmcForm = 'exponential' | 'trainingpeaks';

export interface MetricOptions {
  /** Acute window and EWMA span (days). Default 7. */
  acuteDays: number;
  /** Chronic window and EWMA span (days). Default 28. Must be larger than `acuteDays`. */
  chronicDays: number;
  /** Default `first`. */
  ewmaSeed: EwmaSeed;
  /** Default `sample`. */
  monotonySd: SdConvention;
  /** Default `exponential`. */
  pmcForm: PmcForm;
  /** CTL (fitness) time constant, days. Default 42. */
  ctlDays: number;
  /** ATL (fatigue) time constant, days. Default 7. */
  atlDays: number;
  /** CTL on the day before the first day. Default 0. Giving either seed also defines `form` on the first day. */
  ctlSeed?: number;
  /** ATL on the day before the first day. Default 0. */
  atlSeed?: number;
  /** Ratios are null until this many days of history exist (today included). Default 28. */
  warmupDays: number;
  /** Ratios are null unless at least this many of the last `chronicDays` days are known (not missing). Default 21. */
  minKnownDaysInChronic: number;
  /** Monotony (and strain) are null unless at least this many of the last 7 days are known. Default 5. */
  minKnownDaysForMonotony: number;
}

/**
 * Engine state after one day that a resumed run needs and that no `DailyMetrics` field holds exactly: the raw
 * running sums of the trailing windows (not masked during warm-up, never divided). Stored beside each row.
 */
export interface MetricsCarry {
  /** Running sum of the acute window (`acuteDays`). */
  acuteSum: number;
  /** Running sum of the chronic window (`chronicDays`). */
  chronicSum: number;
  /** Running sum of the uncoupled prior window (`chronicDays − acuteDays`). */
  uncoupledSum: number;
  /** Running sum of the 7-day week-over-week window. */
  weekSum: number;
}

/** A metric row as the worker stores it: every SPEC §6 field plus the carry. */
export type StoredDailyMetrics = DailyMetrics & MetricsCarry;

/** The stored fields of one day before the resume point that a resumed run reads. */
export type ResumeRow = Pick<DailyMetrics, 'date' | 'load' | 'state' | 'ewmaAcute' | 'ewmaChronic' | 'ctl' | 'atl' | 'streak'> &
  MetricsCarry;

/**
 * Everything the metrics from day d on need from before d (see resume.ts).
 * `historyDays`: days of the series before d (d − first day; 0 = start fresh).
 * `rows`: the stored rows of the last min(historyDays, resumeWindowDays(options)) days before d, oldest first,
 * consecutive and ending on d − 1 (more, older rows are allowed and ignored).
 */
export interface ResumeContext {
  historyDays: number;
  rows: readonly ResumeRow[];
}
