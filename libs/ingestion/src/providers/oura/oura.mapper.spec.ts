import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import { nextDay, ouraDayOf, ouraRecoveryForDay, ouraSport, ouraWorkoutToSession, sleepDays, zonedTime } from './oura.mapper';

const FIXTURES = join(__dirname, '../../../../../tests/fixtures/providers/oura');
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

function onlyDomainErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof DomainError) || !Object.values(ErrorCode).includes(error.code)) throw error;
  }
}

describe('ouraWorkoutToSession', () => {
  it('should map the open-wearables sample workout: duration from start/end, distance, sport, no HR, no RPE', () => {
    expect(ouraWorkoutToSession(fixture('open_wearables_sample_oura_workout.json'))).toEqual({
      externalId: 'oura-workout-abc123',
      startTime: new Date('2024-01-15T08:00:00Z'),
      durationS: 3600,
      movingTimeS: null,
      sport: 'run',
      distanceM: 5000,
      avgHr: null,
      maxHr: null,
      rpe: null,
      sourceUpdatedAt: undefined,
    });
  });

  it('should keep the instant of a start time with a negative offset and carry the version', () => {
    const version = new Date('2026-03-01T23:50:00Z');
    expect(ouraWorkoutToSession(fixture('realistic_workout_cycling.json'), version)).toMatchObject({
      externalId: '6b0e0f4c-2d1a-4c55-9a61-3f0b1d7e2a10',
      startTime: new Date('2026-03-01T22:10:40Z'),
      durationS: 5490,
      sport: 'ride',
      distanceM: 31250,
      sourceUpdatedAt: version,
    });
  });

  it('should store no distance when Oura has none', () => {
    expect(ouraWorkoutToSession({ ...fixture('realistic_workout_cycling.json'), distance: null }).distanceM).toBeNull();
  });

  it.each([
    ['id', { id: 42 }],
    ['start_datetime', { start_datetime: '2026-03-01T17:10:40' }],
    ['start_datetime', { start_datetime: undefined }],
    ['end_datetime', { end_datetime: '2026-03-01T17:00:00-05:00' }],
    ['end_datetime', { end_datetime: '2026-03-20T17:00:00-05:00' }],
    ['end_datetime', { end_datetime: '2026-02-30T17:00:00-05:00' }],
  ])('should reject a workout with a bad %s (%j), naming the field', (name, patch) => {
    const error = domainErrorOf(() => ouraWorkoutToSession({ ...fixture('realistic_workout_cycling.json'), ...patch }));
    expect(error.details).toEqual([{ field: name, problems: [expect.any(String)] }]);
  });

  it('should never throw anything but a coded DomainError, whatever the item', () => {
    const keys = ['id', 'activity', 'start_datetime', 'end_datetime', 'distance', 'day', 'calories'];
    const value = fc.oneof(fc.anything(), fc.constantFrom('2026-03-01T17:10:40+01:00', '2026-03-01T18:10:40+01:00', 'running', 'w1'), fc.double());
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...keys), value)), (item) => {
        onlyDomainErrors(() => ouraWorkoutToSession(item));
        onlyDomainErrors(() => ouraDayOf(item, 'daily_readiness'));
      }),
      { numRuns: 500 },
    );
  });
});

describe('ouraSport', () => {
  it.each([
    ['running', 'run'],
    ['cycling', 'ride'],
    ['strengthTraining', 'strength'],
    ['strength_training', 'strength'],
    ['Cross-Country Skiing', 'ski'],
    ['yoga', 'yoga'],
    ['soccer', 'team_sport'],
    ['unheardOf', 'other'],
    [undefined, 'other'],
  ])('should map %j to %s', (activity, sport) => {
    expect(ouraSport(activity)).toBe(sport);
  });
});

