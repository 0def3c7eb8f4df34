import { keyConflicts, validateDefinition } from './catalogue-validation';
import { DEFAULT_EXERCISE_CATALOGUE } from './default-catalogue';
import { EXERCISE_FLAGS } from './exercise.types';
import { matchExercise } from './matcher';

const errorsOf = (input: unknown) => {
  const r = validateDefinition(input);
  return r.ok ? [] : r.errors;
};

describe('validateDefinition', () => {
  it('should clean a valid entry: trimmed, flags default to false, redundant aliases dropped', () => {
    const r = validateDefinition({ name: '  Jefferson curl ', aliases: [' Jefferson Curls', 'JC', 'jc', 'Jefferson-curl'], spinalLoading: true, notes: '  ' });
    expect(r).toEqual({
      ok: true,
      value: { name: 'Jefferson curl', aliases: ['JC'], spinalLoading: true, core: false, warmUp: false, coolDown: false, mobility: false, notes: null },
    });
  });

  it('should accept an explicit none for a lift with no category', () => {
    expect(validateDefinition({ name: 'Cable fly', none: true }).ok).toBe(true);
  });

  it.each([
    [{ aliases: [], core: true }, 'name is required'],
    [{ name: '   ', core: true }, 'name is required'],
    [{ name: 'x'.repeat(101), core: true }, 'name must be at most 100 characters'],
    [{ name: '5x5', core: true }, 'name "5x5" has no words once normalized'],
    [{ name: 'Cable fly' }, 'set at least one of spinalLoading, core, warmUp, coolDown, mobility, or none: true for a lift with no category'],
    [{ name: 'Cable fly', core: false, none: false }, 'set at least one of spinalLoading, core, warmUp, coolDown, mobility, or none: true for a lift with no category'],
    [{ name: 'Cable fly', core: true, none: true }, 'none: true cannot be combined with a category'],
    [{ name: 'Cable fly', core: 'yes' }, 'core must be true or false'],
    [{ name: 'Cable fly', core: true, aliases: 'fly' }, 'aliases must be a list of names'],
    [{ name: 'Cable fly', core: true, aliases: [''] }, 'each alias must be a name of 1 to 100 characters'],
    [{ name: 'Cable fly', core: true, aliases: [7] }, 'each alias must be a name of 1 to 100 characters'],
    [{ name: 'Cable fly', core: true, aliases: ['@8'] }, 'alias "@8" has no words once normalized'],
    [{ name: 'Cable fly', core: true, aliases: Array.from({ length: 51 }, (_, i) => `fly ${String.fromCharCode(97 + (i % 26))}${i}`) }, 'at most 50 aliases'],
    [{ name: 'Cable fly', core: true, notes: 3 }, 'notes must be text'],
    [{ name: 'Cable fly', core: true, notes: 'n'.repeat(1001) }, 'notes must be at most 1000 characters'],
  ])('should reject %j', (input, error) => {
    expect(errorsOf(input)).toContain(error);
  });

  it('should reject what is not an object', () => {
    expect(errorsOf(null)).toContain('name is required');
  });
});

describe('keyConflicts', () => {
  const others = [{ name: 'Romanian deadlift', aliases: ['RDL'] }];

  it('should find a name or alias another entry answers to, case- and spelling-insensitively', () => {
    expect(keyConflicts({ name: 'romanian DEADLIFTS', aliases: [] }, others)).toEqual(['"romanian DEADLIFTS" is already a name or alias of "Romanian deadlift"']);
    expect(keyConflicts({ name: 'Stiff RDL', aliases: ['rdl'] }, others)).toEqual(['"rdl" is already a name or alias of "Romanian deadlift"']);
  });

  it('should find nothing for new names', () => {
    expect(keyConflicts({ name: 'Jefferson curl', aliases: ['JC'] }, others)).toEqual([]);
  });
});

describe('DEFAULT_EXERCISE_CATALOGUE', () => {
  const hasFlag = (e: (typeof DEFAULT_EXERCISE_CATALOGUE)[number]) => EXERCISE_FLAGS.some((f) => e[f]);

  it('should hold only valid entries without redundant aliases', () => {
    for (const e of DEFAULT_EXERCISE_CATALOGUE) {
      const r = validateDefinition({ ...e, none: !hasFlag(e) });
      expect([e.name, r.ok && r.value.aliases]).toEqual([e.name, e.aliases]);
    }
  });

  it('should give every name and alias to one entry only', () => {
    DEFAULT_EXERCISE_CATALOGUE.forEach((e, i) => {
      expect([e.name, keyConflicts(e, DEFAULT_EXERCISE_CATALOGUE.filter((_, j) => j !== i))]).toEqual([e.name, []]);
    });
  });

  it('should match every name and alias to its own entry', () => {
    for (const e of DEFAULT_EXERCISE_CATALOGUE) {
      for (const name of [e.name, ...e.aliases]) expect([name, matchExercise(name, DEFAULT_EXERCISE_CATALOGUE)?.definition.name]).toEqual([name, e.name]);
    }
  });

  it('should count the SPEC §5 spinal-loading families as spinal-loading', () => {
    const spinal = new Set(DEFAULT_EXERCISE_CATALOGUE.filter((e) => e.spinalLoading).map((e) => e.name));
    for (const name of ['Deadlift', 'Sumo deadlift', 'Romanian deadlift', 'Stiff-leg deadlift', 'Trap-bar deadlift', 'Deficit deadlift', 'Rack pull', 'Back squat', 'Front squat', 'Overhead squat', 'Box squat', 'Zercher squat', 'Good morning', 'Barbell row', 'Pendlay row', 'T-bar row', 'Power clean', 'Hang clean', 'Clean', 'Clean and jerk', 'Snatch', 'Power snatch', 'Hang snatch', 'Kettlebell swing', 'Rowing erg']) {
      expect([name, spinal.has(name)]).toEqual([name, true]);
    }
    for (const name of ['Goblet squat', 'Hip thrust', 'Leg press', 'Bench press', 'Back extension', 'Plank', 'Split squat']) {
      expect([name, spinal.has(name)]).toEqual([name, false]);
    }
  });

  it('should hold the SPEC §5 core work and the warm-up and cool-down exercises', () => {
    const byName = new Map(DEFAULT_EXERCISE_CATALOGUE.map((e) => [e.name, e]));
    for (const name of ['Plank', 'Side plank', 'Bird dog', 'Dead bug', 'Pelvic tilt', 'Partial crunch', 'Wall sit', 'Back extension', 'Pallof press', 'McGill curl-up', 'Hollow hold', 'Ab wheel']) {
      expect([name, byName.get(name)?.core]).toEqual([name, true]);
    }
    for (const name of ['Cat-cow', 'Foam rolling', 'World\'s greatest stretch', 'Leg swings', 'Jumping jacks', 'Easy jog']) expect([name, byName.get(name)?.warmUp]).toEqual([name, true]);
    for (const name of ['Hip flexor stretch', 'Hamstring stretch', 'Foam rolling', 'Easy jog']) expect([name, byName.get(name)?.coolDown]).toEqual([name, true]);
  });

  it('should explain every judgement call in the notes', () => {
    for (const name of ['Goblet squat', 'Hip thrust', 'Leg press', 'Split squat', 'Overhead press', 'Farmer\'s carry', 'Trap-bar deadlift', 'Wall sit', 'Back extension', 'Seated cable row']) {
      const e = DEFAULT_EXERCISE_CATALOGUE.find((d) => d.name === name);
      expect([name, (e?.notes ?? '').length > 20]).toEqual([name, true]);
    }
  });
});
