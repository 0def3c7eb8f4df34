import { addDays } from '../../../training-load/src/calc';
import { backPainReferralRule } from './back-pain-referral.rule';
import { RECOMMENDATIONS } from './recommendations';
import type { SelfReportDay } from './rule.types';
import { makeInput, report, TODAY } from './testing/fixtures';

/** Pain answers for the days ending today (oldest first; null = no answer that day). */
const pains = (values: (number | null)[], extra: Partial<SelfReportDay> = {}): SelfReportDay[] =>
  values.flatMap((p, i) => (p === null ? [] : [report(addDays(TODAY, i - values.length + 1), { backPain: p, ...extra })]));
const refer = (selfReports: SelfReportDay[]) => backPainReferralRule.evaluate(makeInput({ selfReports }));

describe('back-pain-referral rule', () => {
  it.each([
    [[5, 5, 5], true],
    [[3, 3, 3], true],
    [[0, 5, 5], false],
    [[5, 2, 5], false],
    [[5, null, 5], false],
    [[5, 5, 5, 0], false],
    [[2, 2, 2], false],
  ])('should treat pain answers %j (today last) as triggered=%s', (values, triggered) => {
    const r = refer(pains(values));
    expect(r.triggered).toBe(triggered);
    if (r.triggered) expect(r.severity).toBe('high');
  });

  it('should name the days and recommend a physical therapist or doctor', () => {
    const r = refer(pains([5, 5, 5]));
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.message).toContain(`back pain of 5/10 on ${addDays(TODAY, -2)}, 5/10 on ${addDays(TODAY, -1)} and 5/10 on ${TODAY} (3 days in a row)`);
    expect(r.message).toContain('physical therapist or doctor');
    expect(r.recommendations).toEqual([RECOMMENDATIONS.seeClinician, RECOMMENDATIONS.bookAssessment, RECOMMENDATIONS.restOrLowImpact]);
    expect(r.contributingRules).toEqual(['persistent-pain']);
  });

  it('should refer for rising pain of an existing complaint', () => {
    // last week 1, 2, 1 (3 answers with pain); this week 3, 0, 4 → mean 2.33 vs 1.33 (+1.0), today 4
    const reports = pains([null, 1, null, 2, null, 1, null, null, 3, null, null, 0, null, 4]);
    const r = refer(reports);
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.contributingRules).toEqual(['rising-pain']);
    expect(r.message).toContain(`back pain rising from a mean of 1.3/10 to 2.3/10 week over week (4/10 on ${TODAY})`);
  });

  it('should not call new pain, a small rise or a rise to low pain rising', () => {
    expect(refer(pains([null, 0, null, 0, null, 0, null, null, 3, null, null, 0, null, 4])).triggered).toBe(false);
    expect(refer(pains([null, 1, null, 2, null, 1, null, null, 3, null, null, 3, null, 2])).triggered).toBe(false);
    expect(refer(pains([null, 1, null, 2, null, 1, null, null, 1, null, null, 2, null, 3])).triggered).toBe(false);
  });

  it.each([
    [0, true],
    [2, true],
    [3, false],
  ])('should refer for a red flag reported %s days ago: %s', (daysAgo, triggered) => {
    const r = refer([report(addDays(TODAY, -daysAgo), { backPain: 1, redFlags: ['numbness in the leg'] })]);
    expect(r.triggered).toBe(triggered);
    if (r.triggered) {
      expect(r.message).toContain(`warning sign reported: numbness in the leg (${addDays(TODAY, -daysAgo)})`);
      expect(r.contributingRules).toEqual(['red-flag']);
    }
  });

  it('should refer regardless of the load and score', () => {
    const r = backPainReferralRule.evaluate(makeInput({ lbpHistory: false, selfReports: pains([0], { redFlags: ['fever'] }) }));
    expect(r.triggered && r.severity).toBe('high');
  });

  it('should ignore blank red-flag answers', () => {
    expect(refer(pains([0], { redFlags: ['', '  '] })).triggered).toBe(false);
  });
});
