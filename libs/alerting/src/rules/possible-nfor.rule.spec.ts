import { addDays } from '../../../training-load/src/calc';
import { possibleNforRule } from './possible-nfor.rule';
import { RECOMMENDATIONS } from './recommendations';
import type { RecoveryDay, SelfReportDay } from './rule.types';
import { makeInput, recoverySeries, report, TODAY } from './testing/fixtures';
import type { InputSpec } from './testing/fixtures';
import { bannedPhrasesIn } from './wording';

const SPIKE = { acwrEwma: 1.62, ewmaAcute: 648, ewmaChronic: 400 };

/** Resting HR up 12 bpm for the last 6 days, and/or 6 h sleep, over 40 days. */
function recovery(opts: { rhr?: boolean; sleep?: boolean }): RecoveryDay[] {
  return recoverySeries(TODAY, 40, (i) => ({ restingHr: opts.rhr && i >= 34 ? 60 : 48, sleepS: (opts.sleep && i >= 33 ? 6 : 7.6) * 3600 }));
}

/** 20 days of wellness 4/5, then today `today`/5 on every item. */
function wellness(today: number): SelfReportDay[] {
  return Array.from({ length: 21 }, (_, i) => {
    const v = i === 20 ? today : 4 - (i % 2) * 0.5;
    return report(addDays(TODAY, i - 20), { wellness: { sleepQuality: v, fatigue: v, stress: v, soreness: v, mood: v } });
  });
}

const nfor = (spec: InputSpec) => possibleNforRule.evaluate(makeInput(spec));

describe('possible-nfor rule', () => {
  it('should fire high for a load rule with two recovery signals, naming what combined', () => {
    const r = nfor({ last: SPIKE, recovery: recovery({ rhr: true, sleep: true }) });
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.severity).toBe('high');
    expect(r.title).toBe('Possible non-functional overreaching for Sam Okafor');
    expect(r.message).toMatch(/^Possible non-functional overreaching for Sam Okafor on 2026-03-20: load spike: acute:chronic ratio 1\.62 together with 2 recovery\/wellness signals/);
    expect(r.contributingRules).toEqual(['load-spike', 'resting-hr-elevated', 'sleep-deficit']);
    expect(r.evidence).toMatchObject({ loadRules: 'load-spike', signals: 2, restingHrElevated: true, sleepDeficit: true, hrvBelowBand: null });
    expect(bannedPhrasesIn(`${r.title} ${r.message}`)).toEqual([]);
  });

  it('should not fire with only one recovery signal', () => {
    expect(nfor({ last: SPIKE, recovery: recovery({ rhr: true }) })).toEqual({ triggered: false });
  });

  it('should not fire without a load rule, however poor recovery is', () => {
    expect(nfor({ recovery: recovery({ rhr: true, sleep: true }), selfReports: wellness(2) })).toEqual({ triggered: false });
  });

  it.each([
    [3.5, false],
    [3, true],
    [2, true],
  ])('should count wellness %s/5 against a usual ~3.75/5 (SD floored at 0.5) as a signal=%s', (today, signal) => {
    // norm: 20 reports alternating 4 and 3.5 → mean 3.75, SD 0.256 → floored to 0.5; worse by ≥ 1 SD = at most 3.25
    const r = nfor({ last: SPIKE, recovery: recovery({ sleep: true }), selfReports: wellness(today) });
    expect(r.triggered).toBe(signal);
    if (r.triggered) expect(r.contributingRules).toContain('wellness-drop');
  });

  it('should say when a load rule fired but too few signals can be judged', () => {
    const r = nfor({ last: SPIKE });
    expect(r.triggered).toBe(false);
    expect(!r.triggered && r.suppressed?.reason).toMatch(/^a load rule fired \(load-spike\) but only 0 recovery\/wellness signals can be judged \(needs 2\)/);
  });

  it('should accept any load rule, e.g. no rest for 10 days', () => {
    const r = nfor({ rows: (_d, i, n) => (i >= n - 10 ? { state: 'trained', load: 250 + 50 * (i % 3), streak: i - (n - 11) } : {}), recovery: recovery({ rhr: true, sleep: true }) });
    expect(r.triggered && r.contributingRules).toEqual(['no-rest', 'resting-hr-elevated', 'sleep-deficit']);
  });

  it('should attach rest, intensity, sleep and planning advice', () => {
    const r = nfor({ last: SPIKE, recovery: recovery({ rhr: true, sleep: true }) });
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.recommendations).toEqual([RECOMMENDATIONS.restOrLowImpact, RECOMMENDATIONS.reduceIntensity, RECOMMENDATIONS.prioritiseSleep, RECOMMENDATIONS.talkToCoach]);
  });
});
