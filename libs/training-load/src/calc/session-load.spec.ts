import {
  banisterTrimp,
  calibrationPair,
  DEFAULT_ESTIMATED_RPE,
  sessionEdwardsTrimp,
  sessionLoad,
  sessionMinutes,
  sessionTrimp,
  sessionTrimp100,
  sessionTss,
  srpeLoad,
} from './session-load';
import { fitSrpeFromTrimp, type SrpeCalibration } from './srpe-calibration';
import { banisterTrimpSamples } from './trimp';

const profile = { sex: 'male' as const, hrRest: 55, hrMax: 190 };

describe('sessionLoad method selection', () => {
  it('should use sRPE when RPE is known, even with heart rate available', () => {
    expect(sessionLoad({ durationS: 3600, rpe: 7, avgHr: 155 }, profile)).toEqual({ load: 420, method: 'srpe' });
  });

  it('should use moving time instead of elapsed duration when it is given and positive', () => {
    expect(sessionLoad({ durationS: 4500, movingTimeS: 3600, rpe: 5 }, {})).toEqual({ load: 300, method: 'srpe' });
    expect(sessionLoad({ durationS: 4500, movingTimeS: 0, rpe: 5 }, {})).toEqual({ load: 375, method: 'srpe' });
    expect(sessionLoad({ durationS: 4500, movingTimeS: null, rpe: 5 }, {})).toEqual({ load: 375, method: 'srpe' });
    expect(sessionMinutes({ durationS: 90 })).toBe(1.5);
  });

  it('should give RPE 0 a load of 0 by sRPE (a rated rest session, not an unknown one)', () => {
    expect(sessionLoad({ durationS: 1800, rpe: 0, avgHr: 120 }, profile)).toEqual({ load: 0, method: 'srpe' });
  });

  it('should use TRIMP from average HR when there is no RPE and the HR profile is usable', () => {
    const result = sessionLoad({ durationS: 3600, avgHr: 155 }, profile);
    expect(result.method).toBe('trimp');
    expect(result.load).toBeCloseTo(117.94, 2);
  });

  it('should use the male coefficients when sex is unknown', () => {
    const unknown = sessionLoad({ durationS: 3600, avgHr: 155 }, { hrRest: 55, hrMax: 190, sex: null });
    const male = sessionLoad({ durationS: 3600, avgHr: 155 }, profile);
    const female = sessionLoad({ durationS: 3600, avgHr: 155 }, { ...profile, sex: 'female' });
    expect(unknown).toEqual(male);
    expect(female.load).toBeCloseTo(131.69, 2);
  });

  it.each([
    ['no HR at all', { durationS: 2700 }, profile],
    ['average HR 0 (sensor dropout)', { durationS: 2700, avgHr: 0 }, profile],
    ['no HR rest', { durationS: 2700, avgHr: 150 }, { hrMax: 190 }],
    ['no HR max', { durationS: 2700, avgHr: 150 }, { hrRest: 55, hrMax: null }],
    ['HR max not above HR rest', { durationS: 2700, avgHr: 150 }, { hrRest: 60, hrMax: 60 }],
  ])('should fall back to an estimate (45 min × RPE 4 = 180) with %s', (_label, session, athlete) => {
    expect(sessionLoad(session, athlete)).toEqual({ load: 45 * DEFAULT_ESTIMATED_RPE, method: 'estimated' });
    expect(DEFAULT_ESTIMATED_RPE).toBe(4);
  });

  it.each([11, -1, Number.NaN, Number.POSITIVE_INFINITY])('should reject RPE %d', (rpe) => {
    expect(() => sessionLoad({ durationS: 600, rpe }, {})).toThrow(RangeError);
    expect(() => srpeLoad(rpe, 10)).toThrow(RangeError);
  });

  it.each([-1, Number.NaN])('should reject a duration of %d seconds', (durationS) => {
    expect(() => sessionLoad({ durationS, rpe: 5 }, {})).toThrow(RangeError);
    expect(() => sessionLoad({ durationS: 600, movingTimeS: durationS, rpe: 5 }, {})).toThrow(RangeError);
  });
});

