import type { Alert } from '../entities/alert.entity';
import { loadSpikeRule } from '../rules';
import { makeInput, TODAY } from '../rules/testing/fixtures';
import { THRESHOLDS_VERSION } from '../rules/thresholds';
import type { ActiveAlert } from './lifecycle.types';
import { planAlert } from './plan';

// compile-time: an alert entity row can be passed as the current alert as it is (tsc fails otherwise)
const asCurrent = (row: Alert): ActiveAlert => row;

describe('planAlert', () => {
  const now = new Date(`${TODAY}T20:00:00Z`);
  const spiking = makeInput({ name: 'Mara Lindqvist', last: { acwrEwma: 1.62, ewmaAcute: 648, ewmaChronic: 400 } });

  it('should plan an insert with the rule identity and thresholds version on the first trigger', () => {
    const plan = planAlert(loadSpikeRule, spiking, null, now);
    expect(plan).toMatchObject({ action: 'open', notify: true, ruleId: 'load-spike', kind: 'overtraining', evidenceGrade: 'moderate', thresholdsVersion: THRESHOLDS_VERSION });
    expect(plan.alert?.title).toBe('Load spike for Mara Lindqvist: acute:chronic ratio 1.62');
    expect(plan.results.map((r) => r.result.triggered)).toEqual([false, false, true]);
  });

  it('should plan nothing when the same evaluation runs again', () => {
    const first = planAlert(loadSpikeRule, spiking, null, now);
    const again = planAlert(loadSpikeRule, spiking, first.alert ?? null, new Date(`${TODAY}T20:05:00Z`));
    expect(again).toMatchObject({ action: 'none', notify: false });
  });

  it('should accept an entity row as the current alert', () => {
    const first = planAlert(loadSpikeRule, spiking, null, now).alert as ActiveAlert;
    const row = { ...first, id: 'a1', athleteId: 'x', ruleId: 'load-spike', kind: 'overtraining', evidenceGrade: 'moderate', thresholdsVersion: 1 } as unknown as Alert;
    expect(planAlert(loadSpikeRule, spiking, asCurrent(row), now).action).toBe('none');
  });

  it('should judge as many days as the clear period needs', () => {
    expect(planAlert(loadSpikeRule, spiking, null, now, { clearDaysToResolve: 5 }).results).toHaveLength(5);
  });
});
