import fc from 'fast-check';
import {
  banisterTrimp,
  banisterTrimpSamples,
  edwardsTrimp,
  edwardsZoneSeconds,
  type HrSample,
  MAX_HR_SAMPLE_GAP_S,
  thresholdHourTrimp,
  trimp100,
} from './trimp';

const profile = { hrRest: 55, hrMax: 190 };

/** One sample per `step` seconds from 0 to `seconds` (both included) at a constant HR. */
function constant(hr: number, seconds: number, step = 1): HrSample[] {
  return Array.from({ length: seconds / step + 1 }, (_, i) => ({ t: i * step, hr }));
}

describe('banisterTrimpSamples', () => {
  it('should equal the average-HR TRIMP for a constant HR (1 h at 155 bpm → 117.94)', () => {
    const perSample = banisterTrimpSamples(constant(155, 3600), profile);
    expect(perSample).toBeCloseTo(banisterTrimp({ durationMin: 60, hrAvg: 155, ...profile }), 8);
    expect(perSample).toBeCloseTo(117.94, 2);
    expect(banisterTrimpSamples(constant(155, 3600, 5), { ...profile, sex: 'female' })).toBeCloseTo(131.69, 2);
  });

  it('should score an interval session above the TRIMP of its average HR (exponential weighting)', () => {
    // 30 min at 120 bpm and 30 min at 180 bpm: average 150
    const samples = [...constant(120, 1799), ...constant(180, 1800).map((s) => ({ t: s.t + 1800, hr: s.hr }))];
    const perSample = banisterTrimpSamples(samples, profile);
    const average = banisterTrimp({ durationMin: 60, hrAvg: 150, ...profile });
    expect(perSample).toBeGreaterThan(average * 1.05);
  });

  it('should count a gap longer than 30 s as 30 s, so a pause does not score as effort', () => {
    const paused = [
      { t: 0, hr: 160 },
      { t: 600, hr: 160 },
      { t: 1800, hr: 160 }, // 20-min gap (watch paused)
      { t: 2400, hr: 160 },
    ];
    const expected = banisterTrimp({ durationMin: (600 + MAX_HR_SAMPLE_GAP_S + 600) / 60, hrAvg: 160, ...profile });
    // 600 s intervals are themselves gaps > 30 s, so spell the session out at 1 Hz instead
    const dense = [...constant(160, 600), ...constant(160, 600).map((s) => ({ t: s.t + 1800, hr: s.hr }))];
    expect(banisterTrimpSamples(dense, profile)).toBeCloseTo(expected, 9);
    expect(banisterTrimpSamples(paused, profile)).toBeCloseTo(banisterTrimp({ durationMin: 1.5, hrAvg: 160, ...profile }), 9);
    expect(banisterTrimpSamples(paused, profile, 600)).toBeCloseTo(banisterTrimp({ durationMin: 30, hrAvg: 160, ...profile }), 9);
  });

  it('should count dropouts (null or 0) and HR below rest as 0, and use the HR held from the earlier sample', () => {
    expect(
      banisterTrimpSamples(
        [
          { t: 0, hr: null },
          { t: 10, hr: 0 },
          { t: 20, hr: 40 },
          { t: 30, hr: 150 },
          { t: 40, hr: 170 },
        ],
        profile,
      ),
    ).toBeCloseTo(banisterTrimp({ durationMin: 10 / 60, hrAvg: 150, ...profile }), 12);
  });

  it('should give 0 for fewer than 2 samples and for repeated timestamps', () => {
    expect(banisterTrimpSamples([], profile)).toBe(0);
    expect(banisterTrimpSamples([{ t: 0, hr: 150 }], profile)).toBe(0);
    expect(banisterTrimpSamples([{ t: 5, hr: 150 }, { t: 5, hr: 150 }], profile)).toBe(0);
  });

  it('should reject decreasing or non-finite timestamps, negative HR and a bad profile or gap', () => {
    expect(() => banisterTrimpSamples([{ t: 10, hr: 150 }, { t: 5, hr: 150 }], profile)).toThrow(RangeError);
    expect(() => banisterTrimpSamples([{ t: Number.NaN, hr: 150 }], profile)).toThrow(RangeError);
    expect(() => banisterTrimpSamples([{ t: -1, hr: 150 }], profile)).toThrow(RangeError);
    expect(() => banisterTrimpSamples([{ t: 0, hr: -3 }], profile)).toThrow(RangeError);
    expect(() => banisterTrimpSamples([{ t: 0, hr: Number.POSITIVE_INFINITY }], profile)).toThrow(RangeError);
    expect(() => banisterTrimpSamples([], { hrRest: 190, hrMax: 55 })).toThrow(RangeError);
    expect(() => banisterTrimpSamples([], profile, 0)).toThrow(RangeError);
  });

  it('should be additive over a split session and never negative', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 90 }), hr: fc.option(fc.integer({ min: 0, max: 220 })) }), { minLength: 2, maxLength: 200, size: 'max' }),
        fc.nat(),
        (raw, cut) => {
          let t = 0;
          const samples = raw.map(({ dt, hr }) => ({ t: (t += dt), hr }));
          const k = 1 + (cut % (samples.length - 1));
          const whole = banisterTrimpSamples(samples, profile);
          const parts = banisterTrimpSamples(samples.slice(0, k + 1), profile) + banisterTrimpSamples(samples.slice(k), profile);
          expect(whole).toBeGreaterThanOrEqual(0);
          expect(Math.abs(whole - parts)).toBeLessThanOrEqual(1e-9 * Math.max(1, whole));
        },
      ),
    );
  });
});

