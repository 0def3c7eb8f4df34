import { addDays } from '../../../training-load/src/calc';
import { backPainRiskRule, backPainScore } from './back-pain-risk.rule';
import { RECOMMENDATIONS } from './recommendations';
import type { RecoveryDay, RuleSession } from './rule.types';
import { lift, makeInput, recoverySeries, report, session, TODAY } from './testing/fixtures';
import type { InputSpec } from './testing/fixtures';
import { bannedPhrasesIn } from './wording';

const day = (n: number) => addDays(TODAY, -n);
/** The science.md §6 HRV vector: the 7-day lnRMSSD ends below its band. */
const HRV = [62, 48, 70, 55, 66, 52, 60, 74, 50, 58, 68, 57, 63, 49, 71, 59, 54, 65, 61, 56, 69, 53, 60, 64, 51, 67, 58, 62, 50, 46, 55, 44, 49, 47, 52];
const lowHrv = (): RecoveryDay[] => recoverySeries(TODAY, HRV.length, (i) => ({ hrvRmssd: HRV[i] }));
const core = (n: number) => session(day(n), { exercises: [{ name: 'Plank', sets: [{ reps: 3 }] }], load: 100 });
/** One deadlift session of 4000 kg / 400 AU in each of the 4 weeks before this one. */
const baseDeadlifts = (): RuleSession[] => [30, 23, 16, 9].map((n) => lift(day(n), 'Deadlift', 4, 5, 200, { load: 400 }));
/** Calm: a core session 3 days ago, nothing else. */
const score = (spec: InputSpec) => backPainScore(makeInput({ sessions: [core(3)], ...spec }));
const ids = (spec: InputSpec) => score(spec).items.map((i) => i.id);

