import { banisterTrimp, DEFAULT_ESTIMATED_RPE, sessionLoad, sessionMinutes, srpeLoad } from './session-load';

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
