import { loadSpikeRule } from './load-spike.rule';
import { RECOMMENDATIONS } from './recommendations';
import type { RuleInput } from './rule.types';
import { makeInput } from './testing/fixtures';
import type { InputSpec } from './testing/fixtures';

const withRatio = (acwrEwma: number | null, spec: InputSpec = {}): RuleInput =>
  makeInput({
    ...spec,
    last: {
      date: '2026-03-20',
      load: 600,
      acute7: 500,
      chronic28: 320,
      acwrEwma,
      acwrRac: 1.4,
      acwrRau: 1.6,
      ewmaAcute: acwrEwma === null ? null : 400 * acwrEwma,
      ewmaChronic: 400,
      coverage28: 28,
      ...spec.last,
    },
  });

describe('load-spike rule', () => {
  it.each([
    [1.0, false, undefined],
    [1.3, false, undefined],
    [1.2999, false, undefined],
    [1.3001, true, 'warning'],
    [1.31, true, 'warning'],
    [1.5, true, 'warning'],
    [1.5001, true, 'high'],
    [2.4, true, 'high'],
  ] as const)('should treat ratio %s as triggered=%s severity=%s', (ratio, triggered, severity) => {
    const result = loadSpikeRule.evaluate(withRatio(ratio));
    expect(result.triggered).toBe(triggered);
    if (result.triggered) expect(result.severity).toBe(severity);
    else expect(result.suppressed).toBeUndefined();
  });

  it('should not treat a float residue of exactly 1.3 as above the threshold', () => {
    expect(loadSpikeRule.evaluate(withRatio(1300 / 1000 + 1e-15)).triggered).toBe(false);
  });

  it('should explain itself with the ratio, the absolute loads and advice', () => {
    const result = loadSpikeRule.evaluate(withRatio(1.62, { name: 'Sam Okafor' }));
    if (!result.triggered) throw new Error('expected the rule to fire');
    expect(result.title).toContain('Sam Okafor');
    expect(result.message).toContain('Sam Okafor');
    expect(result.message).toContain('1.62');
    expect(result.message).toContain('648 AU/day vs chronic 400 AU/day');
    expect(result.message).toContain('2026-03-20');
    expect(result.evidence).toMatchObject({ acwrEwma: 1.62, ewmaAcute: 648, ewmaChronic: 400, threshold: 1.5, acwrRac: 1.4, acwrRau: 1.6 });
    expect(result.message).not.toMatch(/probability|\d+% (chance|risk)/);
  });

  it('should attach the rest, gradual build-up and warm-up advice', () => {
    const result = loadSpikeRule.evaluate(withRatio(1.4));
    if (!result.triggered) throw new Error('expected the rule to fire');
    expect(result.recommendations).toEqual([RECOMMENDATIONS.restOrLowImpact, RECOMMENDATIONS.buildGradually, RECOMMENDATIONS.warmUpCoolDown]);
  });

  it('should say it cannot judge during the 28-day warm-up, with how far along it is', () => {
    const result = loadSpikeRule.evaluate(withRatio(null, { n: 12 }));
    expect(result).toEqual({ triggered: false, suppressed: { reason: 'ratios are undefined during the 28-day warm-up (12 of 28 days)' } });
  });

  it('should suppress a ratio during warm-up even when one is present', () => {
    const result = loadSpikeRule.evaluate(withRatio(1.9, { n: 27 }));
    expect(result.triggered).toBe(false);
    expect(!result.triggered && result.suppressed?.reason).toBe('ratios are undefined during the 28-day warm-up (27 of 28 days)');
  });

  it('should judge from day 28 on', () => {
    expect(loadSpikeRule.evaluate(withRatio(1.9, { n: 28 })).triggered).toBe(true);
  });

  it('should say it cannot judge without coverage', () => {
    const result = loadSpikeRule.evaluate(withRatio(null, { last: { coverage28: 18 } }));
    expect(result).toEqual({ triggered: false, suppressed: { reason: 'coverage 18 of 28 days known (needs 21)' } });
  });

  it('should judge at exactly the coverage floor and apply a stricter team floor', () => {
    expect(loadSpikeRule.evaluate(withRatio(1.9, { last: { coverage28: 21 } })).triggered).toBe(true);
    const strict = loadSpikeRule.evaluate(withRatio(1.9, { last: { coverage28: 21 }, thresholds: { ratioMinKnownDays28: 24 } }));
    expect(!strict.triggered && strict.suppressed?.reason).toBe('coverage 21 of 28 days known (needs 24)');
  });

  it('should say so when the ratio is undefined because chronic load is 0', () => {
    const result = loadSpikeRule.evaluate(withRatio(null, { last: { ewmaChronic: 0 } }));
    expect(!result.triggered && result.suppressed?.reason).toMatch(/undefined on 2026-03-20 \(chronic load 0 AU\/day\)/);
  });

  it('should say so when there is no metrics row for today', () => {
    const input = withRatio(1.9);
    const result = loadSpikeRule.evaluate({ ...input, today: '2026-03-21' });
    expect(!result.triggered && result.suppressed?.reason).toBe('no daily metrics for 2026-03-21 yet');
  });

  it('should use the team thresholds', () => {
    const result = loadSpikeRule.evaluate(withRatio(1.45, { thresholds: { loadSpikeWarning: 1.2, loadSpikeHigh: 1.4 } }));
    expect(result.triggered && result.severity).toBe('high');
  });
});
