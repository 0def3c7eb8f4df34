import fc from 'fast-check';
import { pmcSeries } from './pmc';
import { formAfterLoad, targetLoad } from './target-load';

describe('targetLoad', () => {
  it('should reach the target through the metric engine PMC for any state, time constants and PMC form', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 150, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: -60, max: 30, noNaN: true }),
        fc.integer({ min: 20, max: 60 }),
        fc.integer({ min: 3, max: 14 }),
        fc.constantFrom('exponential' as const, 'trainingpeaks' as const),
        (ctl, atl, target, ctlDays, atlDays, pmcForm) => {
          const load = targetLoad({ ctl, atl }, target, { ctlDays, atlDays, pmcForm });
          if (load === null) {
            // only when even a rest day leaves form below the target
            expect(formAfterLoad({ ctl, atl }, 0, { ctlDays, atlDays, pmcForm })).toBeLessThan(target);
            return;
          }
          const [day] = pmcSeries([load], { form: pmcForm, ctlDays, atlDays, ctlSeed: ctl, atlSeed: atl });
          expect(Math.abs(day.ctl - day.atl - target)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(target), load));
        },
      ),
    );
  });

  it('should return null when the target needs a negative load, and 0 when a rest day hits it exactly', () => {
    const state = { ctl: 50, atl: 55 };
    const rest = formAfterLoad(state, 0);
    expect(rest).toBeGreaterThan(-5); // ATL decays faster: resting raises form
    expect(targetLoad(state, rest + 1)).toBeNull();
    expect(targetLoad(state, rest)).toBe(0);
    expect(targetLoad(state, rest - 0.01)).toBeGreaterThan(0);
  });

  it('should return null when CTL and ATL share a time constant (load cannot move form)', () => {
    expect(targetLoad({ ctl: 50, atl: 55 }, -10, { ctlDays: 7, atlDays: 7 })).toBeNull();
  });

  it('should give the forum approximation its own, decay-free answer', () => {
    const exact = targetLoad({ ctl: 50, atl: 55 }, -10) as number;
    const forum = targetLoad({ ctl: 50, atl: 55 }, -10, { formula: 'forum' }) as number;
    expect(forum).toBeLessThan(exact);
    const kc = 1 - Math.exp(-1 / 42);
    const ka = 1 - Math.exp(-1 / 7);
    expect(50 + kc * forum - (55 + ka * forum)).toBeCloseTo(-10, 9); // CTL' − ATL' without decay
    expect(targetLoad({ ctl: 40, atl: 40 }, -10, { formula: 'forum', pmcForm: 'trainingpeaks' })).toBeCloseTo(10 / (1 / 7 - 1 / 42), 9);
  });

  it('should reject bad state, target and options', () => {
    expect(() => targetLoad({ ctl: -1, atl: 5 }, 0)).toThrow(RangeError);
    expect(() => targetLoad({ ctl: 1, atl: Number.NaN }, 0)).toThrow(RangeError);
    expect(() => targetLoad({ ctl: 1, atl: 1 }, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => targetLoad({ ctl: 1, atl: 1 }, 0, { ctlDays: 0 })).toThrow(RangeError);
    expect(() => targetLoad({ ctl: 1, atl: 1 }, 0, { formula: 'guess' as never })).toThrow(RangeError);
    expect(() => formAfterLoad({ ctl: 1, atl: 1 }, -5)).toThrow(RangeError);
  });
});