describe('ouraRecoveryForDay', () => {
  const night = fixture('sleep_docs_example.json');
  const nap = fixture('realistic_sleep_nap.json');

  it('should take lowest HR, HRV (RMSSD) and total sleep of the webhooks.md §6d long sleep', () => {
    expect(ouraRecoveryForDay('2026-03-01', [night])).toEqual({ date: '2026-03-01', restingHr: 44, hrvRmssd: 61, sleepS: 26400 });
  });

  it('should map the open-wearables sample sleep', () => {
    expect(ouraRecoveryForDay('2024-01-15', [fixture('open_wearables_sample_oura_sleep.json')])).toEqual({ date: '2024-01-15', restingHr: 48, hrvRmssd: 45, sleepS: 27000 });
  });

  it('should never let a nap, a rest period or a deleted period stand for the night', () => {
    expect(ouraRecoveryForDay('2026-03-01', [nap, night])).toEqual({ date: '2026-03-01', restingHr: 44, hrvRmssd: 61, sleepS: 26400 });
    expect(ouraRecoveryForDay('2026-03-01', [night, nap])).toEqual({ date: '2026-03-01', restingHr: 44, hrvRmssd: 61, sleepS: 26400 });
    expect(ouraRecoveryForDay('2026-03-01', [nap, { ...night, type: 'deleted' }, { ...night, id: 'r', type: 'rest' }])).toBeNull();
  });

  it('should prefer a long sleep to a short one, and the longer of two of a kind', () => {
    const short = { ...night, id: 's', type: 'sleep', total_sleep_duration: 30_000, lowest_heart_rate: 50 };
    expect(ouraRecoveryForDay('2026-03-01', [short, night])?.restingHr).toBe(44);
    expect(ouraRecoveryForDay('2026-03-01', [short, { ...short, id: 's2', total_sleep_duration: 9000, lowest_heart_rate: 40 }])?.restingHr).toBe(50);
  });

  it('should ignore periods of other days and items that are not sleep periods', () => {
    expect(ouraRecoveryForDay('2026-03-02', [night, null, 'x', { id: 1 }])).toBeNull();
  });

  it('should drop readings that cannot be real', () => {
    expect(ouraRecoveryForDay('2026-03-01', [{ ...night, lowest_heart_rate: 0, average_hrv: -3 }])).toEqual({ date: '2026-03-01', restingHr: null, hrvRmssd: null, sleepS: 26400 });
  });

  it('should reject a day that is not a date', () => {
    expect(domainErrorOf(() => ouraRecoveryForDay('01/03/2026', [night])).message).toMatch(/^day/);
  });

  it('should never throw anything but a coded DomainError, whatever the items', () => {
    const keys = ['id', 'day', 'type', 'total_sleep_duration', 'lowest_heart_rate', 'average_hrv'];
    const value = fc.oneof(fc.anything(), fc.constantFrom('2026-03-01', 'long_sleep', 'late_nap', 's1'), fc.double(), fc.integer());
    fc.assert(
      fc.property(fc.oneof(fc.constant('2026-03-01'), fc.string()), fc.array(fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...keys), value))), (day, items) => {
        onlyDomainErrors(() => ouraRecoveryForDay(day, items));
        expect(sleepDays(items)).toBeInstanceOf(Map);
      }),
      { numRuns: 500 },
    );
  });
});

describe('oura mapper helpers', () => {
  it('should read the day of the open-wearables readiness sample', () => {
    expect(ouraDayOf(fixture('open_wearables_sample_oura_readiness.json'), 'daily_readiness')).toBe('2024-01-15');
    expect(domainErrorOf(() => ouraDayOf({ id: 'r', day: 'today' }, 'daily_readiness')).message).toMatch(/^day/);
  });

  it('should group sleep periods by day and step days across month ends', () => {
    const groups = sleepDays([{ id: 'a', day: '2026-02-28' }, { id: 'b', day: '2026-03-01' }, { id: 'c', day: '2026-02-28' }, { day: 'x' }]);
    expect([...groups].map(([d, items]) => [d, items.length])).toEqual([
      ['2026-02-28', 2],
      ['2026-03-01', 1],
    ]);
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2024-12-31')).toBe('2025-01-01');
  });

  it('should refuse a time without an offset', () => {
    expect(domainErrorOf(() => zonedTime('2026-03-01T07:00:00', 'start_datetime')).message).toMatch(/^start_datetime/);
    expect(zonedTime('2026-03-01T07:00:00Z', 'start_datetime').toISOString()).toBe('2026-03-01T07:00:00.000Z');
  });
});
