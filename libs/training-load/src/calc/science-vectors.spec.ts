/**
 * Every worked number of science.md §1.1–§1.3, §1.5, §1.6, §2.7, §3, §4.4, §5 and §6, as table tests.
 * Tolerance ±0.01 unless a number is printed with less precision (then half its last printed digit).
 */
import { loadWindows } from './acwr';
import { buildDailySeries } from './daily-series';
import { addDays } from './dates';
import { computeDailyMetrics } from './metrics';
import { lnRmssdStatus } from './hrv-baseline';
import { intensityFactor, normalizedPower, tss, tssFromPowerSamples } from './power';
import { restingHrStatus } from './resting-hr';
import { banisterTrimp, sessionLoad, sessionTrimp100, sessionTss, srpeLoad } from './session-load';
import { formAfterLoad, targetLoad } from './target-load';
import { edwardsTrimp, thresholdHourTrimp, trimp100 } from './trimp';
import type { DailyMetrics, DayInput, MetricOptions } from './types';

const START = '2026-01-05';

function series(loads: readonly number[]): DayInput[] {
  return buildDailySeries(
    loads.map((load, i) => ({ localDate: addDays(START, i), load })),
    { from: START, to: addDays(START, loads.length - 1) },
  );
}

function metrics(loads: readonly number[], options: Partial<MetricOptions> = {}): DailyMetrics[] {
  return computeDailyMetrics(series(loads), options);
}

function expectNear(actual: number | null | undefined, expected: number, tolerance = 0.01): void {
  expect(actual).toEqual(expect.any(Number));
  const diff = Math.abs((actual as number) - expected);
  if (!(diff <= tolerance)) throw new Error(`expected ${expected} ± ${tolerance}, got ${String(actual)}`);
}

describe('science.md §1.1 session-RPE', () => {
  it.each([
    [7, 60, 420],
    [4, 45, 180],
  ])('should give RPE %d × %d min = %d AU', (rpe, minutes, expected) => {
    expect(srpeLoad(rpe, minutes)).toBe(expected);
    expect(sessionLoad({ durationS: minutes * 60, rpe }, {})).toEqual({ load: expected, method: 'srpe' });
  });
});

describe('science.md §1.2 Banister TRIMP (60 min, HRavg 155, HRrest 55, HRmax 190, HRr 0.7407)', () => {
  it.each([
    ['male', 117.94],
    ['female', 131.69],
  ] as const)('should give TRIMP for a %s athlete of %d', (sex, expected) => {
    expectNear(banisterTrimp({ durationMin: 60, hrAvg: 155, hrRest: 55, hrMax: 190, sex }), expected);
    const viaSession = sessionLoad({ durationS: 3600, avgHr: 155 }, { sex, hrRest: 55, hrMax: 190 });
    expect(viaSession.method).toBe('trimp');
    expectNear(viaSession.load, expected);
  });

  it('should use HRr = 0.7407 (TRIMP / (min × a·e^(b·HRr)) recovers it)', () => {
    const hrr = (155 - 55) / (190 - 55);
    expectNear(hrr, 0.7407, 0.00005);
    expectNear(banisterTrimp({ durationMin: 60, hrAvg: 155, hrRest: 55, hrMax: 190 }), 60 * hrr * 0.64 * Math.exp(1.92 * hrr), 1e-9);
  });
});

