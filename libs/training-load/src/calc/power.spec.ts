import fc from 'fast-check';
import { intensityFactor, normalizedPower, NP_WINDOW_S, tss, tssFromPowerSamples } from './power';

describe('normalizedPower', () => {
  it('should equal the power of a steady ride and exceed the average of a variable one', () => {
    expect(normalizedPower(new Array<number>(600).fill(180))).toBe(180);
    const intervals = Array.from({ length: 3600 }, (_, i) => (Math.floor(i / 60) % 2 === 0 ? 350 : 100)); // 1-min on/off
    const average = intervals.reduce((a, b) => a + b, 0) / intervals.length;
    expect(average).toBe(225);
    expect(normalizedPower(intervals) as number).toBeGreaterThan(average + 20);
  });

  it('should use 30-s rolling averages: a single 1-s spike adds its 30-s share, not its own 4th power', () => {
    const flat = new Array<number>(NP_WINDOW_S + 29).fill(0);
    flat[29] = 3000;
    // 30 rolling windows contain the spike, each averaging 100 W; there are 30 windows in all
    expect(normalizedPower(flat)).toBeCloseTo(100, 9);
  });

  it('should need 30 samples, count dropouts as 0 W, and give 0 for a ride of zeros', () => {
    expect(normalizedPower(new Array<number>(29).fill(250))).toBeNull();
    expect(normalizedPower(new Array<number>(30).fill(250))).toBe(250);
    expect(normalizedPower(new Array<number | null>(60).fill(null))).toBe(0);
    const withGaps: (number | null)[] = new Array<number | null>(60).fill(200);
    withGaps[40] = null;
    expect(normalizedPower(withGaps)).toBeLessThan(200);
  });

  it('should reject negative or non-finite samples', () => {
    expect(() => normalizedPower([...new Array<number>(40).fill(100), -1])).toThrow(RangeError);
    expect(() => normalizedPower([Number.NaN])).toThrow(RangeError);
  });

  it('should lie between the mean and the maximum power for any ride of at least 30 s', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1500 }), { minLength: 30, maxLength: 400, size: 'max' }), (watts) => {
        const np = normalizedPower(watts) as number;
        const rolling: number[] = [];
        for (let i = 29; i < watts.length; i++) rolling.push(watts.slice(i - 29, i + 1).reduce((a, b) => a + b, 0) / 30);
        const rollingMean = rolling.reduce((a, b) => a + b, 0) / rolling.length;
        expect(np).toBeGreaterThanOrEqual(rollingMean - 1e-9);
        expect(np).toBeLessThanOrEqual(Math.max(...watts) + 1e-9);
      }),
    );
  });
});

describe('tss and intensityFactor', () => {
  it('should equal hours × IF² × 100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 36000 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 50, max: 500 }), (durationS, np, ftp) => {
        const value = tss({ durationS, np, ftp });
        const expected = (durationS / 3600) * (np / ftp) ** 2 * 100;
        expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
      }),
    );
  });

  it('should take one second per sample for TSS from samples', () => {
    expect(tssFromPowerSamples(new Array<number>(1800).fill(250), 250)).toBe(50);
    expect(tssFromPowerSamples(new Array<number>(20).fill(250), 250)).toBeNull();
  });

  it('should reject FTP ≤ 0, negative NP and negative durations', () => {
    expect(() => intensityFactor(200, 0)).toThrow(RangeError);
    expect(() => intensityFactor(-1, 250)).toThrow(RangeError);
    expect(() => tss({ durationS: -1, np: 200, ftp: 250 })).toThrow(RangeError);
    expect(() => tssFromPowerSamples([], Number.NaN)).toThrow(RangeError);
  });
});
