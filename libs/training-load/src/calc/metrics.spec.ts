import { ALGO_VERSION } from './algo-version';
import { addDays } from './dates';
import { monotony } from './monotony';
import { computeDailyMetrics } from './metrics';
import { DEFAULT_METRIC_OPTIONS, resolveMetricOptions } from './options';
import type { DayInput } from './types';

const START = '2026-02-02';

/** Days from loads; `null` marks a missing day. A load of 0 is a rest day. */
function days(loads: readonly (number | null)[]): DayInput[] {
  return loads.map((load, i) => ({
    date: addDays(START, i),
    load: load ?? 0,
    state: (load === null ? 'missing' : load > 0 ? 'trained' : 'rest'),
  }));
}

const repeat = <T>(value: T, n: number): T[] => new Array<T>(n).fill(value);
const SPEC_FIELDS = [
  'date', 'load', 'state', 'acute7', 'chronic28', 'acwrRac', 'acwrRau', 'acwrEwma', 'ewmaAcute', 'ewmaChronic', 'monotony',
  'strain', 'ctl', 'atl', 'form', 'ramp', 'restDayRatio7', 'restDayRatio28', 'streak', 'weekOverWeek', 'coverage28',
];

describe('computeDailyMetrics shape', () => {
  it('should return one row per input day with exactly the SPEC §6 fields, in input order', () => {
    const rows = computeDailyMetrics(days([100, 0, null, 50]));
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual([...SPEC_FIELDS].sort());
    expect(rows.map((r) => r.date)).toEqual(['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05']);
    expect(rows.map((r) => r.state)).toEqual(['trained', 'rest', 'missing', 'trained']);
  });

  it('should return no rows for no days', () => {
    expect(computeDailyMetrics([])).toEqual([]);
  });

  it('should expose an integer algorithm version', () => {
    expect(Number.isInteger(ALGO_VERSION)).toBe(true);
    expect(ALGO_VERSION).toBeGreaterThanOrEqual(1);
  });
});

describe('computeDailyMetrics windows and warm-up', () => {
  it('should report acute7 from day 7, chronic28 from day 28 and the EWMAs from day 1', () => {
    const rows = computeDailyMetrics(days(repeat(100, 30)));
    expect(rows[5].acute7).toBeNull();
    expect(rows[6].acute7).toBe(100);
    expect(rows[26].chronic28).toBeNull();
    expect(rows[27].chronic28).toBe(100);
    expect(rows[0].ewmaAcute).toBe(100);
    expect(rows[0].ewmaChronic).toBe(100);
  });

  it('should keep all three ratios null until day 28 even with full coverage', () => {
    const rows = computeDailyMetrics(days(repeat(100, 28)));
    expect([rows[26].acwrRac, rows[26].acwrRau, rows[26].acwrEwma]).toEqual([null, null, null]);
    expect([rows[27].acwrRac, rows[27].acwrRau, rows[27].acwrEwma]).toEqual([1, 1, 1]);
  });

  it('should need 21 known days in the last 28 for any ratio (20 known: null; 21 known: defined)', () => {
    const twenty = computeDailyMetrics(days([...repeat(100, 6), ...repeat(null, 8), ...repeat(100, 14)]))[27];
    expect(twenty.coverage28).toBe(20);
    expect([twenty.acwrRac, twenty.acwrRau, twenty.acwrEwma]).toEqual([null, null, null]);
    const twentyOne = computeDailyMetrics(days([...repeat(100, 7), ...repeat(null, 7), ...repeat(100, 14)]))[27];
    expect(twentyOne.coverage28).toBe(21);
    expect(twentyOne.acwrRac).toBeCloseTo(100 / 75, 12); // missing days are 0 in the chronic mean
    expect(twentyOne.acwrRau).toBeCloseTo(100 / (1400 / 21), 12); // days 0..20: 14 × 100 + 7 missing
    expect(twentyOne.acwrEwma).toEqual(expect.any(Number));
  });

  it('should count missing days as 0 load in sums and EWMA, and report their load as 0', () => {
    const input = days([100, 100, 100]);
    input[1] = { ...input[1], load: 500, state: 'missing' };
    const rows = computeDailyMetrics(input);
    expect(rows[1].load).toBe(0);
    expect(rows[1].ewmaAcute).toBeCloseTo(75, 10);
    expect(rows[1].ctl).toBeCloseTo(computeDailyMetrics(days([100, 0, 100]))[1].ctl as number, 12);
  });

  it('should compute coverage28 as known days among the last 28, partial at the start', () => {
    const rows = computeDailyMetrics(days([null, 100, 0, ...repeat(50, 26), null, 10]));
    expect(rows[0].coverage28).toBe(0);
    expect(rows[2].coverage28).toBe(2);
    expect(rows[27].coverage28).toBe(27);
    expect(rows[28].coverage28).toBe(28); // the missing day 1 left the window
    expect(rows[29].coverage28).toBe(27); // day 29 is missing
    expect(rows[30].coverage28).toBe(27); // day 2 left, day 30 came in; day 29 still missing
  });

  it('should return null, never Infinity or NaN, for zero denominators', () => {
    const zeros = computeDailyMetrics(days([...repeat(0, 28), ...repeat(10, 7)]));
    expect(zeros[27].acwrRac).toBeNull(); // 0/0
    expect(zeros[28].acwrRac).toBe(4); // the RAC ceiling
    expect(zeros[34].acwrRau).toBeNull(); // 10/0 ("inf" for Lombergine/acwr)
    expect(zeros[27].acwrEwma).toBeNull(); // EWMA 0/0
    expect(zeros[34].acwrEwma).toBeGreaterThan(0);
  });

  it('should honour custom acute and chronic windows (3 and 10 days)', () => {
    const rows = computeDailyMetrics(days([...repeat(10, 7), 40, 40, 40]), {
      acuteDays: 3,
      chronicDays: 10,
      warmupDays: 10,
      minKnownDaysInChronic: 7,
    });
    const last = rows[9];
    expect(last.acute7).toBe(40);
    expect(last.chronic28).toBe(19);
    expect(last.acwrRac).toBeCloseTo(40 / 19, 12);
    expect(last.acwrRau).toBe(4); // 40 / mean of the 7 days before the acute window
    expect(last.ewmaAcute).toBeCloseTo(10 + (40 - 10) * (1 - 0.5 ** 3), 12);
  });
});

