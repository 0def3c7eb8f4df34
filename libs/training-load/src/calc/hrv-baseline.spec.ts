import { addDays } from './dates';
import { DEFAULT_LN_RMSSD_OPTIONS, lnRmssdStatus, type RmssdReading } from './hrv-baseline';

const START = '2026-01-01';
const series = (values: readonly (number | null)[]): RmssdReading[] => values.map((rmssd, i) => ({ date: addDays(START, i), rmssd }));
const dayOf = (i: number) => addDays(START, i);
const repeat = (value: number | null, n: number) => new Array<number | null>(n).fill(value);

describe('lnRmssdStatus', () => {
  it('should default to a 7-day mean against a 60-day baseline, 3 readings, SWC 0.5 SD', () => {
    expect(DEFAULT_LN_RMSSD_OPTIONS).toEqual({ acuteDays: 7, baselineDays: 60, minAcuteReadings: 3, minBaselineReadings: 21, swcFactor: 0.5 });
  });

  it('should exclude the current 7 days from the baseline', () => {
    // 60 baseline days alternating 55/65, then a week at 40: an included week would drag the baseline down
    const values = [...Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 55 : 65)), ...repeat(40, 7)];
    const s = lnRmssdStatus(series(values), dayOf(66));
    expect(s.baselineReadings).toBe(60);
    expect(s.acuteReadings).toBe(7);
    expect(s.baselineMean).toBeCloseTo((Math.log(55) + Math.log(65)) / 2, 12);
    expect(s.mean7).toBeCloseTo(Math.log(40), 12);
    expect(s.status).toBe('below');
  });

  it('should ignore readings older than the baseline window and after the day', () => {
    const values = [...repeat(20, 10), ...Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 55 : 65)), ...repeat(60, 7), ...repeat(5, 3)];
    const s = lnRmssdStatus(series(values), dayOf(76));
    expect(s.baselineReadings).toBe(60);
    expect(s.baselineMean).toBeCloseTo((Math.log(55) + Math.log(65)) / 2, 12);
    expect(s.mean7).toBeCloseTo(Math.log(60), 12);
    expect(s.status).toBe('within');
  });

  it('should say above when the 7-day mean is over the band', () => {
    const values = [...Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 55 : 65)), ...repeat(80, 7)];
    expect(lnRmssdStatus(series(values), dayOf(36)).status).toBe('above');
  });

  it('should need 3 readings in the 7 days (2: null; 3: defined) and 21 in the baseline', () => {
    const base = Array.from({ length: 28 }, (_, i) => (i % 2 === 0 ? 55 : 65));
    const two = lnRmssdStatus(series([...base, 50, null, null, 50, null, null, null]), dayOf(34));
    expect(two.acuteReadings).toBe(2);
    expect([two.mean7, two.z, two.status]).toEqual([null, null, null]);
    expect(two.baselineMean).not.toBeNull();
    const three = lnRmssdStatus(series([...base, 50, null, null, 50, null, null, 50]), dayOf(34));
    expect(three.mean7).toBeCloseTo(Math.log(50), 12);
    expect(three.status).toBe('below');
    const thinBaseline = lnRmssdStatus(series([...repeat(null, 8), ...base.slice(0, 20), ...repeat(50, 7)]), dayOf(34));
    expect(thinBaseline.baselineReadings).toBe(20);
    expect([thinBaseline.baselineMean, thinBaseline.baselineSd, thinBaseline.lower, thinBaseline.status]).toEqual([null, null, null, null]);
  });

  it('should give no z and no status when the baseline SD is 0, rather than Infinity', () => {
    const s = lnRmssdStatus(series([...repeat(60, 28), ...repeat(50, 7)]), dayOf(34));
    expect(s.baselineSd).toBe(0);
    expect(s.z).toBeNull();
    expect(s.status).toBeNull();
  });

  it('should switch from below to within right at the lower band edge', () => {
    const base = Array.from({ length: 28 }, (_, i) => (i % 2 === 0 ? 50 : 72));
    const { lower } = lnRmssdStatus(series([...base, ...repeat(60, 7)]), dayOf(34), { baselineDays: 28 });
    const edge = Math.exp(lower as number);
    expect(lnRmssdStatus(series([...base, ...repeat(edge * 1.001, 7)]), dayOf(34), { baselineDays: 28 }).status).toBe('within');
    expect(lnRmssdStatus(series([...base, ...repeat(edge * 0.999, 7)]), dayOf(34), { baselineDays: 28 }).status).toBe('below');
  });

  it('should reject bad readings, duplicate days and bad options', () => {
    expect(() => lnRmssdStatus([{ date: START, rmssd: 0 }], START)).toThrow(RangeError);
    expect(() => lnRmssdStatus([{ date: START, rmssd: -5 }], START)).toThrow(RangeError);
    expect(() => lnRmssdStatus([{ date: START, rmssd: Number.NaN }], START)).toThrow(RangeError);
    expect(() => lnRmssdStatus([{ date: START, rmssd: 50 }, { date: START, rmssd: 52 }], START)).toThrow(RangeError);
    expect(() => lnRmssdStatus([{ date: '2026-13-01', rmssd: 50 }], START)).toThrow(RangeError);
    expect(() => lnRmssdStatus([], 'today')).toThrow(RangeError);
    expect(() => lnRmssdStatus([], START, { minAcuteReadings: 8 })).toThrow(RangeError);
    expect(() => lnRmssdStatus([], START, { baselineDays: 10, minBaselineReadings: 21 })).toThrow(RangeError);
    expect(() => lnRmssdStatus([], START, { swcFactor: -0.5 })).toThrow(RangeError);
  });

  it('should return counts of zero and nulls for no readings', () => {
    expect(lnRmssdStatus([], START)).toEqual({
      date: START,
      mean7: null,
      baselineMean: null,
      baselineSd: null,
      lower: null,
      upper: null,
      z: null,
      status: null,
      acuteReadings: 0,
      baselineReadings: 0,
    });
  });
});
