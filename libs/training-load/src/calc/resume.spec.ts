import fc from 'fast-check';
import { addDays } from './dates';
import { computeDailyMetrics } from './metrics';
import {
  computeDailyMetricsFrom,
  computeStoredMetrics,
  computeStoredMetricsFrom,
  EMPTY_RESUME_CONTEXT,
  resumeContext,
  resumeWindowDays,
} from './resume';
import type { DailyMetrics, DayInput, MetricOptions, ResumeRow, StoredDailyMetrics } from './types';

const START = '2025-11-03';

/** A day: load (0 = rest) or null for missing. Includes float loads, tiny and huge ones (running-sum drift). */
const dayArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 1500 }) },
  { weight: 3, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0.1, 1e-9, 5e-324, 1e12) },
  { weight: 2, arbitrary: fc.constant(null) },
);

const optionsArb: fc.Arbitrary<Partial<MetricOptions>> = fc
  .record(
    {
      windows: fc.integer({ min: 1, max: 10 }).chain((acuteDays) =>
        fc.integer({ min: acuteDays + 1, max: 45 }).chain((chronicDays) =>
          fc.record({
            acuteDays: fc.constant(acuteDays),
            chronicDays: fc.constant(chronicDays),
            minKnownDaysInChronic: fc.integer({ min: 0, max: chronicDays }),
          }),
        ),
      ),
      ewmaSeed: fc.constantFrom('first' as const, 'zero' as const),
      monotonySd: fc.constantFrom('sample' as const, 'population' as const),
      pmcForm: fc.constantFrom('exponential' as const, 'trainingpeaks' as const),
      ctlDays: fc.integer({ min: 1, max: 60 }),
      atlDays: fc.integer({ min: 1, max: 14 }),
      ctlSeed: fc.double({ min: 0, max: 200, noNaN: true }),
      atlSeed: fc.double({ min: 0, max: 200, noNaN: true }),
      warmupDays: fc.integer({ min: 1, max: 40 }),
      minKnownDaysForMonotony: fc.integer({ min: 0, max: 7 }),
    },
    { requiredKeys: [] },
  )
  .map(({ windows, ...rest }) => ({ ...rest, ...(windows ?? {}) }));

function toDays(loads: readonly (number | null)[]): DayInput[] {
  return loads.map((load, i) => ({
    date: addDays(START, i),
    load: load ?? 0,
    state: load === null ? 'missing' : load > 0 ? 'trained' : 'rest',
  }));
}

function withoutCarry(rows: readonly StoredDailyMetrics[]): DailyMetrics[] {
  return rows.map(({ acuteSum: _a, chronicSum: _c, uncoupledSum: _u, weekSum: _w, ...row }) => row);
}