describe('computeDailyMetrics monotony and strain', () => {
  const week = [300, 0, 450, 300, 0, 600, 200];

  it('should be null until 7 days exist', () => {
    const rows = computeDailyMetrics(days(week));
    expect(rows.slice(0, 6).every((r) => r.monotony === null && r.strain === null)).toBe(true);
    expect(rows[6].monotony).not.toBeNull();
  });

  it('should need 5 known days in the window and count missing days as 0', () => {
    const five = computeDailyMetrics(days([300, null, 450, 300, null, 600, 200]))[6];
    expect(five.monotony).toBeCloseTo(monotony([300, 0, 450, 300, 0, 600, 200]) as number, 12);
    expect(five.strain).toBeCloseTo(1850 * (five.monotony as number), 9);
    const four = computeDailyMetrics(days([300, null, 450, null, null, 600, 200]))[6];
    expect(four.monotony).toBeNull();
    expect(four.strain).toBeNull();
  });

  it('should be null for a week of identical loads, including all rest', () => {
    expect(computeDailyMetrics(days(repeat(0.1, 7)))[6].monotony).toBeNull();
    expect(computeDailyMetrics(days(repeat(0, 7)))[6].monotony).toBeNull();
  });

  it('should use population SD when asked (√(7/6) larger monotony)', () => {
    const sample = computeDailyMetrics(days(week))[6].monotony as number;
    const population = computeDailyMetrics(days(week), { monotonySd: 'population' })[6].monotony as number;
    expect(population / sample).toBeCloseTo(Math.sqrt(7 / 6), 12);
  });
});

describe('computeDailyMetrics fitness, fatigue, form and ramp', () => {
  it('should leave form null on the first day without seeds, and use the seed difference with seeds', () => {
    expect(computeDailyMetrics(days([100, 100]))[0].form).toBeNull();
    expect(computeDailyMetrics(days([100, 100]))[1].form).toBeCloseTo(100 * (1 - Math.exp(-1 / 42)) - 100 * (1 - Math.exp(-1 / 7)), 12);
    expect(computeDailyMetrics(days([100]), { ctlSeed: 60, atlSeed: 45 })[0].form).toBe(15);
    expect(computeDailyMetrics(days([100]), { ctlSeed: 60 })[0].form).toBe(60);
  });

  it('should start CTL and ATL from the seeds on the day before the first day', () => {
    const [row] = computeDailyMetrics(days([0]), { ctlSeed: 42, atlSeed: 70 });
    expect(row.ctl).toBeCloseTo(42 * Math.exp(-1 / 42), 12);
    expect(row.atl).toBeCloseTo(70 * Math.exp(-1 / 7), 12);
  });

  it('should report ramp = CTL(t) − CTL(t−7) from day 8, or from day 7 against an explicit seed', () => {
    const rows = computeDailyMetrics(days(repeat(100, 9)));
    expect(rows[6].ramp).toBeNull();
    expect(rows[7].ramp).toBeCloseTo((rows[7].ctl as number) - (rows[0].ctl as number), 12);
    const seeded = computeDailyMetrics(days(repeat(100, 9)), { ctlSeed: 30 });
    expect(seeded[5].ramp).toBeNull();
    expect(seeded[6].ramp).toBeCloseTo((seeded[6].ctl as number) - 30, 12);
  });

  it('should use k = 1/N with the TrainingPeaks form', () => {
    const [row] = computeDailyMetrics(days([100]), { pmcForm: 'trainingpeaks', ctlDays: 50, atlDays: 10 });
    expect(row.ctl).toBeCloseTo(2, 12);
    expect(row.atl).toBeCloseTo(10, 12);
  });
});

