import fc from 'fast-check';
import { DEFAULT_EXERCISE_CATALOGUE } from './default-catalogue';
import type { CatalogueEntry, LoggedExercise } from './exercise.types';
import { prepareCatalogue } from './matcher';
import { classifySession, type SessionToClassify } from './tagger';

const catalogue = prepareCatalogue(DEFAULT_EXERCISE_CATALOGUE);
const ex = (name: string, ...sets: [number, number?, number?][]): LoggedExercise => ({
  name,
  sets: sets.map(([reps, kg, rpe]) => ({ reps, ...(kg !== undefined ? { kg } : {}), ...(rpe !== undefined ? { rpe } : {}) })),
});
const classify = (exercises: LoggedExercise[], extra: Omit<SessionToClassify, 'exercises'> = {}, best?: Map<string, number>) =>
  classifySession({ exercises, ...extra }, catalogue, best);

describe('classifySession: categories', () => {
  it('should tag spinal-loading and total its tonnage and sets', () => {
    const r = classify([ex('Deadlift', [5, 140], [5, 140], [3, 160]), ex('RDL', [8, 100]), ex('Bench press', [5, 100])]);
    expect(r.tags).toEqual(['spinal-loading']);
    expect(r.spinalTonnageKg).toBe(5 * 140 * 2 + 3 * 160 + 8 * 100);
    expect(r.spinalSets).toBe(4);
    expect(r.unknownExercises).toEqual([]);
    expect(r.maxAttempt).toBeNull();
  });

  it('should count sets without load (rowing-erg intervals) as spinal sets with no tonnage', () => {
    const r = classify([ex('Rowing machine', [0], [0], [0])]);
    expect(r.tags).toEqual(['spinal-loading']);
    expect(r.spinalSets).toBe(3);
    expect(r.spinalTonnageKg).toBe(0);
  });

  it('should leave sets without a plausible load out of the tonnage', () => {
    const sets = [{ reps: 5, kg: 100 }, { reps: -5, kg: 100 }, { reps: 5, kg: Number.NaN }, { reps: 5 }, { reps: 3, kg: Number.POSITIVE_INFINITY }, { reps: 1e70, kg: 1e235 }, { reps: 1, kg: 2500 }];
    const r = classifySession({ exercises: [{ name: 'Back squat', sets }] }, catalogue);
    expect(r.spinalTonnageKg).toBe(500);
    expect(r.spinalSets).toBe(7);
  });

  it('should tag core work', () => {
    expect(classify([ex('Plank', [1]), ex('Bird Dog', [10])]).tags).toEqual(['core']);
  });

  it('should not tag a known non-spinal lift', () => {
    const r = classify([ex('Bench press', [5, 80]), ex('Lat pulldown', [10, 50]), ex('Goblet squat', [10, 24])]);
    expect(r.tags).toEqual([]);
    expect(r.spinalSets).toBe(0);
    expect(r.unknownExercises).toEqual([]);
  });
});

