import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import { parseIsoDuration, polarExerciseToSession, polarHrZones, polarRecovery, polarSport, polarStartTime } from './polar.mapper';

const FIXTURES = join(__dirname, '../../../../../tests/fixtures/providers/polar');
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

/** Runs `fn` and returns the DomainError it threw (failing the test when it threw something else or nothing). */
function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

/** Throws unless `fn` returns or throws a coded DomainError. */
function onlyDomainErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof DomainError) || !Object.values(ErrorCode).includes(error.code)) throw error;
  }
}

describe('parseIsoDuration', () => {
  it.each([
    ['PT49M12S', 2952],
    ['PT1H0M0S', 3600],
    ['PT2H44M', 9840],
    ['PT10M', 600],
    ['PT12.5S', 12.5],
    ['P1DT2H', 93600],
    ['PT0S', 0],
  ])('should read %s as %d seconds', (text, seconds) => {
    expect(parseIsoDuration(text)).toBe(seconds);
  });

  it.each(['', 'P', 'PT', '49M', 'PT-5M', 'PT5X', '1:00:00', 'PT1H2', 'xPT1H'])('should refuse %j', (text) => {
    expect(parseIsoDuration(text)).toBeNull();
  });

  it('should refuse values that are not strings', () => {
    expect(parseIsoDuration(3600)).toBeNull();
    expect(parseIsoDuration(null)).toBeNull();
  });
});

describe('polarStartTime', () => {
  it('should subtract the local offset (minutes) from the local wall time', () => {
    expect(polarStartTime({ start_time: '2026-03-01T07:02:11', start_time_utc_offset: 60 }).toISOString()).toBe('2026-03-01T06:02:11.000Z');
    expect(polarStartTime({ start_time: '2026-03-01T07:02:11.250', start_time_utc_offset: -300 }).toISOString()).toBe('2026-03-01T12:02:11.250Z');
  });

  it('should take a start time that carries its own zone as it is', () => {
    expect(polarStartTime({ 'start-time': '2026-10-01T18:00:00Z' }).toISOString()).toBe('2026-10-01T18:00:00.000Z');
  });

  it('should refuse a local time without an offset, naming the offset field', () => {
    expect(domainErrorOf(() => polarStartTime({ start_time: '2026-03-01T07:02:11' })).details).toEqual([{ field: 'start_time_utc_offset', problems: [expect.any(String)] }]);
    expect(domainErrorOf(() => polarStartTime({ start_time: '2026-03-01T07:02:11', start_time_utc_offset: 90.5 })).message).toMatch(/^start_time_utc_offset/);
  });

  it('should refuse dates that do not exist', () => {
    expect(domainErrorOf(() => polarStartTime({ start_time: '2026-02-30T07:00:00', start_time_utc_offset: 0 })).message).toMatch(/^start_time /);
    expect(domainErrorOf(() => polarStartTime({ start_time: '2026-03-01T25:00:00', start_time_utc_offset: 0 })).message).toMatch(/^start_time /);
    expect(domainErrorOf(() => polarStartTime({ start_time: 'yesterday' })).code).toBe(ErrorCode.ValidationFailed);
  });
});

