import { addDays } from '../../../training-load/src/calc';
import { formRule } from './form.rule';
import { RECOMMENDATIONS } from './recommendations';
import { makeInput, TODAY } from './testing/fixtures';
import type { InputSpec } from './testing/fixtures';

// These cases pin the raw-points convention of SPEC §5; the default unit (percent of fitness) has its own test.
const POINTS = { formUnit: 'points' as const, formWarmupDays: 42 };
const withForm = (form: number | null, spec: InputSpec = {}) => makeInput({ ...spec, thresholds: { ...POINTS, ...spec.thresholds }, last: { form, ...spec.last } });
/** Rows with form −25 on the given days back from today (0 = today). */
const dipsOn = (daysBack: number[], value = -25, spec: InputSpec = {}) => {
  const dates = new Set(daysBack.map((d) => addDays(TODAY, -d)));
  return makeInput({ ...spec, thresholds: { ...POINTS, ...spec.thresholds }, rows: (date) => (dates.has(date) ? { form: value } : {}) });
};

describe('form rule', () => {
  it('should wait two CTL time constants (84 days) by default before judging form', () => {
    expect(formRule.evaluate(makeInput({ n: 83, last: { form: -200, ctl: 400, atl: 600 } })).triggered).toBe(false);
    expect(formRule.evaluate(makeInput({ n: 84, last: { form: -200, ctl: 400, atl: 600 } })).triggered).toBe(true);
  });

  it('should judge form as a percentage of fitness by default (sRPE loads are several times the TSS scale)', () => {
    const big = makeInput({ n: 84, last: { form: -60, ctl: 400, atl: 460 } });
    expect(formRule.evaluate(big).triggered).toBe(false); // −60 points is −15 % of a 400 AU/day fitness
    const deep = makeInput({ n: 84, last: { form: -140, ctl: 400, atl: 540 } });
    const r = formRule.evaluate(deep);
    expect(r.triggered && r.severity).toBe('warning'); // −35 %
  });

  it.each([
    [-10, false, undefined],
    [-30, false, undefined],
    [-29.99, false, undefined],
    [-30.01, true, 'warning'],
    [-55, true, 'warning'],
  ] as const)('should treat form %s today as triggered=%s severity=%s', (form, triggered, severity) => {
    const r = formRule.evaluate(withForm(form));
    expect(r.triggered).toBe(triggered);
    if (r.triggered) expect(r.severity).toBe(severity);
  });

  it('should explain a warning with fitness, fatigue and the date', () => {
    const r = formRule.evaluate(withForm(-36.6, { last: { ctl: 180.2, atl: 216.8 } }));
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.message).toContain(`is -36.6 on ${TODAY} (fitness 180.2, fatigue 216.8 AU/day)`);
    expect(r.evidence).toMatchObject({ form: -36.6, formUnit: 'points', threshold: -30 });
  });

  it('should not raise info for one dip below −20 in 10 days', () => {
    expect(formRule.evaluate(dipsOn([3])).triggered).toBe(false);
  });

  it('should raise info for a second dip below −20 within 10 days, naming the dates', () => {
    const r = formRule.evaluate(dipsOn([2, 9]));
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.severity).toBe('info');
    expect(r.message).toContain(`${addDays(TODAY, -9)} (-25.0) and ${addDays(TODAY, -2)} (-25.0)`);
    expect(r.evidence).toMatchObject({ daysBelowInfo: 2, threshold: -20 });
  });

  it('should not count a dip 10 days ago (outside the window) or exactly at −20', () => {
    expect(formRule.evaluate(dipsOn([2, 10])).triggered).toBe(false);
    expect(formRule.evaluate(dipsOn([2, 5], -20)).triggered).toBe(false);
  });

  it('should not judge during the first 42 days while fitness builds from 0', () => {
    const r = formRule.evaluate(withForm(-80, { n: 41 }));
    expect(r).toEqual({
      triggered: false,
      suppressed: { reason: 'form is not judged during the first 42 days while fitness (CTL) builds from 0 (41 of 42 days)' },
    });
    expect(formRule.evaluate(withForm(-80, { n: 42 })).triggered).toBe(true);
  });

  it('should not count dips that fall inside the warm-up', () => {
    // 43 rows: the warm-up ends yesterday, so a dip 5 days ago does not count
    expect(formRule.evaluate(dipsOn([0, 5], -25, { n: 43 })).triggered).toBe(false);
    expect(formRule.evaluate(dipsOn([0, 1], -25, { n: 43 })).triggered).toBe(true);
  });

  it('should judge form as a percentage of yesterday’s fitness when the team asks for it', () => {
    const pct = { thresholds: { formUnit: 'percentOfCtl' as const } };
    // form −40 AU with CTL(t−1) 300 is −13.3 %: fine; with CTL(t−1) 100 it is −40 %: warning
    expect(formRule.evaluate(withForm(-40, { ...pct, rows: () => ({ ctl: 300 }) })).triggered).toBe(false);
    const r = formRule.evaluate(withForm(-40, { ...pct, rows: () => ({ ctl: 100 }) }));
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.evidence).toMatchObject({ form: -40, formUnit: 'percentOfCtl' });
    expect(r.title).toContain('-40.0%');
  });

  it('should say so when form is undefined today', () => {
    const r = formRule.evaluate(withForm(null));
    expect(!r.triggered && r.suppressed?.reason).toBe(`form is undefined on ${TODAY}`);
  });

  it('should attach rest, build-up and sleep advice', () => {
    const r = formRule.evaluate(withForm(-45));
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.recommendations).toEqual([RECOMMENDATIONS.restOrLowImpact, RECOMMENDATIONS.buildGradually, RECOMMENDATIONS.prioritiseSleep]);
  });
});
