import { addDays } from '../../../training-load/src/calc';
import { RECOMMENDATIONS } from './recommendations';
import { sessionSpikeRule } from './session-spike.rule';
import { makeInput, run, session, TODAY } from './testing/fixtures';
import type { RuleSession } from './rule.types';

const withSessions = (sessions: RuleSession[], n = 60) => makeInput({ n, sessions });
const longest10k = [run(addDays(TODAY, -20), 8), run(addDays(TODAY, -10), 10), run(addDays(TODAY, -3), 6)];

describe('session-spike rule', () => {
  it.each([
    [10.5, false],
    [11, false],
    [11.01, true],
    [13, true],
    [25, true],
  ])('should treat a %s km run after a 10 km longest as triggered=%s', (km, triggered) => {
    const r = sessionSpikeRule.evaluate(withSessions([...longest10k, run(TODAY, km)]));
    expect(r.triggered).toBe(triggered);
    if (r.triggered) expect(r.severity).toBe('warning');
  });

  it('should name the distances, the longest run and its date', () => {
    const r = sessionSpikeRule.evaluate(withSessions([...longest10k, run(TODAY, 12.5, { sport: 'TrailRun' })]));
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.message).toContain(`TrailRun on ${TODAY} covered 12.5 km, 25% longer than the longest of the previous 30 days (10.0 km on ${addDays(TODAY, -10)})`);
    expect(r.evidence).toMatchObject({ distanceKm: 12.5, longestKm: 10, longestDate: addDays(TODAY, -10), ratio: 1.25, threshold: 0.1 });
  });

  it('should ignore runs more than 30 days before', () => {
    const r = sessionSpikeRule.evaluate(withSessions([run(addDays(TODAY, -31), 30), run(addDays(TODAY, -12), 10), run(TODAY, 12)]));
    expect(r.triggered).toBe(true);
  });

  it('should compare with an earlier run the same day', () => {
    const r = sessionSpikeRule.evaluate(
      withSessions([run(addDays(TODAY, -5), 5), run(TODAY, 5, { startTime: `${TODAY}T07:00:00Z` }), run(TODAY, 5.4, { startTime: `${TODAY}T18:00:00Z` })]),
    );
    expect(r.triggered).toBe(false);
  });

  it('should only check running unless the team adds families', () => {
    const rides = [session(addDays(TODAY, -8), { sport: 'Ride', distanceM: 40_000 }), session(TODAY, { sport: 'VirtualRide', distanceM: 60_000 })];
    expect(sessionSpikeRule.evaluate(withSessions(rides)).triggered).toBe(false);
    const team = makeInput({ sessions: rides, thresholds: { sessionSpikeFamilies: ['run', 'ride'] } });
    expect(sessionSpikeRule.evaluate(team).triggered).toBe(true);
  });

  it('should say why it cannot compare', () => {
    const alone = sessionSpikeRule.evaluate(withSessions([run(TODAY, 10)]));
    expect(!alone.triggered && alone.suppressed?.reason).toBe('no earlier run session with a distance in the 30 days before to compare with');
    const noDistance = sessionSpikeRule.evaluate(withSessions([...longest10k, run(TODAY, 10, { distanceM: null })]));
    expect(!noDistance.triggered && noDistance.suppressed?.reason).toBe("today's run session has no distance to compare");
  });

  it('should not judge before the series has 30 days of history', () => {
    const r = sessionSpikeRule.evaluate(withSessions([run(addDays(TODAY, -3), 5), run(TODAY, 12)], 20));
    expect(r).toEqual({ triggered: false, suppressed: { reason: 'the 30-day look-back needs 30 days of history before today (19 so far)' } });
  });

  it('should be silent (not suppressed) without a run today', () => {
    expect(sessionSpikeRule.evaluate(withSessions(longest10k))).toEqual({ triggered: false });
  });

  it('should attach gradual-progression advice', () => {
    const r = sessionSpikeRule.evaluate(withSessions([...longest10k, run(TODAY, 14)]));
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.recommendations).toEqual([RECOMMENDATIONS.progressRunsGradually, RECOMMENDATIONS.restOrLowImpact, RECOMMENDATIONS.warmUpCoolDown]);
  });
});