describe('science.md §2.7 ACWR test vector (35 days, weeks 1–4 base, week 5 base × 1.6)', () => {
  const base = [400, 300, 0, 400, 300, 500, 0];
  const loads = [...base, ...base, ...base, ...base, ...base.map((l) => l * 1.6)];
  const first = metrics(loads);
  const zero = metrics(loads, { ewmaSeed: 'zero' });
  const uncoupled = loadWindows(loads, 7, 28).chronicUncoupled;

  // day (1-based), load, A7, C28, RAC, C(t-27..t-7), RAU, EWMAa, EWMAc, EWMA ratio (seed L1), EWMA ratio (seed 0)
  const table: [number, number, number, number, number, number, number, number, number, number, number][] = [
    [28, 0, 271.43, 271.43, 1.0, 271.43, 1.0, 246.69, 284.22, 0.868, 1.071],
    [29, 640, 305.71, 280.0, 1.092, 271.43, 1.126, 345.02, 308.76, 1.117, 1.335],
    [30, 480, 331.43, 286.43, 1.157, 271.43, 1.221, 378.76, 320.57, 1.182, 1.384],
    [31, 0, 331.43, 286.43, 1.157, 271.43, 1.221, 284.07, 298.46, 0.952, 1.115],
    [32, 640, 365.71, 295.0, 1.24, 271.43, 1.347, 373.05, 322.01, 1.159, 1.326],
    [33, 480, 391.43, 301.43, 1.299, 271.43, 1.442, 399.79, 332.91, 1.201, 1.355],
    [34, 800, 434.29, 312.14, 1.391, 271.43, 1.6, 499.84, 365.12, 1.369, 1.515],
    [35, 0, 434.29, 312.14, 1.391, 271.43, 1.6, 374.88, 339.94, 1.103, 1.22],
  ];

  it.each(table)(
    'should match day %d (load %d): A7 %d, C28 %d, RAC %d, C21 %d, RAU %d, EWMAa %d, EWMAc %d, ratio %d, ratio seed 0 %d',
    (day, load, a7, c28, rac, c21, rau, ewmaA, ewmaC, ratio, ratioZero) => {
      const row = first[day - 1];
      expect(row.load).toBeCloseTo(load, 9);
      expectNear(row.acute7, a7);
      expectNear(row.chronic28, c28);
      expectNear(row.acwrRac, rac);
      expectNear(uncoupled[day - 1], c21);
      expectNear(row.acwrRau, rau);
      expectNear(row.ewmaAcute, ewmaA);
      expectNear(row.ewmaChronic, ewmaC);
      expectNear(row.acwrEwma, ratio);
      expectNear(zero[day - 1].acwrEwma, ratioZero);
    },
  );

  it('should equal the weekly-sum form on day 35: RAC 3040/2185 = 1.391, RAU 3040/1900 = 1.600', () => {
    expectNear(first[34].acwrRac, 3040 / ((3040 + 1900 * 3) / 4), 1e-9);
    expectNear(first[34].acwrRau, 3040 / 1900, 1e-9);
  });

  it('should drop the acute EWMA by 25 % on a rest day (day 35 vs day 34)', () => {
    expectNear(first[34].ewmaAcute, 0.75 * (first[33].ewmaAcute as number), 1e-9);
  });
});

describe('science.md §3 Foster monotony and strain', () => {
  const vectorA = [300, 0, 450, 300, 0, 600, 200];
  const vectorB = [400, 350, 400, 380, 420, 400, 0];

  it.each([
    { name: 'A', loads: vectorA, sd: 'sample', sum: 1850, mean: 264.29, deviation: 221.2, mono: 1.195, monoTol: 0.0005, strain: 2210, strainTol: 0.5 },
    { name: 'A', loads: vectorA, sd: 'population', sum: 1850, mean: 264.29, deviation: 204.79, mono: 1.291, monoTol: 0.0005, strain: 2387, strainTol: 0.5 },
    { name: 'B', loads: vectorB, sd: 'sample', sum: 2350, mean: 335.71, deviation: 149.65, mono: 2.24, monoTol: 0.005, strain: 5272, strainTol: 0.5 },
  ] as const)(
    'should give vector $name with $sd SD: sum $sum, mean $mean, SD $deviation, monotony $mono, strain $strain',
    ({ loads, sd, sum, mean, deviation, mono, monoTol, strain, strainTol }) => {
      const row = metrics(loads, { monotonySd: sd })[6];
      expectNear((row.acute7 as number) * 7, sum, 1e-9);
      expectNear(row.acute7, mean);
      expectNear((row.acute7 as number) / (row.monotony as number), deviation);
      expectNear(row.monotony, mono, monoTol);
      expectNear(row.strain, strain, strainTol);
    },
  );

  it('should flag vector B (monotony > 2.0) but not vector A', () => {
    expect(metrics(vectorB)[6].monotony).toBeGreaterThan(2);
    expect(metrics(vectorA)[6].monotony).toBeLessThan(2);
  });

  it('should return null, not Infinity, for 7 identical days', () => {
    const row = metrics([500, 500, 500, 500, 500, 500, 500])[6];
    expect(row.monotony).toBeNull();
    expect(row.strain).toBeNull();
  });
});

