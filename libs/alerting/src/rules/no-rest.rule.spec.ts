import { addDays, daysBetween } from '../../../training-load/src/calc';
import { noRestRule } from './no-rest.rule';
import { RECOMMENDATIONS } from './recommendations';
import type { DayState, MetricsDay } from './rule.types';
import { makeInput, TODAY } from './testing/fixtures';
import type { InputSpec } from './testing/fixtures';

/** Rows whose last days follow `states` (oldest first, today last); older days keep the weekly pattern. */
function withLastStates(states: DayState[], spec: InputSpec = {}) {
  let streak = 0;
  const from = addDays(TODAY, -(states.length - 1));
  return makeInput({
    ...spec,
    rows: (date): Partial<MetricsDay> => {
      if (date < from) return {};
      const state = states[daysBetween(from, date)];
      streak = state === 'trained' ? streak + 1 : 0;
      return { state, load: state === 'trained' ? 300 : 0, streak };
    },
  });
}

const T = 'trained' as const;
const R = 'rest' as const;
const M = 'missing' as const;

describe('no-rest rule', () => {
  it('should not fire with a rest day among the last 7 known days', () => {
    expect(noRestRule.evaluate(withLastStates([R, T, T, T, T, T, T])).triggered).toBe(false);
  });

  it('should fire on the 7th training day in a row', () => {
    const r = noRestRule.evaluate(withLastStates([R, T, T, T, T, T, T, T]));
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.severity).toBe('warning');
    expect(r.evidence).toMatchObject({ knownDaysChecked: 7, restDays: 0, windowFrom: addDays(TODAY, -6), windowTo: TODAY, missingDaysSkipped: 0 });
    expect(r.message).toContain(`no rest day in the last 7 known days (${addDays(TODAY, -6)} to ${TODAY})`);
  });

  it('should skip missing days instead of counting them as rest', () => {
    const r = noRestRule.evaluate(withLastStates([R, T, T, M, M, T, T, T, T, T]));
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.evidence).toMatchObject({ knownDaysChecked: 7, missingDaysSkipped: 2, windowFrom: addDays(TODAY, -8) });
    expect(r.message).toContain('2 days without data skipped');
  });

  it('should say it cannot judge with fewer than 7 known days in 14', () => {
    const r = noRestRule.evaluate(withLastStates([M, M, M, M, M, M, M, M, T, T, T, T, T, T]));
    expect(r).toEqual({ triggered: false, suppressed: { reason: 'only 6 known days in the last 14 (needs 7 to look for a rest day)' } });
  });

  it.each([
    [9, false],
    [10, true],
  ])('should treat a streak of %s training days as triggered=%s (streak trigger alone)', (streak, triggered) => {
    // with 14 known days required, only the streak trigger can fire
    const states: DayState[] = [...Array<DayState>(14 - streak).fill(T).map((s, i) => (i === 13 - streak ? R : s)), ...Array<DayState>(streak).fill(T)];
    const r = noRestRule.evaluate(withLastStates(states, { thresholds: { noRestKnownDays: 14, noRestLookbackDays: 28 } }));
    expect(r.triggered).toBe(triggered);
    if (r.triggered) {
      expect(r.title).toContain(`${streak} training days in a row`);
      expect(r.evidence.streak).toBe(streak);
    }
  });

  it('should attach rest advice', () => {
    const r = noRestRule.evaluate(withLastStates([R, T, T, T, T, T, T, T]));
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.recommendations).toEqual([RECOMMENDATIONS.scheduleRestDay, RECOMMENDATIONS.restOrLowImpact, RECOMMENDATIONS.alternateMuscleGroups]);
  });
});