describe('classifySession: warm-up and cool-down', () => {
  it('should tag prep before the work as warm-up and after it as cool-down', () => {
    expect(classify([ex('Easy jog', [1]), ex('Deadlift', [5, 100])]).tags).toEqual(['spinal-loading', 'warm-up']);
    expect(classify([ex('Deadlift', [5, 100]), ex('Easy jog', [1])]).tags).toEqual(['spinal-loading', 'cool-down']);
    expect(classify([ex('Cat-cow', [10]), ex('Bench press', [5, 80]), ex('Foam rolling', [1])]).tags).toEqual(['warm-up', 'cool-down']);
  });

  it('should count a stretch done before the work as warm-up', () => {
    expect(classify([ex('Hamstring stretch', [1]), ex('Bench press', [5, 80])]).tags).toEqual(['warm-up']);
  });

  it('should use the flags of prep done between two exercises', () => {
    expect(classify([ex('Bench press', [5, 80]), ex('Hip flexor stretch', [1]), ex('Pull-up', [5])]).tags).toEqual(['cool-down']);
    expect(classify([ex('Bench press', [5, 80]), ex('Leg swings', [10]), ex('Pull-up', [5])]).tags).toEqual(['warm-up']);
  });

  it('should use the flags in a session of prep only, mobility alone counting as warm-up', () => {
    expect(classify([ex('Hamstring stretch', [1]), ex('Child\'s pose', [1])]).tags).toEqual(['cool-down']);
    expect(classify([ex('Jumping jacks', [30])]).tags).toEqual(['warm-up']);
    expect(classify([ex('Foam rolling', [1])]).tags).toEqual(['warm-up', 'cool-down']);
    const mobilityOnly: CatalogueEntry = { name: 'Ankle circles', aliases: [], spinalLoading: false, core: false, warmUp: false, coolDown: false, mobility: true };
    expect(classifySession({ exercises: [ex('Ankle circles', [10])] }, [mobilityOnly]).tags).toEqual(['warm-up']);
    const between = [ex('Bench press', [5]), ex('Ankle circles', [10]), ex('Bench press', [5])];
    expect(classifySession({ exercises: between }, [...DEFAULT_EXERCISE_CATALOGUE, mobilityOnly]).tags).toEqual([]);
  });

  it('should never count spinal-loading or core exercises as warm-up or cool-down', () => {
    expect(classify([ex('Plank', [1]), ex('Deadlift', [5, 100]), ex('Bird dog', [10])]).tags).toEqual(['spinal-loading', 'core']);
  });

  it('should count an unknown exercise as work, so prep around it is placed', () => {
    const r = classify([ex('Easy jog', [1]), ex('Jefferson curl', [10, 20]), ex('Pigeon pose', [1])]);
    expect(r.tags).toEqual(['warm-up', 'cool-down']);
    expect(r.unknownExercises).toEqual(['Jefferson curl']);
  });
});

describe('classifySession: max attempt', () => {
  it('should tag session RPE 10', () => {
    const r = classify([ex('Bench press', [5, 80])], { rpe: 10 });
    expect(r.tags).toEqual(['max-attempt']);
    expect(r.maxAttempt).toEqual({ exercise: null, reason: 'session RPE 10' });
  });

  it('should not tag session RPE 9.5', () => {
    expect(classify([ex('Bench press', [5, 80])], { rpe: 9.5 }).maxAttempt).toBeNull();
  });

  it('should tag a set at RPE 10', () => {
    const r = classify([ex('Deadlift', [5, 140, 8], [1, 180, 10])]);
    expect(r.tags).toEqual(['spinal-loading', 'max-attempt']);
    expect(r.maxAttempt).toEqual({ exercise: 'Deadlift', reason: 'set at RPE 10 (1 × 180 kg)' });
  });

  it('should tag a set at ≥ 95 % of the athlete\'s best e1RM, whatever spelling the best was kept under', () => {
    const best = new Map([['Barbell Deadlift', 200]]);
    const r = classify([ex('Deadlift', [5, 150], [1, 190])], {}, best);
    expect(r.maxAttempt).toEqual({ exercise: 'Deadlift', reason: 'set (1 × 190 kg) at 95 % of the best estimated 1RM (200 kg)' });
    expect(r.tags).toContain('max-attempt');
  });

  it('should not tag a set just under 95 % of the best e1RM', () => {
    const r = classify([ex('Deadlift', [1, 189.9], [3, 180])], {}, new Map([['Deadlift', 200]]));
    expect(r.maxAttempt).toBeNull();
    expect(r.tags).toEqual(['spinal-loading']);
  });

  it('should tag a new best (above the previous e1RM)', () => {
    const r = classify([ex('RDL', [3, 160])], {}, new Map([['Romanian deadlift', 150]]));
    expect(r.maxAttempt?.exercise).toBe('RDL');
  });

  it('should not take an implausible load for a max attempt', () => {
    expect(classify([ex('Deadlift', [1, 25000])], {}, new Map([['Deadlift', 200]])).maxAttempt).toBeNull();
  });

  it('should not judge an exercise without a known best', () => {
    expect(classify([ex('Deadlift', [1, 250])], {}, new Map([['Back squat', 100]])).maxAttempt).toBeNull();
    expect(classify([ex('Deadlift', [1, 250])]).maxAttempt).toBeNull();
  });

  it('should judge an unknown exercise by its normalized name', () => {
    const r = classify([ex('Jefferson curls', [1, 60])], {}, new Map([['jefferson curl', 60]]));
    expect(r.maxAttempt?.exercise).toBe('Jefferson curls');
    expect(r.unknownExercises).toEqual(['Jefferson curls']);
  });

  it('should report spinal-loading evidence before other exercises and before the session RPE', () => {
    const r = classify([ex('Bench press', [1, 120, 10]), ex('Back squat', [1, 200, 10])], { rpe: 10 });
    expect(r.maxAttempt?.exercise).toBe('Back squat');
    const benchOnly = classify([ex('Bench press', [1, 120, 10]), ex('Back squat', [5, 100, 7])], { rpe: 10 });
    expect(benchOnly.maxAttempt?.exercise).toBe('Bench press');
  });
});

