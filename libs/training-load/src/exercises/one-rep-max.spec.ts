import fc from 'fast-check';
import { DEFAULT_EXERCISE_CATALOGUE } from './default-catalogue';
import { bestEstimatedOneRepMax, estimatedOneRepMax, exerciseKey } from './one-rep-max';

describe('estimatedOneRepMax', () => {
  it.each([
    [100, 1, 100],
    [100, 2, 106.667],
    [100, 5, 116.667],
    [100, 10, 133.333],
    [60, 30, 120],
    [140, 3, 154],
  ])('should estimate %d kg × %d as %d kg (Epley)', (kg, reps, expected) => {
    expect(estimatedOneRepMax(kg, reps)).toBeCloseTo(expected, 3);
  });

  it.each([
    [0, 5],
    [-20, 5],
    [100, 0],
    [100, 0.5],
    [Number.NaN, 3],
    [100, Number.POSITIVE_INFINITY],
    [undefined, 3],
    ['100', 3],
  ])('should give 0 when there is nothing to estimate from (%p kg × %p)', (kg, reps) => {
    expect(estimatedOneRepMax(kg, reps)).toBe(0);
  });

  it('should grow with the load and with the reps', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 500, noNaN: true }), fc.double({ min: 0.1, max: 50, noNaN: true }), fc.integer({ min: 1, max: 30 }), (kg, more, reps) => {
        expect(estimatedOneRepMax(kg + more, reps)).toBeGreaterThan(estimatedOneRepMax(kg, reps));
        expect(estimatedOneRepMax(kg, reps + 1)).toBeGreaterThan(estimatedOneRepMax(kg, reps));
        expect(estimatedOneRepMax(kg, reps)).toBeGreaterThanOrEqual(kg);
      }),
    );
  });
});

describe('bestEstimatedOneRepMax', () => {
  it('should keep the best e1RM per catalogue entry, whatever spelling was logged', () => {
    const best = bestEstimatedOneRepMax(
      [
        { name: 'RDL', sets: [{ reps: 5, kg: 120 }] },
        { name: 'Romanian Deadlift', sets: [{ reps: 1, kg: 150 }, { reps: 8, kg: 100 }] },
        { name: 'Deadlift', sets: [{ reps: 3, kg: 180 }] },
        { name: 'Jefferson curl', sets: [{ reps: 10, kg: 30 }] },
        { name: 'Plank', sets: [{ reps: 1 }] },
      ],
      DEFAULT_EXERCISE_CATALOGUE,
    );
    expect([...best.keys()].sort()).toEqual(['Deadlift', 'Romanian deadlift', 'jefferson curl']);
    expect(best.get('Romanian deadlift')).toBe(150);
    expect(best.get('Deadlift')).toBeCloseTo(198, 6);
    expect(best.get('jefferson curl')).toBeCloseTo(40, 6);
  });

  it('should skip what is not a logged exercise', () => {
    const best = bestEstimatedOneRepMax([null, 3, { name: 'Deadlift' }, { name: 'Deadlift', sets: [null, { reps: 2, kg: 'heavy' }, { reps: 1, kg: 100 }] }], DEFAULT_EXERCISE_CATALOGUE);
    expect([...best]).toEqual([['Deadlift', 100]]);
  });

  it('should key unknown names by their normalized name and known ones by the catalogue name', () => {
    expect(exerciseKey('sumo DL', DEFAULT_EXERCISE_CATALOGUE)).toBe('Sumo deadlift');
    expect(exerciseKey('  Zottman CURLS ', DEFAULT_EXERCISE_CATALOGUE)).toBe('zottman curl');
    expect(exerciseKey('5x5', DEFAULT_EXERCISE_CATALOGUE)).toBe('');
  });
});
