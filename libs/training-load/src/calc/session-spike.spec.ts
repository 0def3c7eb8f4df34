import { type DistanceSession, sessionSpike, SPIKE_LOOKBACK_DAYS, SPIKE_THRESHOLD, sportFamily } from './session-spike';

const at = (day: number, hour = 8) => new Date(Date.UTC(2026, 2, 1 + day, hour));
const run = (day: number, km: number, sport = 'Run', hour = 8): DistanceSession => ({ start: at(day, hour), distanceM: km * 1000, sport });

describe('sportFamily', () => {
  it.each([
    ['Run', 'run'],
    ['TrailRun', 'run'],
    ['VirtualRun', 'run'],
    ['treadmill_running', 'run'],
    ['Ride', 'ride'],
    ['MountainBikeRide', 'ride'],
    ['indoor_cycling', 'ride'],
    ['lap_swimming', 'swim'],
    ['Hike', 'walk'],
    ['Rowing', 'row'],
    ['NordicSki', 'ski'],
    ['Yoga', 'yoga'],
    ['Weight Training', 'weighttraining'],
  ])('should put %s in the %s family', (sport, family) => {
    expect(sportFamily(sport)).toBe(family);
  });

  it('should give null without a sport', () => {
    expect(sportFamily(null)).toBeNull();
    expect(sportFamily('  ')).toBeNull();
    expect(sportFamily(undefined)).toBeNull();
  });
});

describe('sessionSpike', () => {
  it('should default to the RUNSAFE rule: > 10 % over the longest run of the previous 30 days', () => {
    expect(SPIKE_LOOKBACK_DAYS).toBe(30);
    expect(SPIKE_THRESHOLD).toBe(0.1);
    const history = [run(0, 8), run(10, 10), run(20, 9)];
    expect(sessionSpike(run(25, 12), history)).toEqual({ family: 'run', longestM: 10000, ratio: 1.2, spike: true });
    expect(sessionSpike(run(25, 10.5), history).spike).toBe(false);
  });

  it('should not flag exactly 10 % longer (11 km after 10 km) and flag anything beyond', () => {
    expect(sessionSpike(run(25, 11), [run(10, 10)])).toMatchObject({ ratio: 1.1, spike: false });
    expect(sessionSpike(run(25, 11.01), [run(10, 10)]).spike).toBe(true);
  });

  it('should compare only the same family, within the 30 days before the start', () => {
    const history = [
      run(0, 20, 'Run', 7), // 30 days and 1 hour before: outside
      run(5, 30, 'Ride'), // other family
      run(20, 10, 'TrailRun'),
      run(30, 25, 'Run', 9), // after the session start: ignored
      { start: at(15), distanceM: null, sport: 'Run' }, // no distance
    ];
    expect(sessionSpike(run(30, 12, 'Run', 8), history)).toEqual({ family: 'run', longestM: 10000, ratio: 1.2, spike: true });
  });

  it('should count an earlier session of the same day', () => {
    expect(sessionSpike(run(5, 12, 'Run', 18), [run(5, 12, 'Run', 7)]).spike).toBe(false);
  });

  it('should report no ratio and no spike with no earlier session, no distance or no sport', () => {
    expect(sessionSpike(run(5, 12), [])).toEqual({ family: 'run', longestM: null, ratio: null, spike: false });
    expect(sessionSpike({ start: at(5), distanceM: null, sport: 'Run' }, [run(1, 5)])).toEqual({ family: 'run', longestM: 5000, ratio: null, spike: false });
    expect(sessionSpike({ start: at(5), distanceM: 9000, sport: null }, [run(1, 5)])).toEqual({ family: null, longestM: null, ratio: null, spike: false });
  });

  it('should take another look-back and threshold', () => {
    const history = [run(0, 10), run(20, 8)];
    expect(sessionSpike(run(25, 9), history, { lookbackDays: 7 })).toMatchObject({ longestM: 8000, spike: true });
    expect(sessionSpike(run(25, 12), history, { threshold: 0.3 }).spike).toBe(false);
  });

  it('should reject invalid dates, distances and options', () => {
    expect(() => sessionSpike({ start: new Date(Number.NaN), distanceM: 1, sport: 'Run' }, [])).toThrow(RangeError);
    expect(() => sessionSpike(run(5, 1), [{ start: at(1), distanceM: -5, sport: 'Run' }])).toThrow(RangeError);
    expect(() => sessionSpike(run(5, 1), [], { lookbackDays: 0 })).toThrow(RangeError);
    expect(() => sessionSpike(run(5, 1), [], { threshold: Number.NaN })).toThrow(RangeError);
  });
});