describe('edwardsTrimp', () => {
  it('should weight the five zones 1..5', () => {
    expect(edwardsTrimp([1, 0, 0, 0, 0])).toBe(1);
    expect(edwardsTrimp([0, 0, 0, 0, 1])).toBe(5);
    expect(edwardsTrimp([0, 0, 0, 0, 0])).toBe(0);
    expect(edwardsTrimp([0, 0, 120, 0, 0], 's')).toBe(6);
  });

  it('should reject anything but five finite non-negative times', () => {
    expect(() => edwardsTrimp([1, 2, 3, 4])).toThrow(RangeError);
    expect(() => edwardsTrimp([1, 2, 3, 4, 5, 6])).toThrow(RangeError);
    expect(() => edwardsTrimp([1, 2, -3, 4, 5])).toThrow(RangeError);
    expect(() => edwardsTrimp([1, 2, Number.NaN, 4, 5])).toThrow(RangeError);
  });
});

describe('edwardsZoneSeconds', () => {
  it('should put each interval in the zone of its %HRmax (floors included, ≥ 100 % in zone 5, < 50 % nowhere)', () => {
    const hrMax = 200;
    const samples: HrSample[] = [
      { t: 0, hr: 90 }, // 45 %: no zone
      { t: 10, hr: 100 }, // 50 %: zone 1
      { t: 20, hr: 139 }, // 69.5 %: zone 2
      { t: 30, hr: 160 }, // 80 %: zone 4
      { t: 40, hr: 210 }, // 105 %: zone 5
      { t: 50, hr: null }, // dropout
      { t: 60, hr: 150 },
    ];
    expect(edwardsZoneSeconds(samples, hrMax)).toEqual([10, 10, 0, 10, 10]);
    expect(edwardsTrimp(edwardsZoneSeconds(samples, hrMax), 's')).toBeCloseTo((10 + 20 + 40 + 50) / 60, 12);
  });

  it('should cap gaps like the Banister samples and reject a bad HRmax', () => {
    expect(edwardsZoneSeconds([{ t: 0, hr: 150 }, { t: 600, hr: 150 }], 190)).toEqual([0, 0, MAX_HR_SAMPLE_GAP_S, 0, 0]);
    expect(() => edwardsZoneSeconds([], 0)).toThrow(RangeError);
  });
});

describe('trimp100', () => {
  const withThreshold = { ...profile, hrThreshold: 170 };

  it('should score one hour at threshold HR exactly 100', () => {
    expect(trimp100(banisterTrimp({ durationMin: 60, hrAvg: 170, ...profile }), withThreshold)).toBe(100);
    expect(trimp100(banisterTrimp({ durationMin: 60, hrAvg: 170, ...profile, sex: 'female' }), { ...withThreshold, sex: 'female' })).toBe(100);
  });

  it('should match GoldenCheetah for women, which keeps a = 0.64 (the coefficient cancels)', () => {
    const hrr = (150 - 55) / 135;
    const lt = (170 - 55) / 135;
    const gc = (100 * (45 * hrr * 0.64 * Math.exp(1.67 * hrr))) / (60 * lt * 0.64 * Math.exp(1.67 * lt));
    const ours = trimp100(banisterTrimp({ durationMin: 45, hrAvg: 150, ...profile, sex: 'female' }), { ...withThreshold, sex: 'female' });
    expect(ours).toBeCloseTo(gc, 9);
  });

  it('should reject a threshold HR at or below rest and a negative TRIMP', () => {
    expect(() => thresholdHourTrimp({ ...profile, hrThreshold: 55 })).toThrow(RangeError);
    expect(() => trimp100(10, { ...profile, hrThreshold: Number.NaN })).toThrow(RangeError);
    expect(() => trimp100(-1, withThreshold)).toThrow(RangeError);
  });
});