describe('science.md §4.4 PMC, TSS = 100 every day from 0', () => {
  const loads = new Array<number>(42).fill(100);
  const exp = metrics(loads);
  const tp = metrics(loads, { pmcForm: 'trainingpeaks' });

  it.each([
    // day, CTL exp, ATL exp, same-day diff exp, CTL TP, ATL TP, TP diff
    [1, 2.35, 13.31, -10.96, 2.38, 14.29, -11.9],
    [7, 15.35, 63.21, -47.86, 15.52, 66.01, -50.49],
    [14, 28.35, 86.47, -58.12, 28.64, 88.45, -59.81],
    [28, 48.66, 98.17, -49.51, 49.07, 98.66, -49.59],
    [42, 63.21, 99.75, -36.54, 63.65, 99.85, -36.19],
  ])('should match day %d: CTL %d, ATL %d, diff %d (exponential); CTL %d, ATL %d, diff %d (TrainingPeaks)', (day, ctl, atl, diff, ctlTp, atlTp, diffTp) => {
    const e = exp[day - 1];
    const t = tp[day - 1];
    expectNear(e.ctl, ctl);
    expectNear(e.atl, atl);
    expectNear((e.ctl as number) - (e.atl as number), diff);
    expectNear(t.ctl, ctlTp);
    expectNear(t.atl, atlTp);
    expectNear((t.ctl as number) - (t.atl as number), diffTp);
    if (day < 42) {
      expectNear(exp[day].form, diff); // shown the next day ("yesterday's" CTL − ATL)
      expectNear(tp[day].form, diffTp);
    }
  });

  it('should display form −47.86 on day 8 (yesterday convention)', () => {
    expectNear(exp[7].form, -47.86);
  });
});

describe('science.md §4.4 PMC seeded CTL = ATL = 40, six weeks of [50,80,0,120,60,150,0], exponential', () => {
  const week = [50, 80, 0, 120, 60, 150, 0];
  const loads = [...week, ...week, ...week, ...week, ...week, ...week, 50]; // day 43 shows week 6's form
  const rows = metrics(loads, { ctlSeed: 40, atlSeed: 40 });

  it.each([
    [1, 43.97, 56.47, -12.5, 3.97],
    [2, 47.33, 62.53, -15.2, 3.36],
    [3, 50.18, 64.76, -14.58, 2.85],
    [4, 52.59, 65.58, -12.99, 2.41],
    [5, 54.63, 65.88, -11.26, 2.04],
    [6, 56.35, 65.99, -9.64, 1.73],
  ])('should end week %d with CTL %d, ATL %d, TSB %d, ramp %d', (w, ctl, atl, tsb, ramp) => {
    const end = rows[7 * w - 1];
    expectNear(end.ctl, ctl);
    expectNear(end.atl, atl);
    expectNear((end.ctl as number) - (end.atl as number), tsb);
    expectNear(rows[7 * w].form, tsb);
    expectNear(end.ramp, ramp);
  });
});

describe('science.md §5 week-over-week, streak, rest-day ratio (14-day vector)', () => {
  const loads = [300, 0, 450, 300, 0, 600, 200, 350, 300, 500, 0, 400, 700, 250];
  const rows = metrics(loads);
  const last = rows[13];

  it('should give week-over-week 1850 → 2500 = +35.1 %', () => {
    expectNear((rows[6].acute7 as number) * 7, 1850, 1e-9);
    expectNear((last.acute7 as number) * 7, 2500, 1e-9);
    expectNear(last.weekOverWeek, 0.351, 0.0005);
  });

  it('should give current streak 3 and longest streak 5', () => {
    expect(last.streak).toBe(3);
    expect(Math.max(...rows.map((r) => r.streak))).toBe(5);
  });

  it('should give rest ratio 3/14 = 0.214 over the 14-day window (restDayRatio28 while only 14 days exist)', () => {
    expectNear(last.restDayRatio28, 3 / 14, 1e-12);
    expectNear(last.restDayRatio28, 0.214, 0.0005);
    expectNear(last.restDayRatio7, 1 / 7, 1e-12);
  });
});

describe('science.md §1.3 Edwards zone TRIMP', () => {
  it('should give [10, 20, 20, 8, 2] min → 10 + 40 + 60 + 32 + 10 = 152', () => {
    expect(edwardsTrimp([10, 20, 20, 8, 2])).toBe(152);
    expect(edwardsTrimp([600, 1200, 1200, 480, 120], 's')).toBe(152);
  });
});

describe('science.md §1.5 TSS / IF / NP', () => {
  it('should give 1 h at NP = FTP = 250 W → TSS 100', () => {
    const samples = new Array<number>(3600).fill(250);
    expect(normalizedPower(samples)).toBe(250);
    expect(tssFromPowerSamples(samples, 250)).toBe(100);
    expect(tss({ durationS: 3600, np: 250, ftp: 250 })).toBe(100);
  });

  it('should give 90 min at NP 200 W, FTP 250 W → IF 0.80, TSS 96.0 (and hours × IF² × 100)', () => {
    expect(intensityFactor(200, 250)).toBeCloseTo(0.8, 12);
    expectNear(tss({ durationS: 5400, np: 200, ftp: 250 }), 96.0, 1e-9);
    expectNear(tss({ durationS: 5400, np: 200, ftp: 250 }), 1.5 * 0.8 ** 2 * 100, 1e-9);
    expectNear(sessionTss({ durationS: 5400, normalizedPower: 200 }, { ftp: 250 }), 96.0, 1e-9);
  });
});