/** The first field that differs (Object.is: bit for bit, −0 ≠ 0), or null; far faster than toEqual on many rows. */
function firstDifference(actual: readonly object[], expected: readonly object[]): string | null {
  if (actual.length !== expected.length) return `length ${actual.length} vs ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as Record<string, unknown>;
    const e = expected[i] as Record<string, unknown>;
    const keys = Object.keys(e);
    if (Object.keys(a).length !== keys.length) return `row ${i}: keys ${Object.keys(a).join()} vs ${keys.join()}`;
    for (const key of keys) if (!Object.is(a[key], e[key])) return `row ${i} ${key}: ${String(a[key])} vs ${String(e[key])}`;
  }
  return null;
}

describe('computeDailyMetricsFrom (resume from stored rows)', () => {
  it('should equal the full computation from every split point, bit for bit (random loads, missing days, options)', () => {
    fc.assert(
      fc.property(fc.array(dayArb, { maxLength: 110, size: 'max' }), optionsArb, (loads, options) => {
        const days = toDays(loads);
        const full = computeDailyMetrics(days, options);
        const stored = computeStoredMetrics(days, options);
        expect(withoutCarry(stored)).toEqual(full);
        for (let k = 0; k <= days.length; k++) {
          const resumed = computeDailyMetricsFrom(resumeContext(stored.slice(0, k), options), days.slice(k), options);
          const difference = firstDifference(resumed, full.slice(k));
          if (difference !== null) expect(`split ${k}: ${difference}`).toBe('no difference');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('should need only the last resumeWindowDays rows and the day count, as the worker reads them', () => {
    fc.assert(
      fc.property(fc.array(dayArb, { minLength: 1, maxLength: 120, size: 'max' }), fc.nat(), optionsArb, (loads, cut, options) => {
        const days = toDays(loads);
        const k = cut % (days.length + 1);
        const stored = computeStoredMetrics(days, options);
        const window = resumeWindowDays(options);
        const lastRows = stored.slice(Math.max(0, k - window), k);
        const context = resumeContext(lastRows, options, k);
        expect(context.rows).toHaveLength(Math.min(k, window));
        expect(firstDifference(computeStoredMetricsFrom(context, days.slice(k), options), stored.slice(k))).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('should give the same rows and carry when a series is computed in random chunks, each resumed from the last', () => {
    fc.assert(
      fc.property(fc.array(dayArb, { maxLength: 120, size: 'max' }), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 12, size: 'max' }), optionsArb, (loads, chunks, options) => {
        const days = toDays(loads);
        const stored: StoredDailyMetrics[] = [];
        let at = 0;
        for (const size of [...chunks, days.length]) {
          if (at >= days.length) break;
          const next = days.slice(at, at + size);
          stored.push(...computeStoredMetricsFrom(resumeContext(stored, options), next, options));
          at += next.length;
        }
        expect(firstDifference(stored, computeStoredMetrics(days, options))).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('should recompute from a changed day exactly as a full recompute of the changed series', () => {
    const loads = Array.from({ length: 90 }, (_, i) => (i % 7 === 3 ? 0 : 200 + ((i * 37) % 250) + 1 / (i + 3)));
    const before = toDays(loads);
    const stored = computeStoredMetrics(before);
    const changedDay = 61;
    const after = before.map((d, i) => (i === changedDay ? { ...d, load: d.load + 333.3 } : i === 70 ? { ...d, state: 'missing' as const } : d));
    const context = resumeContext(stored.slice(changedDay - resumeWindowDays(), changedDay), {}, changedDay);
    const resumed = computeDailyMetricsFrom(context, after.slice(changedDay));
    expect(resumed).toEqual(computeDailyMetrics(after).slice(changedDay));
    expect(resumed[0].load).toBeCloseTo(before[changedDay].load + 333.3, 9);
  });

  it('should equal a fresh computation from the empty context', () => {
    const days = toDays([100, 0, null, 250.5, 80, 0, 0, 400, 1e-9, 300]);
    expect(computeDailyMetricsFrom(EMPTY_RESUME_CONTEXT, days)).toEqual(computeDailyMetrics(days));
    expect(computeDailyMetricsFrom({ historyDays: 0, rows: [] }, days, { ctlSeed: 30 })).toEqual(computeDailyMetrics(days, { ctlSeed: 30 }));
    expect(computeDailyMetricsFrom(EMPTY_RESUME_CONTEXT, [])).toEqual([]);
  });

  it('should carry the raw running sums, which re-adding the window would not reproduce after a huge load', () => {
    // 1e16 then small loads: the running 7-day sum keeps the rounding of the big day after it left the window.
    const days = toDays([1e16, 0.3, 0.7, 0.1, 0.2, 0.6, 0.4, 0.9, 0.8, 0.5]);
    const stored = computeStoredMetrics(days);
    const last = stored[stored.length - 1];
    const reAdded = days.slice(-7).reduce((sum, d) => sum + d.load, 0);
    expect(last.acuteSum).not.toBe(reAdded);
    expect(last.acute7).toBe(last.acuteSum / 7);
    expect(computeDailyMetricsFrom(resumeContext(stored.slice(0, 8)), days.slice(8))).toEqual(computeDailyMetrics(days).slice(8));
  });

  it('should report the carry of every day, with warm-up days included', () => {
    const stored = computeStoredMetrics(toDays([10, 20, null, 40]));
    expect(stored.map((r) => r.acuteSum)).toEqual([10, 30, 30, 70]);
    expect(stored.map((r) => r.weekSum)).toEqual([10, 30, 30, 70]);
    expect(stored.map((r) => r.chronicSum)).toEqual([10, 30, 30, 70]);
    expect(stored.map((r) => r.uncoupledSum)).toEqual([10, 30, 30, 70]);
    expect(stored.map((r) => r.acute7)).toEqual([null, null, null, null]);
  });
});

describe('resumeWindowDays', () => {
  it.each([
    [{}, 28],
    [{ chronicDays: 42 }, 42],
    [{ acuteDays: 3, chronicDays: 10, minKnownDaysInChronic: 8 }, 28],
    [{ acuteDays: 14, chronicDays: 56 }, 56],
  ])('should need %j → %d days', (options, expected) => {
    expect(resumeWindowDays(options)).toBe(expected);
  });

  it('should reject invalid options', () => {
    expect(() => resumeWindowDays({ chronicDays: 5, acuteDays: 7 })).toThrow(RangeError);
  });
});

describe('resume context validation', () => {
  const days = toDays(Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 0 : 100 + i)));
  const stored = computeStoredMetrics(days);
  const context = resumeContext(stored.slice(0, 35));
  const rest = days.slice(35);

  it('should keep only the last resumeWindowDays rows', () => {
    expect(context.historyDays).toBe(35);
    expect(context.rows).toHaveLength(28);
    expect(context.rows[0].date).toBe(days[7].date);
    expect(Object.keys(context.rows[0]).sort()).toEqual(
      ['acuteSum', 'atl', 'chronicSum', 'ctl', 'date', 'ewmaAcute', 'ewmaChronic', 'load', 'state', 'streak', 'uncoupledSum', 'weekSum'].sort(),
    );
  });

  it('should reject days that do not start the day after the context', () => {
    expect(() => computeDailyMetricsFrom(context, days.slice(36))).toThrow(RangeError);
    expect(() => computeDailyMetricsFrom(context, days.slice(34))).toThrow(RangeError);
  });

  it('should reject too few rows for the history, or more rows than history days', () => {
    expect(() => resumeContext(stored.slice(10, 35), {}, 35)).toThrow(RangeError);
    expect(() => computeDailyMetricsFrom({ historyDays: 35, rows: context.rows.slice(1) }, rest)).toThrow(RangeError);
    expect(() => computeDailyMetricsFrom({ historyDays: 3, rows: stored.slice(0, 4) }, days.slice(4))).toThrow(RangeError);
    expect(() => computeDailyMetricsFrom({ historyDays: -1, rows: [] }, days)).toThrow(RangeError);
  });

  it('should reject rows that are not consecutive days', () => {
    const rows = [...context.rows];
    rows[5] = { ...rows[5], date: rows[4].date };
    expect(() => computeDailyMetricsFrom({ historyDays: 35, rows }, rest)).toThrow(RangeError);
  });

  it.each([
    ['a null EWMA', { ewmaAcute: null }],
    ['a null CTL', { ctl: null }],
    ['a negative carried sum', { chronicSum: -1 }],
    ['a NaN carried sum', { weekSum: Number.NaN }],
    ['an unknown state', { state: 'busy' }],
    ['a fractional streak', { streak: 1.5 }],
  ])('should reject a context row with %s', (_label, patch) => {
    const rows = [...context.rows];
    rows[rows.length - 1] = { ...rows[rows.length - 1], ...patch } as ResumeRow;
    expect(() => computeDailyMetricsFrom({ historyDays: 35, rows }, rest)).toThrow(RangeError);
  });

  it('should refuse to store a state that overflowed', () => {
    const huge = toDays([1.7e308, 1.7e308]);
    expect(() => computeStoredMetrics(huge)).toThrow(RangeError);
    expect(computeDailyMetrics(huge)[1].ewmaAcute).toBe(1.7e308); // a plain computation still works
  });
});