describe('computeDailyMetrics rest days, streak and week-over-week', () => {
  it('should leave missing days out of both sides of the rest-day ratio', () => {
    const rows = computeDailyMetrics(days([100, 0, null, null, 100, 0, 100]));
    expect(rows[6].restDayRatio7).toBeCloseTo(2 / 5, 12);
    expect(rows[6].restDayRatio28).toBeCloseTo(2 / 5, 12);
  });

  it('should give a null rest-day ratio when the window has no known day', () => {
    const rows = computeDailyMetrics(days([0, ...repeat(null, 7)]));
    expect(rows[6].restDayRatio7).toBe(1); // one known day, a rest day
    expect(rows[7].restDayRatio7).toBeNull();
    expect(rows[7].restDayRatio28).toBe(1);
  });

  it('should end a streak on a rest day and on a missing day', () => {
    const rows = computeDailyMetrics(days([100, 100, 0, 100, 100, 100, null, 100]));
    expect(rows.map((r) => r.streak)).toEqual([1, 2, 0, 1, 2, 3, 0, 1]);
  });

  it('should compute week-over-week from day 14, null when the earlier week sums to 0', () => {
    const rows = computeDailyMetrics(days([...repeat(100, 7), ...repeat(150, 7), ...repeat(0, 7), ...repeat(10, 7)]));
    expect(rows[12].weekOverWeek).toBeNull();
    expect(rows[13].weekOverWeek).toBeCloseTo(0.5, 12);
    expect(rows[20].weekOverWeek).toBe(-1);
    expect(rows[21].weekOverWeek).toBeCloseTo((10 - 900) / 900, 12);
    expect(rows[27].weekOverWeek).toBeNull();
  });
});

describe('computeDailyMetrics input and option validation', () => {
  it.each([
    ['a gap between days', [{ date: '2026-02-02', load: 1, state: 'trained' }, { date: '2026-02-04', load: 1, state: 'trained' }]],
    ['a repeated day', [{ date: '2026-02-02', load: 1, state: 'trained' }, { date: '2026-02-02', load: 1, state: 'trained' }]],
    ['days out of order', [{ date: '2026-02-03', load: 1, state: 'trained' }, { date: '2026-02-02', load: 1, state: 'trained' }]],
    ['a bad date', [{ date: '2026-02-30', load: 1, state: 'trained' }]],
    ['a negative load', [{ date: '2026-02-02', load: -1, state: 'trained' }]],
    ['a NaN load', [{ date: '2026-02-02', load: Number.NaN, state: 'trained' }]],
    ['an infinite load on a missing day', [{ date: '2026-02-02', load: Number.POSITIVE_INFINITY, state: 'missing' }]],
    ['an unknown state', [{ date: '2026-02-02', load: 1, state: 'sick' }]],
  ])('should throw a RangeError for %s', (_label, input) => {
    expect(() => computeDailyMetrics(input as DayInput[])).toThrow(RangeError);
  });

  it.each([
    [{ acuteDays: 28, chronicDays: 28 }],
    [{ acuteDays: 0 }],
    [{ chronicDays: 27.5 }],
    [{ minKnownDaysInChronic: 29 }],
    [{ minKnownDaysForMonotony: 8 }],
    [{ ctlDays: 0 }],
    [{ atlDays: Number.NaN }],
    [{ ctlSeed: -1 }],
    [{ atlSeed: Number.POSITIVE_INFINITY }],
    [{ ewmaSeed: 'last' }],
    [{ monotonySd: 'n-2' }],
    [{ pmcForm: 'banister' }],
    [{ warmupDays: 0 }],
  ])('should reject the option %j', (bad) => {
    expect(() => computeDailyMetrics(days([1]), bad as never)).toThrow(RangeError);
  });

  it('should keep a default when an option is passed as undefined', () => {
    expect(resolveMetricOptions({ acuteDays: undefined, pmcForm: 'trainingpeaks' })).toEqual({
      ...DEFAULT_METRIC_OPTIONS,
      pmcForm: 'trainingpeaks',
    });
    expect(DEFAULT_METRIC_OPTIONS).toEqual({
      acuteDays: 7,
      chronicDays: 28,
      ewmaSeed: 'first',
      monotonySd: 'sample',
      pmcForm: 'exponential',
      ctlDays: 42,
      atlDays: 7,
      warmupDays: 28,
      minKnownDaysInChronic: 21,
      minKnownDaysForMonotony: 5,
    });
  });
});
