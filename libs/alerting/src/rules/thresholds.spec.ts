import { DEFAULT_THRESHOLDS, resolveThresholds, THRESHOLDS_VERSION } from './thresholds';
import type { AlertThresholds } from './thresholds';

describe('alert thresholds', () => {
  it('should carry the SPEC §5 defaults', () => {
    expect(DEFAULT_THRESHOLDS).toMatchObject({
      loadSpikeWarning: 1.3,
      loadSpikeHigh: 1.5,
      ratioWarmupDays: 28,
      ratioMinKnownDays28: 21,
      monotonyWarning: 2.0,
      strainPercentile: 90,
      strainMinValues: 28,
      noRestKnownDays: 7,
      streakDays: 10,
      weekOverWeekWarning: 0.3,
      weekOverWeekHigh: 0.5,
      weekOverWeekKnownDays: 14,
      formWarning: -30,
      formInfo: -20,
      formInfoWindowDays: 10,
      formInfoMinDays: 2,
      sessionSpikeThreshold: 0.1,
      sessionSpikeLookbackDays: 30,
      sessionSpikeFamilies: ['run'],
      hrvSwcFactor: 0.5,
      restingHrRiseBpm: 5,
      recoveryPersistDays: 3,
      sleepMinHours: 7,
      nforMinSignals: 2,
      backPainElevatedScore: 3,
      backPainHighScore: 6,
      backPainCurrentPain: 3,
      spinalVolumeRatio: 1.3,
      spinalGapHours: 48,
      spinalCloseSessions: 3,
      maxAttemptDays: 3,
      noCoreDays: 14,
      referralPainDays: 3,
      referralPainMin: 3,
      referralRedFlagDays: 3,
    });
  });

  it('should version the defaults with a positive integer', () => {
    expect(Number.isInteger(THRESHOLDS_VERSION) && THRESHOLDS_VERSION >= 1).toBe(true);
  });

  it('should return the defaults for no overrides, as a copy', () => {
    const t = resolveThresholds();
    expect(t).toEqual(DEFAULT_THRESHOLDS);
    expect(t).not.toBe(DEFAULT_THRESHOLDS);
    t.sessionSpikeFamilies.push('ride');
    expect(DEFAULT_THRESHOLDS.sessionSpikeFamilies).toEqual(['run']);
  });

  it('should overlay a team override and keep the rest', () => {
    const t = resolveThresholds({ loadSpikeHigh: 1.6, formUnit: 'percentOfCtl', sessionSpikeFamilies: ['Run', 'ride'], loadSpikeWarning: undefined });
    expect(t.loadSpikeHigh).toBe(1.6);
    expect(t.loadSpikeWarning).toBe(1.3);
    expect(t.formUnit).toBe('percentOfCtl');
    expect(t.sessionSpikeFamilies).toEqual(['run', 'ride']);
    expect(t.monotonyWarning).toBe(2);
  });

  it.each([
    [{ loadSpikeHigh: Number.NaN }, /loadSpikeHigh must be a finite number/],
    [{ loadSpikeHigh: 9 }, /loadSpikeHigh must be in \[0, 4\]/],
    [{ loadSpikeWarning: 1.6 }, /loadSpikeWarning \(1\.6\) must be below loadSpikeHigh \(1\.5\)/],
    [{ weekOverWeekHigh: 0.2 }, /weekOverWeekWarning \(0\.3\) must be below weekOverWeekHigh \(0\.2\)/],
    [{ formInfo: -40 }, /formWarning \(-30\) must be below formInfo \(-40\)/],
    [{ backPainHighScore: 3 }, /backPainElevatedScore \(3\) must be below backPainHighScore \(3\)/],
    [{ streakDays: 2.5 }, /streakDays must be an integer/],
    [{ formUnit: 'tss' }, /formUnit must be one of points, percentOfCtl/],
    [{ wellnessHigherIsBetter: 'yes' }, /wellnessHigherIsBetter must be true or false/],
    [{ sessionSpikeFamilies: [] }, /sessionSpikeFamilies must be a non-empty list/],
    [{ hrvMinBaselineReadings: 70, hrvBaselineDays: 60 }, /hrvMinBaselineReadings \(70\) must not exceed hrvBaselineDays \(60\)/],
    [{ formInfoMinDays: 11 }, /formInfoMinDays \(11\) must be at most formInfoWindowDays \(10\)/],
    [{ acwrLimit: 2 }, /unknown threshold field "acwrLimit"/],
  ])('should reject %j with a RangeError naming the field', (overrides, message) => {
    expect(() => resolveThresholds(overrides as unknown as Partial<AlertThresholds>)).toThrow(RangeError);
    expect(() => resolveThresholds(overrides as unknown as Partial<AlertThresholds>)).toThrow(message);
  });

  it('should reject overrides that are not an object', () => {
    expect(() => resolveThresholds(null as unknown as Partial<AlertThresholds>)).toThrow(RangeError);
    expect(() => resolveThresholds([] as unknown as Partial<AlertThresholds>)).toThrow(RangeError);
  });

  it('should accept the edges of each range', () => {
    expect(resolveThresholds({ loadSpikeWarning: 0, loadSpikeHigh: 4 }).loadSpikeHigh).toBe(4);
    expect(resolveThresholds({ strainMinValues: 84, strainBaselineDays: 90 }).strainMinValues).toBe(84);
    expect(() => resolveThresholds({ strainMinValues: 84, strainBaselineDays: 89 })).toThrow(/strainMinValues \(84\) must not exceed strainBaselineDays − 6 \(83\)/);
  });
});
