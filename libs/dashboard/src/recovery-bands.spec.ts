import fc from 'fast-check';
import { addDays, lnRmssdStatus, restingHrStatus } from '@app/training-load';
import { RECOVERY_LEAD_DAYS, recoveryBands, type RecoveryReading } from './recovery-bands';

const START = '2026-01-01';

function rmssdSeries(readings: readonly RecoveryReading[]): { date: string; rmssd: number | null }[] {
  return readings.map((r) => ({ date: r.date, rmssd: r.hrvRmssd !== null && r.hrvRmssd > 0 ? r.hrvRmssd : null }));
}

function restingHrSeries(readings: readonly RecoveryReading[]): { date: string; restingHr: number | null }[] {
  return readings.map((r) => ({ date: r.date, restingHr: r.restingHr !== null && r.restingHr > 0 ? r.restingHr : null }));
}

describe('RECOVERY_LEAD_DAYS', () => {
  it('should reach back over the longest acute + baseline window (7 + 60 HRV days) minus today', () => {
    expect(RECOVERY_LEAD_DAYS).toBe(66);
  });
});

describe('recoveryBands', () => {
  it('should give the hand-computed bands on a known series', () => {
    // 80 consecutive days: rMSSD alternates 50 (even day) / 60 (odd day); resting HR 48, then 55 for the last 7 days.
    const readings: RecoveryReading[] = Array.from({ length: 80 }, (_, i) => ({
      date: addDays(START, i),
      restingHr: i < 73 ? 48 : 55,
      hrvRmssd: i % 2 === 0 ? 50 : 60,
      sleepS: 28_800,
    }));
    const days = recoveryBands(readings, addDays(START, 77));
    expect(days.map((d) => d.date)).toEqual([addDays(START, 77), addDays(START, 78), addDays(START, 79)]);

    const last = days[2];
    // Acute window: days 73–79 → four 60s (odd) and three 50s (even).
    expect(last.lnRmssd7).toBeCloseTo((4 * Math.log(60) + 3 * Math.log(50)) / 7, 12);
    // Baseline: days 13–72 → thirty of each; sample SD of ±d/2 around the mean is d/2 · √(60/59).
    const mean = (Math.log(50) + Math.log(60)) / 2;
    const sd = ((Math.log(60) - Math.log(50)) / 2) * Math.sqrt(60 / 59);
    expect(last.hrvLower).toBeCloseTo(mean - 0.5 * sd, 12);
    expect(last.hrvUpper).toBeCloseTo(mean + 0.5 * sd, 12);
    expect(last.restingHr7).toBe(55);
    expect(last.restingHrBaseline).toBe(48);
    expect(last.lnRmssd).toBeCloseTo(Math.log(60), 12);
    expect(last).toMatchObject({ date: addDays(START, 79), restingHr: 55, hrvRmssd: 60, sleepS: 28_800 });

    // Day 77: acute 71–77 (four 60s, three 50s again), resting HR acute 71, 72 at 48 and 73–77 at 55.
    expect(days[0].lnRmssd7).toBeCloseTo((4 * Math.log(60) + 3 * Math.log(50)) / 7, 12);
    expect(days[0].restingHr7).toBeCloseTo((2 * 48 + 5 * 55) / 7, 12);
    expect(days[0].restingHrBaseline).toBe(48);
  });

  it('should leave the baseline null while too few readings back it', () => {
    const readings: RecoveryReading[] = Array.from({ length: 20 }, (_, i) => ({ date: addDays(START, i), restingHr: 50, hrvRmssd: 55, sleepS: null }));
    const [day] = recoveryBands(readings, addDays(START, 19));
    expect(day.lnRmssd7).toBeCloseTo(Math.log(55), 12);
    expect(day.hrvLower).toBeNull();
    expect(day.hrvUpper).toBeNull();
    expect(day.restingHr7).toBe(50);
    expect(day.restingHrBaseline).toBeNull(); // 13 days before the acute window: one short of 14
    const [next] = recoveryBands([...readings, { date: addDays(START, 20), restingHr: 50, hrvRmssd: 55, sleepS: null }], addDays(START, 20));
    expect(next.restingHrBaseline).toBe(50); // 14 days: enough
    expect(next.hrvLower).toBeNull(); // 14 of the 21 HRV baseline readings needed
  });

  it('should give null lnRmssd on a day without an rMSSD reading', () => {
    const readings: RecoveryReading[] = [{ date: START, restingHr: null, hrvRmssd: null, sleepS: null }];
    expect(recoveryBands(readings, START)).toEqual([
      { date: START, restingHr: null, hrvRmssd: null, sleepS: null, lnRmssd: null, lnRmssd7: null, hrvLower: null, hrvUpper: null, restingHr7: null, restingHrBaseline: null },
    ]);
  });

  it('should give nothing when every reading is before from', () => {
    const readings: RecoveryReading[] = [{ date: START, restingHr: 50, hrvRmssd: 50, sleepS: null }];
    expect(recoveryBands(readings, addDays(START, 1))).toEqual([]);
  });

  it('should agree, on every day from `from`, with the status functions called on all readings', () => {
    const gap = fc.oneof({ arbitrary: fc.constant(1), weight: 6 }, { arbitrary: fc.integer({ min: 2, max: 6 }), weight: 1 });
    const value = (min: number, max: number): fc.Arbitrary<number | null> =>
      fc.oneof(
        { arbitrary: fc.constant(null), weight: 1 },
        { arbitrary: fc.integer({ min, max }), weight: 2 },
        { arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), weight: 2 },
      );
    const reading = fc.record({ restingHr: value(30, 100), hrvRmssd: value(5, 250), sleepS: fc.option(fc.nat({ max: 40_000 }), { nil: null }) });
    const series = fc.record({
      startOffset: fc.integer({ min: -400, max: 400 }),
      days: fc.array(fc.tuple(gap, reading), { minLength: 60, maxLength: 200 }),
      fromOffset: fc.integer({ min: -10, max: 1_300 }),
    });
    fc.assert(
      fc.property(series, ({ startOffset, days, fromOffset }) => {
        let date = addDays(START, startOffset);
        const readings: RecoveryReading[] = days.map(([step, r], i) => {
          if (i > 0) date = addDays(date, step);
          return { date, ...r };
        });
        const from = addDays(readings[0].date, fromOffset % (days.length * 2 + 10));
        const out = recoveryBands(readings, from);
        expect(out.map((d) => d.date)).toEqual(readings.filter((r) => r.date >= from).map((r) => r.date));
        const allRmssd = rmssdSeries(readings);
        const allRestingHr = restingHrSeries(readings);
        for (const day of out) {
          const hrv = lnRmssdStatus(allRmssd, day.date);
          const rhr = restingHrStatus(allRestingHr, day.date);
          expect(day.lnRmssd7).toBe(hrv.mean7);
          expect(day.hrvLower).toBe(hrv.lower);
          expect(day.hrvUpper).toBe(hrv.upper);
          expect(day.restingHr7).toBe(rhr.mean7);
          expect(day.restingHrBaseline).toBe(rhr.baselineMean);
          expect(day.lnRmssd).toBe(day.hrvRmssd === null ? null : Math.log(day.hrvRmssd));
        }
      }),
    );
  });
});
