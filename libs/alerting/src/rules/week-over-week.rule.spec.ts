import { addDays, daysBetween } from '../../../training-load/src/calc';
import { RECOMMENDATIONS } from './recommendations';
import { makeInput, TODAY } from './testing/fixtures';
import type { InputSpec } from './testing/fixtures';
import { weekOverWeekRule } from './week-over-week.rule';

/** The 14 days up to today: the earlier 7 total `last` AU, the recent 7 total `now` AU (spread over 5 days). */
function weeks(last: number, now: number, spec: InputSpec = {}) {
  const from = addDays(TODAY, -13);
  return makeInput({
    ...spec,
    rows: (date, i, n) => {
      if (date < from) return spec.rows?.(date, i, n) ?? {};
      const k = daysBetween(from, date);
      const total = k < 7 ? last : now;
      const load = k % 7 < 5 ? total / 5 : 0;
      return { load, state: load > 0 ? 'trained' : 'rest', ...spec.rows?.(date, i, n) };
    },
  });
}

describe('week-over-week rule', () => {
  it.each([
    [1000, 1000, false, undefined],
    [1000, 1300, false, undefined],
    [1000, 1299, false, undefined],
    [1000, 1301, true, 'warning'],
    [1000, 1500, true, 'warning'],
    [1000, 1501, true, 'high'],
    [1000, 2600, true, 'high'],
    [1000, 500, false, undefined],
  ] as const)('should treat %s → %s AU as triggered=%s severity=%s', (last, now, triggered, severity) => {
    const r = weekOverWeekRule.evaluate(weeks(last, now));
    expect(r.triggered).toBe(triggered);
    if (r.triggered) expect(r.severity).toBe(severity);
    else expect(r.suppressed).toBeUndefined();
  });

  it('should reproduce the science.md vector 1850 → 2500 = +35.1 %', () => {
    const r = weekOverWeekRule.evaluate(weeks(1850, 2500));
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.title).toContain('+35.1%');
    expect(r.evidence).toMatchObject({ weekOverWeek: 0.3514, thisWeekLoad: 2500, lastWeekLoad: 1850, knownDays14: 14, threshold: 0.3 });
    expect(r.message).toContain(`2500 AU in ${addDays(TODAY, -6)} to ${TODAY} vs 1850 AU in ${addDays(TODAY, -13)} to ${addDays(TODAY, -7)}`);
  });

  it('should not judge unless all 14 days are known', () => {
    const r = weekOverWeekRule.evaluate(weeks(1000, 2000, { rows: (date) => (date === addDays(TODAY, -9) ? { state: 'missing', load: 0 } : {}) }));
    expect(r).toEqual({ triggered: false, suppressed: { reason: 'week-over-week needs 14 known days of the last 14 (13 known)' } });
  });

  it('should not judge with less than 14 days of history', () => {
    const r = weekOverWeekRule.evaluate(makeInput({ n: 9 }));
    expect(!r.triggered && r.suppressed?.reason).toBe('week-over-week needs 14 days of history (9 so far)');
  });

  it('should not judge a change from a 0 AU week', () => {
    const r = weekOverWeekRule.evaluate(weeks(0, 1000));
    expect(!r.triggered && r.suppressed?.reason).toBe('the previous 7 days total 0 AU, so the change is undefined');
  });

  it('should attach build-up advice', () => {
    const r = weekOverWeekRule.evaluate(weeks(1000, 1600));
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.recommendations).toEqual([RECOMMENDATIONS.buildGradually, RECOMMENDATIONS.restOrLowImpact, RECOMMENDATIONS.talkToCoach]);
  });
});