describe('polarExerciseToSession', () => {
  it('should map the webhooks.md §5d exercise (ISO duration, local start + offset, HR, distance) and leave RPE null', () => {
    expect(polarExerciseToSession(fixture('accesslink_exercise_docs_example.json'))).toEqual({
      externalId: 'aQlC83',
      startTime: new Date('2026-03-01T06:02:11Z'),
      durationS: 2952,
      movingTimeS: null,
      sport: 'run',
      distanceM: 10250,
      avgHr: 156,
      maxHr: 178,
      // `user-rpe` is "HARD" here, but no source gives its CR-10 value.
      rpe: null,
      sourceUpdatedAt: new Date('2026-03-01T08:10:02Z'),
    });
  });

  it('should map the open-wearables sample exercise', () => {
    expect(polarExerciseToSession(fixture('open_wearables_sample_polar_exercise.json'))).toMatchObject({
      externalId: 'ABC123',
      startTime: new Date('2024-01-15T07:00:00Z'),
      durationS: 3600,
      sport: 'run',
      distanceM: 10000,
      avgHr: 145,
      maxHr: 175,
      sourceUpdatedAt: new Date('2024-01-15T09:00:00Z'),
    });
  });

  it('should read kebab-case keys and numbers sent as strings', () => {
    expect(polarExerciseToSession(fixture('realistic_exercise_kebab_case.json'))).toMatchObject({
      externalId: 'Xk2Lm9',
      startTime: new Date('2026-02-20T23:00:00Z'),
      durationS: 3151,
      sport: 'strength',
      distanceM: null,
      avgHr: 128,
      maxHr: 171,
      rpe: null,
    });
  });

  it('should prefer a given version over the upload time', () => {
    const version = new Date('2026-03-02T00:00:00Z');
    expect(polarExerciseToSession(fixture('accesslink_exercise_docs_example.json'), version).sourceUpdatedAt).toBe(version);
  });

  it('should drop heart rates and distances that cannot be real instead of storing them', () => {
    const s = polarExerciseToSession({ ...fixture('accesslink_exercise_docs_example.json'), heart_rate: { average: 0, maximum: 900 }, distance: -5 });
    expect(s).toMatchObject({ avgHr: null, maxHr: null, distanceM: null });
  });

  it.each([
    ['id', { id: undefined }],
    ['id', { id: '' }],
    ['start_time', { start_time: 1_772_348_400 }],
    ['duration', { duration: 'PT' }],
    ['duration', { duration: 'PT0S' }],
    ['duration', { duration: 'P30D' }],
    ['duration', { duration: 2952 }],
  ])('should reject an exercise with a bad %s (%j), naming the field', (name, patch) => {
    const error = domainErrorOf(() => polarExerciseToSession({ ...fixture('accesslink_exercise_docs_example.json'), ...patch }));
    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.details).toEqual([{ field: name, problems: [expect.any(String)] }]);
  });

  it('should reject something that is not an exercise object', () => {
    expect(domainErrorOf(() => polarExerciseToSession([1, 2])).message).toMatch(/^exercise/);
    expect(domainErrorOf(() => polarExerciseToSession(null)).message).toMatch(/^exercise/);
  });

  it('should never throw anything but a coded DomainError, whatever the item', () => {
    const keys = ['id', 'start_time', 'start-time', 'start_time_utc_offset', 'duration', 'distance', 'heart_rate', 'heart-rate', 'sport', 'detailed_sport_info', 'upload_time', 'training_load_pro'];
    const value = fc.oneof(fc.anything(), fc.string(), fc.integer(), fc.constantFrom('PT1H', '2026-03-01T07:00:00', '60', 'RUNNING'), fc.record({ average: fc.anything(), maximum: fc.anything() }));
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...keys), value)), (item) => {
        onlyDomainErrors(() => polarExerciseToSession(item));
        expect(Array.isArray(polarHrZones(item))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('polarSport', () => {
  it.each([
    [{ sport: 'RUNNING', detailed_sport_info: 'RUNNING_TRAIL' }, 'trail_run'],
    [{ sport: 'CYCLING', detailed_sport_info: 'INDOOR_CYCLING' }, 'indoor_ride'],
    [{ sport: 'OTHER', detailed_sport_info: 'FITNESS_INDOOR_ROWING' }, 'row'],
    [{ sport: 'OTHER', detailed_sport_info: 'TEAMSPORTS_ICE_HOCKEY' }, 'team_sport'],
    [{ sport: 'SWIMMING', detailed_sport_info: 'SOMETHING_NEW' }, 'swim'],
    [{ sport: 'OTHER' }, 'other'],
    [{}, 'other'],
  ])('should map %j to %s', (exercise, sport) => {
    expect(polarSport(exercise)).toBe(sport);
  });
});

describe('polarHrZones', () => {
  it('should read the AccessLink zone array', () => {
    expect(polarHrZones(fixture('accesslink_exercise_docs_example.json'))).toEqual([
      { index: 1, lowerBpm: 98, upperBpm: 117, seconds: 95 },
      { index: 3, lowerBpm: 137, upperBpm: 156, seconds: 1422 },
    ]);
  });

  it('should read the keyed zone shape of the open-wearables sample', () => {
    const zones = polarHrZones(fixture('open_wearables_sample_polar_hr_zones.json'));
    expect(zones.map((z) => [z.index, z.lowerBpm, z.upperBpm, z.seconds])).toEqual([
      [1, 93, 111, 600],
      [2, 111, 130, 900],
      [3, 130, 149, 1200],
      [4, 149, 167, 600],
      [5, 167, 186, 300],
    ]);
  });

  it('should skip malformed zones and keep the others', () => {
    const zones = polarHrZones({ heart_rate_zones: [{ index: 1, 'in-zone': 'soon' }, null, { index: 2, 'lower-limit': 120, 'upper-limit': 140, 'in-zone': 'PT5M' }] });
    expect(zones).toEqual([{ index: 2, lowerBpm: 120, upperBpm: 140, seconds: 300 }]);
  });
});

describe('polarRecovery', () => {
  const sleep = fixture('realistic_sleep.json');
  const recharge = fixture('realistic_nightly_recharge.json');

  it('should combine the night: resting HR ≈ Nightly Recharge average HR, HRV = its RMSSD, sleep = the stages', () => {
    expect(polarRecovery('2026-03-01', sleep, recharge)).toEqual({ date: '2026-03-01', restingHr: 52, hrvRmssd: 58, sleepS: 14100 + 5340 + 5880 + 420 });
  });

  it('should keep what one source says when the other has nothing for the night', () => {
    expect(polarRecovery('2026-03-01', sleep, null)).toEqual({ date: '2026-03-01', restingHr: null, hrvRmssd: null, sleepS: 25740 });
    expect(polarRecovery('2026-03-01', null, recharge)).toEqual({ date: '2026-03-01', restingHr: 52, hrvRmssd: 58, sleepS: null });
    expect(polarRecovery('2026-03-01', null, null)).toBeNull();
  });

  it('should fall back to bed time minus interruptions when the stages are missing', () => {
    const bare = { date: '2026-03-01', sleep_start_time: '2026-02-28T23:00:00+01:00', sleep_end_time: '2026-03-01T07:00:00+01:00', total_interruption_duration: 1800 };
    expect(polarRecovery('2026-03-01', bare, null)?.sleepS).toBe(8 * 3600 - 1800);
  });

  it('should reject a night that belongs to another date or a date that is not one', () => {
    expect(domainErrorOf(() => polarRecovery('2026-03-02', sleep, null)).message).toMatch(/^sleep\.date/);
    expect(domainErrorOf(() => polarRecovery('2026-03-02', null, recharge)).message).toMatch(/^nightly_recharge\.date/);
    expect(domainErrorOf(() => polarRecovery('2026-13-01', null, null)).message).toMatch(/^date/);
    expect(domainErrorOf(() => polarRecovery('2026-03-01', 'tonight', null)).message).toMatch(/^sleep/);
  });

  it('should drop readings that cannot be real', () => {
    expect(polarRecovery('2026-03-01', null, { date: '2026-03-01', heart_rate_avg: 4, heart_rate_variability_avg: 9000 })).toBeNull();
  });

  it('should never throw anything but a coded DomainError, whatever the night objects', () => {
    const keys = ['date', 'heart_rate_avg', 'heart_rate_variability_avg', 'light_sleep', 'deep_sleep', 'rem_sleep', 'sleep_start_time', 'sleep_end_time', 'total_interruption_duration'];
    const night = fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...keys), fc.oneof(fc.anything(), fc.constant('2026-03-01'), fc.double(), fc.integer())));
    fc.assert(
      fc.property(fc.oneof(fc.constant('2026-03-01'), fc.string()), night, night, (date, s, r) => {
        onlyDomainErrors(() => polarRecovery(date, s, r));
      }),
      { numRuns: 500 },
    );
  });
});
