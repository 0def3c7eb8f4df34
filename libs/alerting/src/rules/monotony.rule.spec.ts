import { addDays } from '../../../training-load/src/calc';
import { monotonyRule } from './monotony.rule';
import { RECOMMENDATIONS } from './recommendations';
import { makeInput, TODAY } from './testing/fixtures';
import type { InputSpec } from './testing/fixtures';

/** 60 rows whose strain is 1000 + 10·(i mod 21) (baseline p90 = 1180), today's monotony/strain overridden. */
const input = (monotony: number | null, strain: number | null, spec: InputSpec = {}) =>
  makeInput({ rows: (_d, i) => ({ strain: 1000 + 10 * (i % 21), monotony: 1.3 }), last: { monotony, strain }, ...spec });

describe('monotony rule', () => {
  it.each([
    [1.5, false],
    [2.0, false],
    [2.001, true],
    [2.24, true],
  ])('should treat monotony %s as triggered=%s', (monotony, triggered) => {
    expect(monotonyRule.evaluate(input(monotony, 1000)).triggered).toBe(triggered);
  });

  it('should compute the strain baseline p90 from the weeks that do not overlap this one', () => {
    // baseline = rows of today−89 … today−7 that exist: the 53 oldest rows (i = 0..52)
    const values = Array.from({ length: 53 }, (_, i) => 1000 + 10 * (i % 21)).sort((a, b) => a - b);
    const h = (values.length - 1) * 0.9;
    const p90 = values[Math.floor(h)] + (values[Math.ceil(h)] - values[Math.floor(h)]) * (h - Math.floor(h));
    expect(monotonyRule.evaluate(input(1.3, p90)).triggered).toBe(false);
    expect(monotonyRule.evaluate(input(1.3, p90 - 1)).triggered).toBe(false);
    const above = monotonyRule.evaluate(input(1.3, p90 + 1));
    if (!above.triggered) throw new Error('expected strain above p90 to fire');
    expect(above.severity).toBe('warning');
    expect(above.evidence).toMatchObject({ strainTriggered: true, monotonyTriggered: false, strainP90: p90, strainBaselineValues: 53 });
    expect(above.message).toContain(`above Sam Okafor's own 90th percentile of ${Math.round(p90)} AU`);
  });

  it('should not judge strain with fewer than 28 baseline values', () => {
    // 34 rows: baseline today−89 … today−7 holds 27 values
    expect(monotonyRule.evaluate(input(1.3, 99_999, { n: 34 })).triggered).toBe(false);
    expect(monotonyRule.evaluate(input(1.3, 99_999, { n: 35 })).triggered).toBe(true);
  });

  it('should report both triggers in one alert', () => {
    const r = monotonyRule.evaluate(input(2.5, 5000));
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.evidence).toMatchObject({ monotony: 2.5, strain: 5000, monotonyTriggered: true, strainTriggered: true });
    expect(r.message).toMatch(/monotony 2\.50 \(above 2\) and strain 5000 AU/);
    expect(r.message).toContain(`${addDays(TODAY, -6)} to ${TODAY}`);
  });

  it('should flag the same non-zero load on all 7 days, where monotony is unbounded', () => {
    const r = monotonyRule.evaluate(
      makeInput({ rows: (date) => (date > addDays(TODAY, -7) ? { load: 400, state: 'trained', monotony: null } : {}) }),
    );
    if (!r.triggered) throw new Error('expected identical loads to fire');
    expect(r.evidence.identicalLoads).toBe(true);
    expect(r.message).toContain('the same load of 400 AU on all 7 days');
  });

  it('should say why it cannot judge monotony', () => {
    const short = monotonyRule.evaluate(makeInput({ n: 5, last: { monotony: null } }));
    expect(!short.triggered && short.suppressed?.reason).toBe('monotony needs 7 days of loads (5 so far)');
    const missing = monotonyRule.evaluate(
      makeInput({ rows: (date) => (date > addDays(TODAY, -3) ? { state: 'missing', load: 0, monotony: null } : {}) }),
    );
    expect(!missing.triggered && missing.suppressed?.reason).toBe('monotony needs at least 5 known days in the last 7 (4 known)');
  });

  it('should attach variation and rest advice', () => {
    const r = monotonyRule.evaluate(input(2.4, 1000));
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.recommendations).toEqual([RECOMMENDATIONS.varyTheWeek, RECOMMENDATIONS.alternateMuscleGroups, RECOMMENDATIONS.restOrLowImpact]);
  });
});
