import { compactExerciseKey, damerauLevenshtein, exerciseNameTokens, normalizeExerciseName, singular } from './normalize';

describe('normalizeExerciseName', () => {
  it.each([
    ['Deadlift', 'deadlift'],
    ['  BACK   Squat ', 'back squat'],
    ['BARBELL_DEADLIFT', 'barbell deadlift'],
    ['Clean & Jerk', 'clean and jerk'],
    ['Clean + Jerk', 'clean and jerk'],
    ['clean and jerk', 'clean and jerk'],
    ["Farmer's Walks", 'farmer walk'],
    ['Farmer’s carry', 'farmer carry'],
    ['Push-Ups', 'push up'],
    ['Lunges', 'lunge'],
    ['Bench Presses', 'bench press'],
    ['Partial Crunches', 'partial crunch'],
    ['Hamstring Stretches', 'hamstring stretch'],
    ['Dumbbell Flies', 'dumbbell fly'],
    ['Biceps Curls', 'bicep curl'],
    ['Cat-Cow', 'cat cow'],
    ['T-Bar Row', 't bar row'],
    ['Deadlift 5x5', 'deadlift'],
    ['Deadlift 5 x 5 @ 140kg', 'deadlift'],
    ['Back squat 3x8 100 kg RPE 8', 'back squat'],
    ['Squat (10 reps, 3 sets)', 'squat'],
    ['Squat with the barbell', 'squat barbell'],
    ['Romanian Deadlift – dumbbells', 'romanian deadlift dumbbell'],
    ['Pelvis tilt', 'pelvis tilt'],
    ['Good Mornings', 'good morning'],
    ['Zércher squat', 'zercher squat'],
    ['Kettlebell swing 24kg', 'kettlebell swing'],
  ])('should normalize %j to %j', (input, expected) => {
    expect(normalizeExerciseName(input)).toBe(expected);
  });

  it('should keep equipment words, which tell apart lifts of different categories', () => {
    expect(normalizeExerciseName('Dumbbell Row')).toBe('dumbbell row');
    expect(normalizeExerciseName('Barbell Row')).toBe('barbell row');
    expect(normalizeExerciseName('Trap Bar Deadlift')).toBe('trap bar deadlift');
  });

  it('should give an empty name for anything without words', () => {
    expect(normalizeExerciseName('')).toBe('');
    expect(normalizeExerciseName('  5x5 @ 100kg  ')).toBe('');
    expect(normalizeExerciseName('!!!')).toBe('');
    expect(normalizeExerciseName(null)).toBe('');
    expect(normalizeExerciseName(42)).toBe('');
  });

  it('should give the same compact key to joined and split spellings', () => {
    expect(compactExerciseKey('Dead Bug')).toBe('deadbug');
    expect(compactExerciseKey('deadbug')).toBe('deadbug');
    expect(compactExerciseKey('Dead-Bugs')).toBe('deadbug');
    expect(compactExerciseKey('Pull-ups')).toBe(compactExerciseKey('pullup'));
  });

  it('should list the tokens in order', () => {
    expect(exerciseNameTokens('Heavy Back Squats, paused')).toEqual(['heavy', 'back', 'squat', 'paused']);
  });
});

describe('singular', () => {
  it.each([
    ['lunges', 'lunge'],
    ['presses', 'press'],
    ['press', 'press'],
    ['crunches', 'crunch'],
    ['boxes', 'box'],
    ['flies', 'fly'],
    ['ups', 'up'],
    ['abs', 'ab'],
    ['pelvis', 'pelvis'],
    ['plus', 'plus'],
    ['cross', 'cross'],
    ['as', 'as'],
    ['squat', 'squat'],
  ])('should make %j singular as %j', (input, expected) => {
    expect(singular(input)).toBe(expected);
  });
});

describe('damerauLevenshtein', () => {
  it.each([
    ['deadlift', 'deadlift', 0],
    ['deadlift', 'deadlfit', 1],
    ['squat', 'sqaut', 1],
    ['romanian', 'romainan', 1],
    ['deadlift', 'daedlfit', 2],
    ['plank', 'planks', 1],
    ['pull', 'push', 2],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('should measure %j → %j as %d', (a, b, expected) => {
    expect(damerauLevenshtein(a, b)).toBe(expected);
    expect(damerauLevenshtein(b, a)).toBe(expected);
  });

  it('should stop early once the distance exceeds the limit', () => {
    expect(damerauLevenshtein('kitten', 'sitting', 1)).toBe(2);
    expect(damerauLevenshtein('a', 'abcdef', 2)).toBe(3);
  });
});
