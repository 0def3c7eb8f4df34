/**
 * Load needed today to reach a target form (science.md §4.4; intervals.icu forum t/5788).
 *
 * Today's load L moves CTL and ATL: X' = X + k·(L − X) (k = 1−e^(−1/N) exponential, 1/N TrainingPeaks). Form is
 * shown the next day as CTL' − ATL' (SPEC §4), so the target is met when
 *   CTL·(1−kc) − ATL·(1−ka) + L·(kc − ka) = target  ⇒  L = (target − CTL·(1−kc) + ATL·(1−ka)) / (kc − ka).
 * That `exact` solution is the default. The forum formula L = (CTL − ATL − target)/(ka − kc) leaves out the
 * decay of yesterday's CTL and ATL; it is offered as `forum` because users compare against it, and it is what
 * reproduces science.md's example (CTL 50, ATL 55, target −10 → 45.6). Fed through the real update, 45.6 gives
 * form −3.85; the exact load for −10 is 101.7.
 */
import { assertNonNegativeFinite } from './numbers';
import { pmcCoefficient } from './pmc';
import type { PmcForm } from './types';

export type TargetLoadFormula = 'exact' | 'forum';

export interface TargetLoadOptions {
  /** Default `exponential` (as the metric engine). */
  pmcForm: PmcForm;
  /** Default 42. */
  ctlDays: number;
  /** Default 7. */
  atlDays: number;
  /** Default `exact`. */
  formula: TargetLoadFormula;
}

export const DEFAULT_TARGET_LOAD_OPTIONS: Readonly<TargetLoadOptions> = Object.freeze({
  pmcForm: 'exponential',
  ctlDays: 42,
  atlDays: 7,
  formula: 'exact',
});

export interface FitnessState {
  /** CTL before today's load (yesterday's CTL). */
  ctl: number;
  /** ATL before today's load (yesterday's ATL). */
  atl: number;
}

/**
 * The load that brings form (CTL − ATL after today's load) to `targetForm`. Null when no load ≥ 0 reaches it:
 * the load needed is negative (even a rest day leaves form below the target, so the answer is "rest and wait",
 * which the caller shows with `formAfterLoad(state, 0)`), or CTL and ATL share a coefficient (load then moves
 * both alike and cannot change form). A load within 1e-9 below 0 is float residue of "rest exactly" and gives 0.
 */
export function targetLoad(state: FitnessState, targetForm: number, options: Partial<TargetLoadOptions> = {}): number | null {
  const opts = resolve(options);
  checkState(state);
  if (typeof targetForm !== 'number' || !Number.isFinite(targetForm)) throw new RangeError(`targetForm must be a finite number, got ${String(targetForm)}`);
  const kc = pmcCoefficient(opts.ctlDays, opts.pmcForm);
  const ka = pmcCoefficient(opts.atlDays, opts.pmcForm);
  if (kc === ka) return null;
  const load =
    opts.formula === 'forum'
      ? (state.ctl - state.atl - targetForm) / (ka - kc)
      : (targetForm - state.ctl * (1 - kc) + state.atl * (1 - ka)) / (kc - ka);
  if (!Number.isFinite(load)) return null;
  if (load <= 0) return load > -1e-9 ? 0 : null; // also turns −0 into 0
  return load;
}

/** Form (CTL − ATL) after today's `load`, by the metric engine's PMC update (the same coefficients). */
export function formAfterLoad(state: FitnessState, load: number, options: Partial<Omit<TargetLoadOptions, 'formula'>> = {}): number {
  const opts = resolve(options);
  checkState(state);
  assertNonNegativeFinite(load, 'load');
  const kc = pmcCoefficient(opts.ctlDays, opts.pmcForm);
  const ka = pmcCoefficient(opts.atlDays, opts.pmcForm);
  return state.ctl + kc * (load - state.ctl) - (state.atl + ka * (load - state.atl));
}

function resolve(options: Partial<TargetLoadOptions>): TargetLoadOptions {
  const opts: TargetLoadOptions = {
    pmcForm: options.pmcForm ?? DEFAULT_TARGET_LOAD_OPTIONS.pmcForm,
    ctlDays: options.ctlDays ?? DEFAULT_TARGET_LOAD_OPTIONS.ctlDays,
    atlDays: options.atlDays ?? DEFAULT_TARGET_LOAD_OPTIONS.atlDays,
    formula: options.formula ?? DEFAULT_TARGET_LOAD_OPTIONS.formula,
  };
  if (opts.pmcForm !== 'exponential' && opts.pmcForm !== 'trainingpeaks') throw new RangeError(`pmcForm must be exponential or trainingpeaks, got ${String(opts.pmcForm)}`);
  if (opts.formula !== 'exact' && opts.formula !== 'forum') throw new RangeError(`formula must be exact or forum, got ${String(opts.formula)}`);
  for (const key of ['ctlDays', 'atlDays'] as const) {
    const v = opts[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 1) throw new RangeError(`${key} must be a number >= 1, got ${String(v)}`);
  }
  return opts;
}

function checkState(state: FitnessState): void {
  assertNonNegativeFinite(state.ctl, 'ctl');
  assertNonNegativeFinite(state.atl, 'atl');
}
