import { addDays } from './dates';
import { DEFAULT_RESTING_HR_OPTIONS, restingHrStatus, type RestingHrReading } from './resting-hr';

const START = '2026-02-01';
const series = (values: readonly (number | null)[]): RestingHrReading[] => values.map((restingHr, i) => ({ date: addDays(START, i), restingHr }));
const repeat = (value: number | null, n: number) => new Array<number | null>(n).fill(value);

describe('restingHrStatus', () => {
  it('should default to a 7-day mean against the 28 days before it, flagging +5 bpm', () => {
    expect(DEFAULT_RESTING_HR_OPTIONS).toEqual({ acuteDays: 7, baselineDays: 28, minAcuteReadings: 3, minBaselineReadings: 14, flagDeltaBpm: 5 });
    const s = restingHrStatus(series([...repeat(48, 28), ...repeat(54, 7)]), addDays(START, 34));
    expect(s).toEqual({ date: addDays(START, 34), mean7: 54, baselineMean: 48, delta: 6, elevated: true, acuteReadings: 7, baselineReadings: 28 });
  });

  it('should flag exactly +5 bpm, even when the float means differ by 4.999999999999972', () => {
    const s = restingHrStatus(series([...repeat(40.2, 28), ...repeat(45.2, 7)]), addDays(START, 34));
    expect(s.delta).toBeLessThan(5);
    expect(s.delta).toBeCloseTo(5, 12);
    expect(s.elevated).toBe(true);
    const below = restingHrStatus(series([...repeat(40.2, 28), ...repeat(45.19, 7)]), addDays(START, 34));
    expect(below.elevated).toBe(false);
  });

  it('should report a fall with its sign and not flag it', () => {
    const s = restingHrStatus(series([...repeat(52, 28), ...repeat(45, 7)]), addDays(START, 34));
    expect(s.delta).toBe(-7);
    expect(s.elevated).toBe(false);
  });

  it('should need 3 readings in the week and 14 in the baseline', () => {
    const sparseWeek = restingHrStatus(series([...repeat(48, 28), 60, null, null, 60, null, null, null]), addDays(START, 34));
    expect([sparseWeek.mean7, sparseWeek.delta, sparseWeek.elevated]).toEqual([null, null, null]);
    const sparseBase = restingHrStatus(series([...repeat(null, 15), ...repeat(48, 13), ...repeat(60, 7)]), addDays(START, 34));
    expect(sparseBase.baselineReadings).toBe(13);
    expect([sparseBase.baselineMean, sparseBase.elevated]).toEqual([null, null]);
    expect(restingHrStatus(series([...repeat(null, 14), ...repeat(48, 14), ...repeat(60, 7)]), addDays(START, 34)).elevated).toBe(true);
  });

  it('should take a configurable threshold and windows', () => {
    const s = restingHrStatus(series([...repeat(50, 14), ...repeat(53, 7)]), addDays(START, 20), { baselineDays: 14, flagDeltaBpm: 3 });
    expect(s.delta).toBe(3);
    expect(s.elevated).toBe(true);
  });

  it('should reject bad readings, duplicate days and bad options', () => {
    expect(() => restingHrStatus([{ date: START, restingHr: 0 }], START)).toThrow(RangeError);
    expect(() => restingHrStatus([{ date: START, restingHr: 50 }, { date: START, restingHr: 51 }], START)).toThrow(RangeError);
    expect(() => restingHrStatus([], START, { acuteDays: 0 })).toThrow(RangeError);
    expect(() => restingHrStatus([], START, { flagDeltaBpm: Number.NaN })).toThrow(RangeError);
  });
});