describe('banisterTrimp', () => {
  it('should return 0 when the average HR is below resting HR', () => {
    expect(banisterTrimp({ durationMin: 60, hrAvg: 50, hrRest: 55, hrMax: 190 })).toBe(0);
  });

  it('should return 0 at exactly resting HR and grow with average HR', () => {
    expect(banisterTrimp({ durationMin: 60, hrAvg: 55, hrRest: 55, hrMax: 190 })).toBe(0);
    const low = banisterTrimp({ durationMin: 60, hrAvg: 120, hrRest: 55, hrMax: 190 });
    const high = banisterTrimp({ durationMin: 60, hrAvg: 160, hrRest: 55, hrMax: 190 });
    expect(high).toBeGreaterThan(low);
    expect(low).toBeGreaterThan(0);
  });

  it('should scale linearly with duration', () => {
    const one = banisterTrimp({ durationMin: 30, hrAvg: 150, hrRest: 55, hrMax: 190, sex: 'female' });
    const two = banisterTrimp({ durationMin: 60, hrAvg: 150, hrRest: 55, hrMax: 190, sex: 'female' });
    expect(two).toBeCloseTo(2 * one, 10);
  });

  it('should reject an unusable HR profile or average', () => {
    expect(() => banisterTrimp({ durationMin: 60, hrAvg: 150, hrRest: 190, hrMax: 55 })).toThrow(RangeError);
    expect(() => banisterTrimp({ durationMin: 60, hrAvg: Number.NaN, hrRest: 55, hrMax: 190 })).toThrow(RangeError);
    expect(() => banisterTrimp({ durationMin: -5, hrAvg: 150, hrRest: 55, hrMax: 190 })).toThrow(RangeError);
  });
});

describe('sessionLoad with a calibration argument (SPEC §4 chain)', () => {
  const fit: SrpeCalibration = { slope: 3, intercept: 30, n: 14, r2: 0.8 };

  it('should still use sRPE first when RPE is known', () => {
    expect(sessionLoad({ durationS: 3600, rpe: 7, avgHr: 155 }, profile, fit)).toEqual({ load: 420, method: 'srpe' });
    expect(sessionLoad({ durationS: 3600, rpe: 7, avgHr: 155 }, profile, null)).toEqual({ load: 420, method: 'srpe' });
  });

  it('should map TRIMP onto the athlete sRPE scale through the fit, as method trimp', () => {
    const result = sessionLoad({ durationS: 3600, avgHr: 155 }, profile, fit);
    expect(result.method).toBe('trimp');
    expect(result.load).toBeCloseTo(3 * 117.94 + 30, 1);
  });

  it('should clamp a mapped load at 0', () => {
    const result = sessionLoad({ durationS: 60, avgHr: 60 }, profile, { ...fit, intercept: -100 });
    expect(result).toEqual({ load: 0, method: 'trimp' });
  });

  it('should estimate (duration × RPE 4) an HR-only session while there is no fit', () => {
    expect(sessionLoad({ durationS: 3600, avgHr: 155 }, profile, null)).toEqual({ load: 60 * DEFAULT_ESTIMATED_RPE, method: 'estimated' });
    // the two-argument form keeps the raw TRIMP for existing callers
    expect(sessionLoad({ durationS: 3600, avgHr: 155 }, profile).method).toBe('trimp');
  });

  it('should estimate when the fit exists but the session has no usable HR', () => {
    expect(sessionLoad({ durationS: 2700 }, profile, fit)).toEqual({ load: 180, method: 'estimated' });
    expect(sessionLoad({ durationS: 2700, avgHr: 150 }, { hrMax: 190 }, fit)).toEqual({ load: 180, method: 'estimated' });
  });

  it('should prefer per-sample TRIMP to average HR when samples exist', () => {
    const hrSamples = Array.from({ length: 3601 }, (_, t) => ({ t, hr: t < 1800 ? 120 : 180 }));
    const perSample = banisterTrimpSamples(hrSamples, profile);
    expect(sessionTrimp({ durationS: 3600, avgHr: 150, hrSamples }, profile)).toBe(perSample);
    expect(sessionLoad({ durationS: 3600, avgHr: 150, hrSamples }, profile, fit).load).toBeCloseTo(3 * perSample + 30, 9);
    // samples without any HR fall back to the average
    const blank = hrSamples.map((x) => ({ t: x.t, hr: null }));
    expect(sessionTrimp({ durationS: 3600, avgHr: 155, hrSamples: blank }, profile)).toBeCloseTo(117.94, 2);
  });

  it('should reject an unusable calibration', () => {
    expect(() => sessionLoad({ durationS: 3600, avgHr: 155 }, profile, { ...fit, slope: -1 })).toThrow(RangeError);
  });

  it('should end up on the sRPE scale once 10 rated sessions calibrate the athlete', () => {
    // an athlete whose RPE tracks HR: rated sessions give the pairs, the fit maps an unrated one
    const rated = [120, 130, 140, 150, 160, 125, 135, 145, 155, 165].map((avgHr, i) => ({ durationS: 2400 + 300 * i, avgHr, rpe: (avgHr - 95) / 10 }));
    const pairs = rated.map((session) => calibrationPair(session, profile)).filter((p) => p !== null);
    expect(pairs).toHaveLength(10);
    const calibration = fitSrpeFromTrimp(pairs);
    expect(calibration).not.toBeNull();
    const unrated = sessionLoad({ durationS: 3600, avgHr: 155 }, profile, calibration);
    expect(unrated.method).toBe('trimp');
    expect(unrated.load).toBeGreaterThan(300); // RPE 6 × 60 min is 360 AU on this athlete's scale
    expect(unrated.load).toBeLessThan(420);
  });
});