describe('back-pain-risk rule', () => {
  it('should reproduce the science.md §7.2 worked example: 9 points → high, with the five items named', () => {
    const input = makeInput({
      lbpHistory: true,
      last: { acwrEwma: 1.52, acwrRau: 1.2 },
      // no rest day in the last 7 days (streak 7), loads about last week's (+2.6 %)
      rows: (_date, i, n) => (i >= n - 7 ? { state: 'trained', load: i % 2 === 0 ? 300 : 250, streak: i - (n - 8) } : {}),
      // deadlift tonnage this week 2 × 2900 = 5800 kg = 1.45 × the 4-week mean of 4000 kg (sRPE 560 AU = 1.4 ×)
      sessions: [...baseDeadlifts(), lift(day(5), 'Deadlift', 5, 5, 116, { load: 280 }), lift(day(1), 'Deadlift', 5, 5, 116, { load: 280 }), core(3)],
      recovery: lowHrv(),
      selfReports: [report(TODAY, { backPain: 0 })],
    });
    const s = backPainScore(input);
    expect(s.total).toBe(9);
    expect(s.tier).toBe('high');
    expect(s.items.map((i) => [i.id, i.points, i.grade])).toEqual([
      ['lbp-history', 3, 'strong'],
      ['load-spike', 2, 'moderate'],
      ['spinal-volume', 2, 'moderate'],
      ['no-rest', 1, 'low'],
      ['recovery', 1, 'low'],
    ]);
    const r = backPainRiskRule.evaluate(input);
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.severity).toBe('high');
    expect(r.title).toBe('High back-load risk for Sam Okafor: score 9');
    expect(r.contributingRules).toEqual(['lbp-history', 'load-spike', 'spinal-volume', 'no-rest', 'recovery']);
    expect(r.message).toContain('low-back pain in the last 12 months +3 (strong evidence)');
    expect(r.message).toContain('acute:chronic ratio EWMA 1.52 / uncoupled 1.20 above 1.5 on 2026-03-20 +2 (moderate evidence)');
    expect(r.message).toContain(`spinal-loading tonnage 5800 kg since ${day(6)}, 1.45× its 4-week weekly mean of 4000 kg +2 (moderate evidence)`);
    expect(r.message).toContain('no rest day in the last 7 known days +1 (low evidence)');
    expect(r.message).toContain('recovery: 7-day lnRMSSD 3.889 below its band (4.029–4.148) +1 (low evidence)');
    expect(r.evidence).toMatchObject({ score: 9, tier: 'high', 'item:lbp-history': '+3 (strong): low-back pain in the last 12 months' });
    expect(r.recommendations.slice(0, 1)).toEqual([RECOMMENDATIONS.restOrLowImpact]);
    expect(r.recommendations).toContain(RECOMMENDATIONS.liftingForm);
    expect(r.recommendations).toContain(RECOMMENDATIONS.coreWork);
    expect(r.message).toMatch(/not a probability and not a diagnosis/);
    expect(bannedPhrasesIn(r.message)).toEqual([]);
  });

  it.each([
    [2, 0, false, undefined],
    [3, 3, true, 'warning'],
  ] as const)('should score current pain %s/10 as %s points (triggered=%s %s)', (pain, points, triggered, severity) => {
    const input = makeInput({ sessions: [core(3)], selfReports: [report(TODAY, { backPain: pain })] });
    expect(backPainScore(input).total).toBe(points);
    const r = backPainRiskRule.evaluate(input);
    expect(r.triggered).toBe(triggered);
    if (r.triggered) expect(r.severity).toBe(severity);
  });

  it('should go high at 6 points and stay elevated at 5', () => {
    const five = backPainRiskRule.evaluate(makeInput({ lbpHistory: true, sessions: [core(3), lift(day(2), 'Back squat', 3, 5, 80)] }));
    expect(five.triggered && [five.severity, five.evidence.score]).toEqual(['warning', 5]);
    const six = backPainRiskRule.evaluate(makeInput({ lbpHistory: true, sessions: [core(3)], selfReports: [report(TODAY, { backPain: 4 })] }));
    expect(six.triggered && [six.severity, six.evidence.score]).toEqual(['high', 6]);
  });

  it('should not hold an alert open for standing items alone (LBP history + no core = 4) unless the team asks', () => {
    const spec: InputSpec = { lbpHistory: true, sessions: [] };
    expect(backPainScore(makeInput(spec)).total).toBe(4);
    expect(backPainRiskRule.evaluate(makeInput(spec))).toEqual({ triggered: false });
    const team = backPainRiskRule.evaluate(makeInput({ ...spec, thresholds: { backPainRequireDynamicItem: false } }));
    expect(team.triggered && team.severity).toBe('warning');
  });

  it.each([
    [1.3, false],
    [1.31, true],
  ])('should score spinal tonnage at %s× its 4-week mean as spinal-volume=%s', (ratio, scored) => {
    const sessions = [...baseDeadlifts(), lift(day(2), 'Deadlift', 1, 1, 4000 * ratio, { load: 100 }), core(3)];
    expect(ids({ sessions }).includes('spinal-volume')).toBe(scored);
  });

  it('should score a first spinal-loading week after 4 weeks without, but not before 5 weeks of history', () => {
    expect(ids({ sessions: [lift(day(1), 'Good morning', 3, 8, 40), core(3)] })).toEqual(['spinal-volume']);
    const young = score({ n: 30, sessions: [lift(day(1), 'Good morning', 3, 8, 40), core(3)] });
    expect(young.items).toEqual([]);
    expect(young.notJudged).toContainEqual({ id: 'spinal-volume', reason: 'spinal-loading volume needs 5 weeks of history (30 days so far)' });
  });

  it.each([
    [[0, 1], false],
    [[0, 1, 2], true],
    [[0, 2, 4], false],
  ])('should score spinal sessions on days back %j as spinal-spacing=%s', (daysBack, scored) => {
    const sessions = [...baseDeadlifts(), ...daysBack.map((n) => lift(day(n), 'Deadlift', 2, 5, 100, { load: 150 })), core(3)];
    expect(ids({ sessions }).includes('spinal-spacing')).toBe(scored);
  });

  it.each([
    [2, true],
    [3, false],
  ])('should score a max attempt %s days ago as max-attempt=%s', (n, scored) => {
    expect(ids({ sessions: [session(day(n), { tags: ['max-attempt'] }), core(3)] }).includes('max-attempt')).toBe(scored);
  });

  it('should treat a set at RPE 10 on a spinal lift as a max attempt', () => {
    const s = lift(day(0), 'Back squat', 1, 1, 180);
    s.exercises[0].sets[0].rpe = 10;
    expect(ids({ sessions: [...baseDeadlifts(), s, core(3)] })).toContain('max-attempt');
  });

  it.each([
    [13, false],
    [14, true],
  ])('should score core work last logged %s days ago as no-core=%s', (n, scored) => {
    expect(ids({ sessions: [core(n)] }).includes('no-core')).toBe(scored);
  });

  it('should give 2 points for two or more recovery flags', () => {
    const recovery = recoverySeries(TODAY, 40, (i) => ({ restingHr: i >= 34 ? 60 : 48, sleepS: 6 * 3600 }));
    const items = score({ recovery }).items;
    expect(items.map((i) => [i.id, i.points])).toEqual([['recovery', 2]]);
  });

  it('should score a week-over-week jump or a run spike as one point', () => {
    const jump = score({ rows: (_date, i, n) => (i >= n - 7 ? { load: 500, state: 'trained', streak: 1 } : {}) });
    expect(jump.items.map((i) => i.id)).toContain('week-over-week');
    const runs = [session(day(10), { sport: 'Run', distanceM: 10_000 }), session(TODAY, { sport: 'Run', distanceM: 12_000 }), core(3)];
    expect(score({ sessions: runs }).items.map((i) => [i.id, i.points])).toEqual([['session-spike', 1]]);
  });

  it('should list the items it could not judge', () => {
    const s = score({ n: 10 });
    expect(s.notJudged.map((n) => n.id)).toEqual(['current-pain', 'load-spike', 'week-over-week', 'spinal-volume', 'recovery', 'no-core']);
  });

  it('should attach advice for each scoring item, rest first and warm-up last', () => {
    const r = backPainRiskRule.evaluate(
      makeInput({ lbpHistory: true, sessions: [...baseDeadlifts(), ...[0, 1, 2].map((n) => lift(day(n), 'Deadlift', 2, 5, 100, { load: 150 }))] }),
    );
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.recommendations[0]).toBe(RECOMMENDATIONS.restOrLowImpact);
    expect(r.recommendations[r.recommendations.length - 1]).toBe(RECOMMENDATIONS.warmUpCoolDown);
    for (const key of ['coreWork', 'hamstringStretching', 'spaceSpinalSessions', 'alternateMuscleGroups'] as const) {
      expect(r.recommendations).toContain(RECOMMENDATIONS[key]);
    }
  });
});
