import { loadSpikeRule } from './load-spike.rule';
import type { MetricsDay } from './rule.types';

const day = (acwrEwma: number | null): MetricsDay => ({
  date: '2026-11-20',
  load: 600,
  acute7: 500,
  chronic28: 320,
  acwrEwma,
  acwrRac: 1.4,
  acwrRau: 1.6,
  ewmaAcute: acwrEwma === null ? null : 400 * acwrEwma,
  ewmaChronic: 400,
  coverage28: 28,
});

describe('load-spike rule', () => {
  it.each([
    [null, false, undefined],
    [1.0, false, undefined],
    [1.3, false, undefined],
    [1.31, true, 'warning'],
    [1.5, true, 'warning'],
    [1.51, true, 'high'],
    [2.4, true, 'high'],
  ] as const)('should treat ratio %s as triggered=%s severity=%s', (ratio, triggered, severity) => {
    const result = loadSpikeRule.evaluate(day(ratio), { athleteName: 'Sam' });
    expect(result.triggered).toBe(triggered);
    if (result.triggered) expect(result.severity).toBe(severity);
  });

  it('should explain itself with the ratio, the absolute loads and advice', () => {
    const result = loadSpikeRule.evaluate(day(1.62), { athleteName: 'Sam Okafor' });
    if (!result.triggered) throw new Error('expected the rule to fire');
    expect(result.message).toContain('Sam Okafor');
    expect(result.message).toContain('1.62');
    expect(result.message).toContain('648 AU/day vs chronic 400 AU/day');
    expect(result.evidence).toMatchObject({ acwrEwma: 1.62, ewmaAcute: 648, ewmaChronic: 400, threshold: 1.5 });
    expect(result.recommendations.some((r) => /rest day|low-impact/.test(r))).toBe(true);
    expect(result.message).not.toMatch(/probability|\d+% (chance|risk)/);
  });
});
