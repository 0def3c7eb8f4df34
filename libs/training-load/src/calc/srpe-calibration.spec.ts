import fc from 'fast-check';
import { assertCalibration, fitSrpeFromTrimp, MIN_CALIBRATION_PAIRS, trimpToSrpe } from './srpe-calibration';

const line = (slope: number, intercept: number, trimps: number[]) => trimps.map((trimp) => ({ trimp, srpe: slope * trimp + intercept }));

describe('fitSrpeFromTrimp', () => {
  it('should recover an exact line, with r² = 1', () => {
    const fit = fitSrpeFromTrimp(line(3.5, 20, [40, 60, 80, 100, 120, 140, 90, 70, 110, 130]));
    expect(fit).not.toBeNull();
    expect(fit?.slope).toBeCloseTo(3.5, 10);
    expect(fit?.intercept).toBeCloseTo(20, 8);
    expect(fit?.n).toBe(10);
    expect(fit?.r2).toBeCloseTo(1, 12);
  });

  it('should give the ordinary least-squares line of noisy pairs', () => {
    const pairs = [
      [50, 200], [60, 260], [70, 240], [80, 330], [90, 300], [100, 420], [110, 380], [120, 470], [130, 430], [140, 520], [150, 500],
    ].map(([trimp, srpe]) => ({ trimp, srpe }));
    const n = pairs.length;
    const mx = pairs.reduce((s, p) => s + p.trimp, 0) / n;
    const my = pairs.reduce((s, p) => s + p.srpe, 0) / n;
    const slope = pairs.reduce((s, p) => s + (p.trimp - mx) * (p.srpe - my), 0) / pairs.reduce((s, p) => s + (p.trimp - mx) ** 2, 0);
    const fit = fitSrpeFromTrimp(pairs);
    expect(fit?.slope).toBeCloseTo(slope, 10);
    expect(fit?.intercept).toBeCloseTo(my - slope * mx, 8);
    expect(fit?.r2).toBeGreaterThan(0.8);
    expect(fit?.r2).toBeLessThan(1);
  });

  it('should return null under 10 pairs, with no TRIMP variance, or with a slope that is not positive', () => {
    const nine = line(3, 0, [10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(MIN_CALIBRATION_PAIRS).toBe(10);
    expect(fitSrpeFromTrimp(nine)).toBeNull();
    expect(fitSrpeFromTrimp([...nine, { trimp: 100, srpe: 300 }])).not.toBeNull();
    expect(fitSrpeFromTrimp(new Array(12).fill({ trimp: 80, srpe: 300 }))).toBeNull();
    expect(fitSrpeFromTrimp(line(-2, 600, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]))).toBeNull();
    expect(fitSrpeFromTrimp([])).toBeNull();
  });

  it('should return null when every sRPE is the same (the slope is 0)', () => {
    expect(fitSrpeFromTrimp(line(0, 300, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]))).toBeNull();
  });

  it('should reject negative or non-finite values', () => {
    const ok = line(3, 0, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(() => fitSrpeFromTrimp([...ok, { trimp: -1, srpe: 10 }])).toThrow(RangeError);
    expect(() => fitSrpeFromTrimp([...ok, { trimp: 1, srpe: Number.NaN }])).toThrow(RangeError);
  });

  it('should keep r² in [0, 1] and the residuals summing to 0 for any fit it returns', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ trimp: fc.double({ min: 0, max: 400, noNaN: true }), srpe: fc.double({ min: 0, max: 1500, noNaN: true }) }), {
          minLength: 10,
          maxLength: 60,
          size: 'max',
        }),
        (pairs) => {
          const fit = fitSrpeFromTrimp(pairs);
          if (fit === null) return;
          expect(fit.slope).toBeGreaterThan(0);
          expect(fit.r2 >= 0 && fit.r2 <= 1).toBe(true);
          const residuals = pairs.reduce((s, p) => s + (p.srpe - (fit.slope * p.trimp + fit.intercept)), 0);
          expect(Math.abs(residuals)).toBeLessThanOrEqual(1e-6 * pairs.reduce((s, p) => s + p.srpe + 1, 0));
        },
      ),
    );
  });
});

describe('trimpToSrpe', () => {
  const fit = { slope: 3, intercept: -60, n: 12, r2: 0.9 };

  it('should map through the line and clamp at 0', () => {
    expect(trimpToSrpe(100, fit)).toBe(240);
    expect(trimpToSrpe(20, fit)).toBe(0);
    expect(trimpToSrpe(0, { ...fit, intercept: 15 })).toBe(15);
  });

  it('should reject a negative TRIMP and an unusable calibration', () => {
    expect(() => trimpToSrpe(-1, fit)).toThrow(RangeError);
    expect(() => trimpToSrpe(10, { ...fit, slope: 0 })).toThrow(RangeError);
    expect(() => trimpToSrpe(10, { ...fit, intercept: Number.NaN })).toThrow(RangeError);
    expect(() => assertCalibration({ ...fit, n: 9 })).toThrow(RangeError);
  });
});
