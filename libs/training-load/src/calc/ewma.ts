import type { EwmaSeed } from './types';

/** Williams et al. 2017 smoothing constant λ = 2/(N+1): 0.25 for 7 days, 0.068966 for 28. */
export function ewmaLambda(days: number): number {
  if (!Number.isFinite(days) || days < 1) throw new RangeError(`EWMA span must be >= 1 day, got ${days}`);
  return 2 / (days + 1);
}

/**
 * `E_t = λ·L_t + (1−λ)·E_{t−1}` over the whole series, λ = 2/(days+1).
 * Seed `first`: E_0 = L_0. Seed `zero`: E_{−1} = 0, so E_0 = λ·L_0.
 * `previous` resumes a series: it is E of the day before `loads[0]`, and the seed no longer applies.
 */
export function ewmaSeries(loads: readonly number[], days: number, seed: EwmaSeed, previous?: number): number[] {
  const lambda = ewmaLambda(days);
  const out = new Array<number>(loads.length);
  const fresh = previous === undefined;
  let e = previous ?? 0;
  for (let i = 0; i < loads.length; i++) {
    e = i === 0 && fresh && seed === 'first' ? loads[0] : lambda * loads[i] + (1 - lambda) * e;
    out[i] = e;
  }
  return out;
}
