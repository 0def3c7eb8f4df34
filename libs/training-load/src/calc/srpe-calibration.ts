/**
 * Per-athlete mapping of TRIMP onto the athlete's own session-RPE scale (SPEC §4 "session load"): a least-squares
 * line `sRPE ≈ slope × TRIMP + intercept` fitted on the athlete's sessions that have both an RPE and a TRIMP.
 * sRPE AU and TRIMP AU are different units (the 60-min hard session of science.md §1.1/§1.2 is 420 AU vs 118),
 * and science.md §0 forbids mixing units in one series, so an HR-only session joins an sRPE series only
 * through this fit.
 */

/** Sessions with both an RPE and a TRIMP needed before the fit is used (SPEC §4). */
export const MIN_CALIBRATION_PAIRS = 10;

export interface SrpeTrimpPair {
  trimp: number;
  srpe: number;
}

export interface SrpeCalibration {
  slope: number;
  intercept: number;
  /** Pairs the line was fitted on. */
  n: number;
  /** Coefficient of determination (0..1). */
  r2: number;
}

/**
 * Least-squares fit of sRPE on TRIMP. Null with fewer than 10 pairs, when every TRIMP is the same (no slope
 * exists), or when the slope is not positive: a line on which harder heart-rate sessions felt easier would turn
 * intensity upside down, so such a fit is not a calibration and HR-only sessions stay `estimated`.
 * Throws a RangeError for a negative or non-finite value.
 */
export function fitSrpeFromTrimp(input: readonly SrpeTrimpPair[]): SrpeCalibration | null {
  if (!Array.isArray(input)) throw new RangeError('pairs must be an array');
  input.forEach((pair, i) => {
    for (const key of ['trimp', 'srpe'] as const) {
      const v = pair[key];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        throw new RangeError(`pair ${i}: ${key} must be a finite number >= 0, got ${String(v)}`);
      }
    }
  });
  const n = input.length;
  if (n < MIN_CALIBRATION_PAIRS) return null;
  // Sorted first: float sums depend on order, and the fit must not depend on the order rows come from a database.
  const pairs = [...input].sort((a, b) => a.trimp - b.trimp || a.srpe - b.srpe);
  let sumX = 0;
  let sumY = 0;
  for (const { trimp, srpe } of pairs) {
    sumX += trimp;
    sumY += srpe;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  // centred sums (two-pass): no cancellation when loads are large and close together
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const { trimp, srpe } of pairs) {
    const dx = trimp - meanX;
    const dy = srpe - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  if (!(slope > 0) || !Number.isFinite(slope)) return null;
  const intercept = meanY - slope * meanX;
  let ssRes = 0;
  for (const { trimp, srpe } of pairs) ssRes += (srpe - (slope * trimp + intercept)) ** 2;
  // slope > 0 means sxy > 0, so syy > 0 too; the clamp only removes float error at 0 and 1
  const r2 = Math.min(1, Math.max(0, 1 - ssRes / syy));
  return { slope, intercept, n, r2 };
}

/** sRPE-scale load of a TRIMP through the fit, never below 0 (a negative intercept must not give negative load). */
export function trimpToSrpe(trimp: number, calibration: SrpeCalibration): number {
  if (typeof trimp !== 'number' || !Number.isFinite(trimp) || trimp < 0) {
    throw new RangeError(`trimp must be a finite number >= 0, got ${String(trimp)}`);
  }
  assertCalibration(calibration);
  return Math.max(0, calibration.slope * trimp + calibration.intercept);
}

/** Throws a RangeError unless `calibration` is a usable fit (finite, slope > 0, at least 10 pairs). */
export function assertCalibration(calibration: SrpeCalibration): void {
  const { slope, intercept, n } = calibration;
  if (typeof slope !== 'number' || !Number.isFinite(slope) || slope <= 0 || typeof intercept !== 'number' || !Number.isFinite(intercept)) {
    throw new RangeError(`calibration needs a finite slope > 0 and a finite intercept, got ${String(slope)}, ${String(intercept)}`);
  }
  if (!Number.isInteger(n) || n < MIN_CALIBRATION_PAIRS) {
    throw new RangeError(`calibration must come from at least ${MIN_CALIBRATION_PAIRS} pairs, got n=${String(n)}`);
  }
}