describe('science.md §1.6 TRIMP100 (HRrest 55, HRmax 190, LTHR 170)', () => {
  const profile = { hrRest: 55, hrMax: 190, hrThreshold: 170 };

  it('should give TRIMP(1 h at LTHR) = 167.88', () => {
    expectNear(thresholdHourTrimp(profile), 167.88);
  });

  it('should give the 155-bpm hour of §1.2 TRIMP100 = 70.3', () => {
    const male = trimp100(banisterTrimp({ durationMin: 60, hrAvg: 155, hrRest: 55, hrMax: 190 }), profile);
    expectNear(male, 70.3, 0.05);
    expectNear(sessionTrimp100({ durationS: 3600, avgHr: 155 }, profile), male, 1e-9);
  });
});

describe('science.md §4.4 load needed for a target form (CTL 50, ATL 55, target −10)', () => {
  const state = { ctl: 50, atl: 55 };

  it('should reproduce the forum number 45.6 with the no-decay approximation', () => {
    expectNear(targetLoad(state, -10, { formula: 'forum' }), 45.6, 0.05);
    expectNear(targetLoad(state, -10, { formula: 'forum' }), (10 - 5) / (0.133122 - 0.023528), 1e-4);
  });

  it('should show that 45.6 gives form −3.85, not −10, through the real PMC update', () => {
    expectNear(formAfterLoad(state, 45.6), -3.85);
  });

  it('should give the exact load 101.70, which the metric engine turns into form −10.00 the next day', () => {
    const load = targetLoad(state, -10) as number;
    expectNear(load, 101.7);
    const rows = computeDailyMetrics(
      [
        { date: '2026-04-01', load, state: 'trained' },
        { date: '2026-04-02', load: 0, state: 'rest' },
      ],
      { ctlSeed: 50, atlSeed: 55 },
    );
    expectNear(rows[1].form, -10, 1e-9);
  });
});

describe('science.md §6 recovery markers', () => {
  const baseline = [62, 48, 70, 55, 66, 52, 60, 74, 50, 58, 68, 57, 63, 49, 71, 59, 54, 65, 61, 56, 69, 53, 60, 64, 51, 67, 58, 62];
  const last7 = [50, 46, 55, 44, 49, 47, 52];
  const readings = [...baseline, ...last7].map((rmssd, i) => ({ date: addDays(START, i), rmssd }));
  const today = addDays(START, 34);

  it('should give the 28-day baseline ln mean 4.0887, SD 0.1189, band 4.0293–4.1482 (56.2–63.3 ms)', () => {
    const s = lnRmssdStatus(readings, today, { baselineDays: 28 });
    expect(s.baselineReadings).toBe(28);
    expectNear(s.baselineMean, 4.0887, 0.00005);
    expectNear(s.baselineSd, 0.1189, 0.00005);
    expectNear(s.lower, 4.0293, 0.00005);
    expectNear(s.upper, 4.1482, 0.00005);
    expectNear(Math.exp(s.lower as number), 56.2, 0.05);
    expectNear(Math.exp(s.upper as number), 63.3, 0.05);
  });

  it('should give the last 7 days ln mean 3.8893 (48.9 ms), z −1.68 → below', () => {
    const s = lnRmssdStatus(readings, today, { baselineDays: 28 });
    expect(s.acuteReadings).toBe(7);
    expectNear(s.mean7, 3.8893, 0.00005);
    expectNear(Math.exp(s.mean7 as number), 48.9, 0.05);
    expectNear(s.z, -1.68, 0.005);
    expect(s.status).toBe('below');
  });

  it('should give resting HR baseline 48.07 vs 7-day 53.43 → +5.36 bpm → flag', () => {
    // 14 baseline days summing to 672.98 (mean 48.07), then 7 days summing to 374.01 (mean 53.43)
    const base = [48, 47, 49, 48, 48, 47, 49, 48, 48, 47, 49, 48, 48, 48.98];
    const week = [53, 54, 53, 54, 53, 54, 53.01];
    const rows = [...base, ...week].map((restingHr, i) => ({ date: addDays(START, i), restingHr }));
    const s = restingHrStatus(rows, addDays(START, 20), { baselineDays: 14 });
    expectNear(s.baselineMean, 48.07, 1e-9);
    expectNear(s.mean7, 53.43, 1e-9);
    expectNear(s.delta, 5.36, 1e-9);
    expect(s.elevated).toBe(true);
  });
});
