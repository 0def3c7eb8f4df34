/** Property tests (fast-check): every rule is total and its output is clean for any valid input. */
import fc from 'fast-check';
import { addDays } from '../../../training-load/src/calc';
import { evaluateRecentDays, inputAsOf, RULES } from './index';
import type { RuleExercise, RuleResult, RuleSession } from './rule.types';
import { buildSeason } from './testing/season';
import type { SeasonDay } from './testing/season';
import type { AlertThresholds } from './thresholds';
import { bannedPhrasesIn } from './wording';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });

const exerciseArb: fc.Arbitrary<RuleExercise> = fc.record({
  name: fc.constantFrom('Deadlift', 'Back squat', 'Power clean', 'Plank', 'Bird dog', 'Bench press', 'Kettlebell swing', '', 'Romanian deadlift'),
  sets: fc.array(
    fc.record({ reps: fc.integer({ min: 0, max: 20 }), kg: maybe(fc.double({ min: 0, max: 300, noNaN: true })), rpe: maybe(fc.integer({ min: 0, max: 10 })) }),
    { maxLength: 5 },
  ),
});

const sessionArb: fc.Arbitrary<Partial<RuleSession>> = fc.record({
  sport: fc.constantFrom('Run', 'Run', 'TrailRun', 'Ride', 'WeightTraining', 'Swim', 'Rowing', null),
  distanceM: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: fc.double({ min: 0, max: 30_000, noNaN: true }) }),
  durationS: maybe(fc.integer({ min: 0, max: 20_000 })),
  rpe: maybe(fc.integer({ min: 0, max: 10 })),
  load: maybe(fc.double({ min: 0, max: 1500, noNaN: true })),
  tags: fc.subarray(['spinal-loading', 'core', 'warm-up', 'cool-down', 'max-attempt']),
  exercises: fc.array(exerciseArb, { maxLength: 3 }),
});

const item = maybe(fc.integer({ min: 1, max: 5 }));
const dayArb: fc.Arbitrary<SeasonDay> = fc.record(
  {
    load: fc.oneof(
      { weight: 2, arbitrary: fc.constant(0) },
      { weight: 6, arbitrary: fc.integer({ min: 200, max: 600 }) },
      { weight: 1, arbitrary: fc.double({ min: 0, max: 5000, noNaN: true }) },
    ),
    state: fc.oneof(
      { weight: 12, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom('trained' as const, 'rest' as const, 'missing' as const) },
    ),
    sessions: fc.array(sessionArb, { maxLength: 2 }),
    selfReport: fc.record({
      wellness: maybe(fc.record({ sleepQuality: item, fatigue: item, stress: item, soreness: item, mood: item })),
      backPain: maybe(fc.integer({ min: 0, max: 10 })),
      redFlags: fc.oneof({ weight: 15, arbitrary: fc.constant<string[]>([]) }, { weight: 1, arbitrary: fc.subarray(['night pain', 'numbness', 'fever', '']) }),
      illness: fc.boolean(),
    }),
    recovery: fc.record({
      restingHr: maybe(fc.integer({ min: 30, max: 100 })),
      hrvRmssd: maybe(fc.double({ min: 5, max: 250, noNaN: true })),
      sleepS: maybe(fc.integer({ min: 0, max: 14 * 3600 })),
    }),
  },
  { requiredKeys: ['load'] },
);

const thresholdsArb: fc.Arbitrary<Partial<AlertThresholds>> = fc.record(
  {
    formUnit: fc.constantFrom('points' as const, 'percentOfCtl' as const),
    loadSpikeWarning: fc.double({ min: 1, max: 1.4, noNaN: true }),
    monotonyWarning: fc.double({ min: 1, max: 3, noNaN: true }),
    strainMinValues: fc.integer({ min: 7, max: 40 }),
    recoveryPersistDays: fc.integer({ min: 1, max: 5 }),
    wellnessHigherIsBetter: fc.boolean(),
    backPainRequireDynamicItem: fc.boolean(),
    sessionSpikeFamilies: fc.constantFrom(['run'], ['run', 'ride', 'swim']),
  },
  { requiredKeys: [] },
);

function checkResult(rule: string, date: string, r: RuleResult): void {
  const where = `${rule} on ${date}`;
  if (!r.triggered) {
    if (r.suppressed) {
      if (!(r.suppressed.reason.length > 0) || /NaN|Infinity|\[object/.test(r.suppressed.reason)) throw new Error(`${where}: bad reason ${r.suppressed.reason}`);
    }
    return;
  }
  if (!['info', 'warning', 'high'].includes(r.severity)) throw new Error(`${where}: severity ${r.severity}`);
  for (const text of [r.title, r.message]) {
    if (text.length === 0 || /NaN|Infinity|\bundefined\b|\[object/.test(text)) throw new Error(`${where}: bad text ${text}`);
    const banned = bannedPhrasesIn(text);
    if (banned.length > 0) throw new Error(`${where}: banned ${banned.join(', ')} in ${text}`);
  }
  for (const [k, v] of Object.entries(r.evidence)) {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`${where}: evidence ${k} = ${v}`);
    if (!(v === null || ['number', 'string', 'boolean'].includes(typeof v))) throw new Error(`${where}: evidence ${k} has type ${typeof v}`);
  }
  if (r.recommendations.length === 0 || r.recommendations.some((x) => typeof x !== 'string' || x.length === 0)) throw new Error(`${where}: no advice`);
}

describe('rule properties', () => {
  it('should never throw, and never emit NaN/±Infinity, empty advice or banned wording, for any valid season', () => {
    fc.assert(
      fc.property(
        fc.array(dayArb, { minLength: 1, maxLength: 100, size: 'max' }),
        fc.boolean(),
        thresholdsArb,
        fc.nat(),
        (days, lbpHistory, thresholds, pick) => {
          const season = buildSeason({ start: '2026-01-01', athlete: { name: 'Ada Test', lbpHistory }, days, thresholds });
          const today = season.dates[pick % season.dates.length];
          const input = season.inputFor(today);
          for (const rule of RULES) {
            checkResult(rule.id, today, rule.evaluate(input));
            for (const { date, result } of evaluateRecentDays(rule, input)) checkResult(rule.id, date, result);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('should judge the 2 days before today from today’s input exactly as from their own (RULE_INPUT_WINDOWS margin)', () => {
    fc.assert(
      fc.property(fc.array(dayArb, { minLength: 1, maxLength: 140, size: 'max' }), fc.integer({ min: 0, max: 2 }), thresholdsArb, (days, back, thresholds) => {
        const season = buildSeason({ start: '2026-01-01', athlete: { name: 'Ada Test', lbpHistory: true }, days, thresholds });
        const last = season.dates[season.dates.length - 1];
        const earlier = addDays(last, -back);
        if (earlier < season.dates[0]) return;
        const full = season.inputFor(last);
        for (const rule of RULES) expect(rule.evaluate(inputAsOf(full, earlier))).toEqual(rule.evaluate(season.inputFor(earlier)));
      }),
      { numRuns: 100 },
    );
  });
});