describe('classifySession: given tags and unknown names', () => {
  it('should keep the given tags first and add the derived ones once', () => {
    const r = classify([ex('Deadlift', [5, 100]), ex('Plank', [1])], { tags: ['recovery', 'core', 'core'] });
    expect(r.tags).toEqual(['recovery', 'core', 'spinal-loading']);
  });

  it('should report each unknown name once, as first logged', () => {
    const r = classify([ex('Jefferson curl', [5]), ex(' jefferson CURLS ', [5]), ex('Hack squat', [5, 100]), ex('Deadlift', [1, 100])]);
    expect(r.unknownExercises).toEqual(['Jefferson curl', 'Hack squat']);
  });

  it('should not guess: an unknown lift does not make the session spinal-loading', () => {
    const r = classify([ex('Hack squat', [5, 140])]);
    expect(r.tags).toEqual([]);
    expect(r.spinalTonnageKg).toBe(0);
  });

  it('should accept a session without exercises', () => {
    expect(classifySession({ exercises: null, tags: ['core'], rpe: null }, catalogue)).toEqual({
      tags: ['core'],
      unknownExercises: [],
      maxAttempt: null,
      spinalTonnageKg: 0,
      spinalSets: 0,
    });
  });
});

describe('classifySession properties', () => {
  const KNOWN = DEFAULT_EXERCISE_CATALOGUE.flatMap((e) => [e.name, ...e.aliases]);
  const number = fc.oneof(fc.double(), fc.integer({ min: -5, max: 30 }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 0, 10));
  const set = fc.oneof(
    fc.record({ reps: number, kg: fc.option(number, { nil: undefined }), rpe: fc.option(number, { nil: undefined }) }),
    fc.anything(),
  );
  const exercise = fc.oneof(
    fc.record({ name: fc.oneof(fc.constantFrom(...KNOWN), fc.string()), sets: fc.array(set, { maxLength: 6 }) }),
    fc.record({ name: fc.anything(), sets: fc.anything() }),
    fc.anything(),
  );
  const tags = fc.array(fc.oneof(fc.constantFrom('spinal-loading', 'core', 'warm-up', 'cool-down', 'max-attempt', 'recovery'), fc.string()), { maxLength: 5 });
  const bests = fc.option(fc.array(fc.tuple(fc.oneof(fc.constantFrom(...KNOWN), fc.string()), number), { maxLength: 5 }).map((pairs) => new Map(pairs)), { nil: undefined });

  it('should never throw and keep every given tag', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(exercise, { maxLength: 8 }), fc.constant(null)), tags, fc.option(number, { nil: null }), bests, (exercises, given, rpe, best) => {
        const r = classifySession({ exercises, tags: given, rpe }, catalogue, best);
        for (const tag of given) expect(r.tags).toContain(tag);
        expect(new Set(r.tags).size).toBe(r.tags.length);
        expect(Number.isFinite(r.spinalTonnageKg)).toBe(true);
        expect(r.spinalTonnageKg).toBeGreaterThanOrEqual(0);
        expect(r.tags.includes('max-attempt')).toBe(r.maxAttempt !== null || given.includes('max-attempt'));
      }),
      { numRuns: 500 },
    );
  });

  it('should tag spinal-loading exactly when a spinal-loading catalogue name is logged', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...DEFAULT_EXERCISE_CATALOGUE), { maxLength: 6 }), (entries) => {
        const r = classifySession({ exercises: entries.map((e) => ex(e.name, [5, 50])) }, catalogue);
        expect(r.tags.includes('spinal-loading')).toBe(entries.some((e) => e.spinalLoading));
        expect(r.tags.includes('core')).toBe(entries.some((e) => e.core));
        expect(r.unknownExercises).toEqual([]);
      }),
    );
  });
});
