import { addDays } from '../../../training-load/src/calc';
import { RECOMMENDATIONS } from './recommendations';
import { recoveryRule } from './recovery.rule';
import { makeInput, recoverySeries, TODAY } from './testing/fixtures';
import type { RecoveryDay } from './rule.types';

/** science.md §6 HRV vector: 28 baseline rMSSD readings, then 7 low ones ending today. */
const BASELINE = [62, 48, 70, 55, 66, 52, 60, 74, 50, 58, 68, 57, 63, 49, 71, 59, 54, 65, 61, 56, 69, 53, 60, 64, 51, 67, 58, 62];
const LOW_WEEK = [50, 46, 55, 44, 49, 47, 52];
const hrvVector = (): RecoveryDay[] => recoverySeries(TODAY, 35, (i) => ({ hrvRmssd: [...BASELINE, ...LOW_WEEK][i] }));

/** Resting HR 48 bpm for 40 days, the last `k` of them at 60 bpm. */
const rhrRise = (k: number): RecoveryDay[] => recoverySeries(TODAY, 40, (i) => ({ restingHr: i >= 40 - k ? 60 : 48 }));

const sleepWeek = (hours: number, nights = 7): RecoveryDay[] => recoverySeries(TODAY, nights, () => ({ sleepS: hours * 3600 }));

describe('recovery rule', () => {
  it('should flag the science.md HRV vector (7-day lnRMSSD 3.8893, z −1.68, below the band) as a warning', () => {
    const r = recoveryRule.evaluate(makeInput({ recovery: hrvVector() }));
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.severity).toBe('warning');
    expect(r.evidence.lnRmssd7).toBeCloseTo(3.8893, 4);
    expect(r.evidence.lnRmssdBaseline).toBeCloseTo(4.0887, 4);
    expect(r.evidence.lnRmssdZ).toBeCloseTo(-1.68, 2);
    expect(r.evidence.hrvBelowBand).toBe(true);
    expect(r.message).toContain('(48.9 ms) below the usual band 4.029–4.148 (56.2 ms–63.3 ms)');
    expect(r.message).toContain(`on each day of ${addDays(TODAY, -2)} to ${TODAY}`);
  });

  it.each([
    [4, false],
    [5, true],
  ])('should need the resting-HR rise on 3 days running (last %s days at +12 bpm → triggered=%s)', (k, triggered) => {
    // 7-day mean delta = 12·(days elevated)/7: k = 5 gives 8.6, 6.9, 5.1 bpm over the last 3 days; k = 4 gives 3.4 on the first
    const r = recoveryRule.evaluate(makeInput({ recovery: rhrRise(k) }));
    expect(r.triggered).toBe(triggered);
    if (r.triggered) {
      expect(r.evidence).toMatchObject({ restingHrElevated: true, restingHrBaseline: 48, restingHrDelta: 8.6 });
      expect(r.message).toContain('7-day resting heart rate 56.6 bpm, 8.6 bpm above the 28-day baseline of 48.0 bpm');
    } else expect(r.suppressed).toBeUndefined();
  });

  it.each([
    [6.9, true],
    [7.0, false],
    [8, false],
  ])('should treat a 7-day mean sleep of %s h as triggered=%s (info)', (hours, triggered) => {
    const r = recoveryRule.evaluate(makeInput({ recovery: sleepWeek(hours) }));
    expect(r.triggered).toBe(triggered);
    if (r.triggered) {
      expect(r.severity).toBe('info');
      expect(r.message).toContain('7-day mean sleep 6 h 54 min over 7 nights (below 7 h)');
      expect(r.recommendations[0]).toBe(RECOMMENDATIONS.prioritiseSleep);
    }
  });

  it('should say why it cannot judge without readings', () => {
    const r = recoveryRule.evaluate(makeInput({ recovery: sleepWeek(6, 2) }));
    expect(r.triggered).toBe(false);
    const reason = !r.triggered ? r.suppressed?.reason ?? '' : '';
    expect(reason).toContain('HRV: 0 of 7 days with a reading (needs 3)');
    expect(reason).toContain('resting HR: 0 of 7 days with a reading (needs 3)');
    expect(reason).toContain('sleep: 2 of 7 nights recorded (needs 3)');
  });

  it('should say why when the baseline is too short', () => {
    const r = recoveryRule.evaluate(makeInput({ recovery: recoverySeries(TODAY, 15, () => ({ hrvRmssd: 60, restingHr: 50 })) }));
    const reason = !r.triggered ? r.suppressed?.reason ?? '' : '';
    expect(reason).toContain('HRV baseline: 8 readings in the 60 days before (needs 21)');
    expect(reason).toContain('resting-HR baseline: 8 readings in the 28 days before (needs 14)');
  });

  it('should skip unusable readings instead of failing', () => {
    const bad = rhrRise(5).map((d, i) => (i === 3 ? { ...d, restingHr: 0, hrvRmssd: -4, sleepS: Number.NaN } : d));
    expect(recoveryRule.evaluate(makeInput({ recovery: [...bad, { ...bad[10] }] })).triggered).toBe(true);
  });

  it('should attach intensity, rest and sleep advice to a warning', () => {
    const r = recoveryRule.evaluate(makeInput({ recovery: rhrRise(6) }));
    if (!r.triggered) throw new Error('expected a trigger');
    expect(r.recommendations).toEqual([RECOMMENDATIONS.reduceIntensity, RECOMMENDATIONS.restOrLowImpact, RECOMMENDATIONS.prioritiseSleep]);
  });
});
