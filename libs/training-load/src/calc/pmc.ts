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

/**
 * Performance Management Chart: `X_t = X_{t−1} + k·(L_t − X_{t−1})`, the same as GoldenCheetah's
 * `L·(1−e^(−1/N)) + X_{t−1}·e^(−1/N)` for the exponential form. Seeds sit on the day before the first day.
 * Without an explicit seed that day is not part of the history: `form` is null on the first day and `ramp` until
 * 7 earlier days exist. With an explicit seed (either one) the seed day counts as a real day: `form` on the first
 * day is ctlSeed − atlSeed and `ramp` on the seventh day is CTL_6 − ctlSeed.
 */
export function pmcSeries(loads: readonly number[], options: PmcOptions): PmcDay[] {
  const kCtl = pmcCoefficient(options.ctlDays, options.form);
  const kAtl = pmcCoefficient(options.atlDays, options.form);
  const seeded = options.ctlSeed !== undefined || options.atlSeed !== undefined;
  const ctlSeed = options.ctlSeed ?? 0;
  let ctl = ctlSeed;
  let atl = options.atlSeed ?? 0;
  const ctls = new Array<number>(loads.length);
  const out = new Array<PmcDay>(loads.length);
  for (let t = 0; t < loads.length; t++) {
    const form = t > 0 || seeded ? ctl - atl : null;
    ctl += kCtl * (loads[t] - ctl);
    atl += kAtl * (loads[t] - atl);
    ctls[t] = ctl;
    const before = t >= RAMP_DAYS ? ctls[t - RAMP_DAYS] : t === RAMP_DAYS - 1 && seeded ? ctlSeed : null;
    out[t] = { ctl, atl, form, ramp: before === null ? null : ctl - before };
  }
  return out;
}
