/** Property tests (fast-check) of the metric engine: bounds, no non-finite output, causality. */
import fc from 'fast-check';
import { addDays } from './dates';
import { computeDailyMetrics } from './metrics';
import type { DailyMetrics, DayInput, MetricOptions } from './types';

const START = '2025-12-20';

/** A day: load (0 = rest) or null for missing. Arrays use size 'max': fast-check's default stops at ~10 elements. */
const dayArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 1500 }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0.1, 1e-9, 5e-324) },
  { weight: 2, arbitrary: fc.constant(null) },
);
const knownDayArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1500 }), fc.double({ min: 0, max: 5000, noNaN: true }));

const optionsArb: fc.Arbitrary<Partial<MetricOptions>> = fc.record(
  {
    ewmaSeed: fc.constantFrom('first' as const, 'zero' as const),
    monotonySd: fc.constantFrom('sample' as const, 'population' as const),
    pmcForm: fc.constantFrom('exponential' as const, 'trainingpeaks' as const),
    ctlSeed: fc.double({ min: 0, max: 200, noNaN: true }),
    atlSeed: fc.double({ min: 0, max: 200, noNaN: true }),
  },
  { requiredKeys: [] },
);

function toDays(loads: readonly (number | null)[]): DayInput[] {
  return loads.map((load, i) => ({
    date: addDays(START, i),
    load: load ?? 0,
    state: (load === null ? 'missing' : load > 0 ? 'trained' : 'rest'),
  }));
}

const NUMERIC_FIELDS: (keyof DailyMetrics)[] = [
  'load', 'acute7', 'chronic28', 'acwrRac', 'acwrRau', 'acwrEwma', 'ewmaAcute', 'ewmaChronic', 'monotony', 'strain', 'ctl',
  'atl', 'form', 'ramp', 'restDayRatio7', 'restDayRatio28', 'streak', 'weekOverWeek', 'coverage28',
];

describe('computeDailyMetrics properties', () => {
  it('should never return NaN or ±Infinity for any non-negative series with random missing days and options', () => {
    fc.assert(
      fc.property(fc.array(dayArb, { maxLength: 120, size: 'max' }), optionsArb, (loads, options) => {
        const rows = computeDailyMetrics(toDays(loads), options);
        expect(rows).toHaveLength(loads.length);
        for (const row of rows) {
          for (const key of NUMERIC_FIELDS) {
            const v = row[key];
            if (v !== null && !(typeof v === 'number' && Number.isFinite(v))) throw new Error(`${row.date} ${key} = ${String(v)}`);
          }
          for (const v of [row.acwrRac, row.acwrRau, row.acwrEwma, row.monotony, row.strain, row.acute7, row.chronic28]) {
            if (v !== null) expect(v).toBeGreaterThanOrEqual(0);
          }
          for (const v of [row.restDayRatio7, row.restDayRatio28]) if (v !== null) expect(v >= 0 && v <= 1).toBe(true);
          expect(Number.isInteger(row.coverage28) && row.coverage28 >= 0 && row.coverage28 <= 28).toBe(true);
          expect(Number.isInteger(row.streak) && row.streak >= 0).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('should be causal: metrics over a prefix equal the first rows over the whole series', () => {
    fc.assert(
      fc.property(fc.array(dayArb, { minLength: 1, maxLength: 100, size: 'max' }), fc.nat(), optionsArb, (loads, cut, options) => {
        const k = cut % (loads.length + 1);
        const whole = computeDailyMetrics(toDays(loads), options);
        const prefix = computeDailyMetrics(toDays(loads.slice(0, k)), options);
        expect(prefix).toEqual(whole.slice(0, k));
      }),
      { numRuns: 200 },
    );
  });

  it('should reach, never exceed, RAC = 4 when the three weeks before the acute week are all zero', () => {
    fc.assert(
      fc.property(
        fc.array(knownDayArb, { maxLength: 40, size: 'max' }),
        // at least one real load (>= 1 AU): a denormal-only week underflows the chronic mean to exactly 0 (null)
        fc.array(knownDayArb, { minLength: 7, maxLength: 7 }).filter((week) => week.some((l) => l >= 1)),
        (before, acuteWeek) => {
          const rows = computeDailyMetrics(toDays([...before, ...new Array<number>(21).fill(0), ...acuteWeek]));
          const rac = rows[rows.length - 1].acwrRac;
          expect(rac).not.toBeNull();
          expect(rac as number).toBeLessThanOrEqual(4);
          expect(rac as number).toBeGreaterThanOrEqual(4 - 1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('should give RAC = acute7 / chronic28 (within float error) and never above 4 on any series', () => {
    fc.assert(
      fc.property(fc.array(dayArb, { minLength: 28, maxLength: 90, size: 'max' }), (loads) => {
        for (const row of computeDailyMetrics(toDays(loads))) {
          if (row.acwrRac === null) continue;
          expect(row.acwrRac).toBeLessThanOrEqual(4);
          const direct = (row.acute7 as number) / (row.chronic28 as number);
          expect(Math.abs(row.acwrRac - direct)).toBeLessThanOrEqual(1e-9 * Math.max(1, direct));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('should give null monotony and strain on a constant week, whatever came before', () => {
    fc.assert(
      fc.property(
        fc.array(dayArb, { maxLength: 30, size: 'max' }),
        fc.oneof(fc.constant(0), fc.constant(0.1), fc.integer({ min: 1, max: 2000 }), fc.double({ min: 0, max: 1e5, noNaN: true })),
        fc.constantFrom('sample' as const, 'population' as const),
        (before, constant, monotonySd) => {
          const rows = computeDailyMetrics(toDays([...before, ...new Array<number>(7).fill(constant)]), { monotonySd });
          const last = rows[rows.length - 1];
          expect(last.monotony).toBeNull();
          expect(last.strain).toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('should give a defined, positive monotony on a fully known week that is not constant', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 7, maxLength: 7 }).filter((w) => new Set(w).size > 1),
        (week) => {
          const last = computeDailyMetrics(toDays(week))[6];
          expect(last.monotony).toBeGreaterThan(0);
          expect(last.strain).toBeCloseTo(week.reduce((a, b) => a + b, 0) * (last.monotony as number), 6);
        },
      ),
    );
  });
});
