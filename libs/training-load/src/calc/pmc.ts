import type { PmcForm } from './types';

/** Days between the two CTL values of the ramp rate (CTL_t − CTL_{t−7}). */
export const RAMP_DAYS = 7;

/** Daily coefficient k: 1−e^(−1/N) (GoldenCheetah/intervals.icu, 0.023528 for 42) or 1/N (TrainingPeaks, 0.023810). */
export function pmcCoefficient(days: number, form: PmcForm): number {
  if (!Number.isFinite(days) || days < 1) throw new RangeError(`PMC time constant must be >= 1 day, got ${days}`);
  return form === 'trainingpeaks' ? 1 / days : 1 - Math.exp(-1 / days);
}

export interface PmcOptions {
  form: PmcForm;
  ctlDays: number;
  atlDays: number;
  /** CTL on the day before the first day (default 0). */
  ctlSeed?: number;
  /** ATL on the day before the first day (default 0). */
  atlSeed?: number;
}

export interface PmcDay {
  ctl: number;
  atl: number;
  /** CTL(t−1) − ATL(t−1) (TrainingPeaks/WKO and GoldenCheetah default display). */
  form: number | null;
  /** CTL(t) − CTL(t−7). */
  ramp: number | null;
}

/** Where a resumed PMC picks up: the state after the last day before `loads[0]`. */
export interface PmcPrior {
  /** Days of history before `loads[0]` (0 = start fresh from the seeds). */
  days: number;
  /** CTL of the last min(days, 7) days before `loads[0]`, oldest first (the ramp looks 7 days back). */
  ctls: readonly number[];
  /** ATL of the day before `loads[0]`. */
  atl: number;
}

/**
 * Performance Management Chart: `X_t = X_{t−1} + k·(L_t − X_{t−1})`, the same as GoldenCheetah's
 * `L·(1−e^(−1/N)) + X_{t−1}·e^(−1/N)` for the exponential form. Seeds sit on the day before the first day.
 * Without an explicit seed that day is not part of the history: `form` is null on the first day and `ramp` until
 * 7 earlier days exist. With an explicit seed (either one) the seed day counts as a real day: `form` on the first
 * day is ctlSeed − atlSeed and `ramp` on the seventh day is CTL_6 − ctlSeed.
 * `prior` resumes the chart after `prior.days` days (day numbers, and so the seed rules, continue from there).
 */
export function pmcSeries(loads: readonly number[], options: PmcOptions, prior?: PmcPrior): PmcDay[] {
  const kCtl = pmcCoefficient(options.ctlDays, options.form);
  const kAtl = pmcCoefficient(options.atlDays, options.form);
  const seeded = options.ctlSeed !== undefined || options.atlSeed !== undefined;
  const ctlSeed = options.ctlSeed ?? 0;
  const resumed = prior !== undefined && prior.days > 0;
  const offset = resumed ? prior.days : 0;
  const history = resumed ? prior.ctls.slice(-RAMP_DAYS) : [];
  if (history.length < Math.min(offset, RAMP_DAYS)) {
    throw new RangeError(`resuming the PMC after ${offset} days needs ${Math.min(offset, RAMP_DAYS)} earlier CTLs, got ${history.length}`);
  }
  let ctl = resumed ? history[history.length - 1] : ctlSeed;
  let atl = resumed ? prior.atl : (options.atlSeed ?? 0);
  const ctls = [...history];
  const out = new Array<PmcDay>(loads.length);
  for (let j = 0; j < loads.length; j++) {
    const t = offset + j;
    const form = t > 0 || seeded ? ctl - atl : null;
    ctl += kCtl * (loads[j] - ctl);
    atl += kAtl * (loads[j] - atl);
    ctls.push(ctl);
    const i = history.length + j;
    const before = t >= RAMP_DAYS ? ctls[i - RAMP_DAYS] : t === RAMP_DAYS - 1 && seeded ? ctlSeed : null;
    out[j] = { ctl, atl, form, ramp: before === null ? null : ctl - before };
  }
  return out;
}