describe('other session scales', () => {
  it('should give no calibration pair without an RPE or without HR', () => {
    expect(calibrationPair({ durationS: 3600, avgHr: 150 }, profile)).toBeNull();
    expect(calibrationPair({ durationS: 3600, rpe: 5 }, profile)).toBeNull();
    expect(calibrationPair({ durationS: 3600, rpe: 5, avgHr: 155 }, profile)).toEqual({ trimp: expect.closeTo(117.94, 2), srpe: 300 });
  });

  it('should give TRIMP100 only with a threshold HR above rest', () => {
    expect(sessionTrimp100({ durationS: 3600, avgHr: 170 }, { ...profile, hrThreshold: 170 })).toBeCloseTo(100, 10);
    expect(sessionTrimp100({ durationS: 3600, avgHr: 170 }, profile)).toBeNull();
    expect(sessionTrimp100({ durationS: 3600, avgHr: 170 }, { ...profile, hrThreshold: 50 })).toBeNull();
    expect(sessionTrimp100({ durationS: 3600 }, { ...profile, hrThreshold: 170 })).toBeNull();
  });

  it('should give TSS from samples first, else from the summary NP over moving time, and null without FTP or power', () => {
    const powerSamples = new Array<number>(3600).fill(250);
    expect(sessionTss({ durationS: 3600, powerSamples, normalizedPower: 100 }, { ftp: 250 })).toBe(100);
    expect(sessionTss({ durationS: 4000, movingTimeS: 3600, normalizedPower: 250 }, { ftp: 250 })).toBe(100);
    expect(sessionTss({ durationS: 3600, powerSamples: [250, 250] , normalizedPower: 250 }, { ftp: 250 })).toBe(100);
    expect(sessionTss({ durationS: 3600, normalizedPower: 250 }, {})).toBeNull();
    expect(sessionTss({ durationS: 3600 }, { ftp: 250 })).toBeNull();
  });

  it('should give Edwards TRIMP from zone seconds, else from samples and HRmax', () => {
    expect(sessionEdwardsTrimp({ durationS: 3600, hrZoneSeconds: [600, 1200, 1200, 480, 120] }, {})).toBe(152);
    const hrSamples = Array.from({ length: 601 }, (_, t) => ({ t, hr: 171 })); // 90 % of 190: zone 5
    expect(sessionEdwardsTrimp({ durationS: 600, hrSamples }, profile)).toBe(50);
    expect(sessionEdwardsTrimp({ durationS: 600, hrSamples }, {})).toBeNull();
    expect(sessionEdwardsTrimp({ durationS: 600 }, profile)).toBeNull();
  });
});
