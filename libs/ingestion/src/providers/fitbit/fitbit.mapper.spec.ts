import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import {
  fitbitActivityToSession,
  fitbitHrv,
  fitbitLocalDate,
  fitbitRecoveryDays,
  fitbitRestingHr,
  fitbitSleepSeconds,
  fitbitSport,
  isCalendarDate,
  nextPageQuery,
  readActivityList,
} from './fitbit.mapper';

const FIXTURES = path.resolve(__dirname, '../../../../../tests/fixtures/providers/fitbit');
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));

/** Runs `fn`; anything it throws must be a coded DomainError (never a TypeError or a bare Error). */
function onlyDomainErrors(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    return error instanceof DomainError && Object.values(ErrorCode).includes(error.code);
  }
}

function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

// Plausible and implausible values for the fields the mapper reads.
const fieldValue = fc.oneof(
  fc.anything(),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.constantFrom('2026-03-01T07:02:11.000+01:00', '2026-03-01T07:02:11Z', '2026-03-01T07:02', '2026-02-30T07:00:00+01:00', 'Mile', 'Kilometer', 'Run', 'constructor', '__proto__', -1, 0, 1e308, Number.NaN),
);
const activityLike = fc.record(
  {
    logId: fieldValue,
    startTime: fieldValue,
    duration: fieldValue,
    activeDuration: fieldValue,
    distance: fieldValue,
    distanceUnit: fieldValue,
    averageHeartRate: fieldValue,
    activityName: fieldValue,
    activityTypeId: fieldValue,
  },
  { requiredKeys: [] },
);
// Entries whose identity and start are valid, so the numeric fields are what varies.
const mostlyValidActivity = fc.record({
  logId: fc.integer({ min: 1 }),
  startTime: fc.constantFrom('2026-03-01T07:02:11.000+01:00', '2026-03-01T23:59:59Z', '2026-03-01T00:00-09:30'),
  duration: fc.oneof(fc.integer({ min: 0, max: 2e9 }), fc.double({ min: 0, max: 1e12, noNaN: true })),
  activeDuration: fieldValue,
  distance: fc.oneof(fc.double({ min: 0, max: 1e308, noNaN: true }), fieldValue),
  distanceUnit: fieldValue,
  averageHeartRate: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fieldValue),
  activityName: fieldValue,
  activityTypeId: fieldValue,
});

describe('fitbit.mapper', () => {
  describe('fitbitActivityToSession', () => {
    it('should map the shared open-wearables activity entry (ms → s, km → m, offset start)', () => {
      const version = new Date('2026-03-02T00:00:00Z');
      expect(fitbitActivityToSession(fixture('open_wearables_fitbit_activity_log_entry.json'), version)).toEqual({
        externalId: '12345678',
        startTime: new Date('2024-01-15T07:30:00Z'),
        durationS: 3600,
        movingTimeS: null,
        sport: 'run',
        distanceM: 10000,
        avgHr: 155,
        maxHr: null,
        rpe: null,
        sourceUpdatedAt: version,
      });
    });

    it('should read the start as an instant from the local time and its offset', () => {
      const s = fitbitActivityToSession({ logId: 1, startTime: '2026-03-01T07:02:11.000+01:00', duration: 3012000 });
      expect(s.startTime.toISOString()).toBe('2026-03-01T06:02:11.000Z');
      expect(s.durationS).toBe(3012);
    });

    it('should convert miles, keep metres, and drop a distance in a unit it does not know', () => {
      const base = { logId: 1, startTime: '2026-03-01T07:00:00.000+01:00', duration: 60000, distance: 2 };
      expect(fitbitActivityToSession({ ...base, distanceUnit: 'Mile' }).distanceM).toBe(3218.688);
      expect(fitbitActivityToSession({ ...base, distanceUnit: 'Kilometer' }).distanceM).toBe(2000);
      expect(fitbitActivityToSession({ ...base, distanceUnit: 'Meter' }).distanceM).toBe(2);
      expect(fitbitActivityToSession({ ...base, distanceUnit: 'Furlong' }).distanceM).toBeNull();
    });

    it('should use activeDuration (ms) as moving time and ignore a zero heart rate', () => {
      const s = fitbitActivityToSession({ logId: '7', startTime: '2026-03-01T07:00:00Z', duration: 1433000, activeDuration: 1380000, averageHeartRate: 0 });
      expect(s).toMatchObject({ externalId: '7', durationS: 1433, movingTimeS: 1380, avgHr: null });
    });

    it('should name the field that is missing or malformed', () => {
      expect(domainError(() => fitbitActivityToSession({ startTime: '2026-03-01T07:00:00Z', duration: 1 })).message).toMatch(/^logId /);
      expect(domainError(() => fitbitActivityToSession({ logId: 1, startTime: '2026-03-01T07:00:00', duration: 1 })).message).toMatch(/^startTime /);
      expect(domainError(() => fitbitActivityToSession({ logId: 1, startTime: '2026-03-01T07:00:00Z' })).message).toMatch(/^duration /);
      expect(domainError(() => fitbitActivityToSession({ logId: 1, startTime: '2026-03-01T07:00:00Z', duration: -5 })).message).toMatch(/^duration /);
      expect(domainError(() => fitbitActivityToSession({ logId: 1, startTime: '2026-03-01T07:00:00Z', duration: 5, distance: 'far' })).message).toMatch(/^distance /);
      expect(domainError(() => fitbitActivityToSession([])).code).toBe(ErrorCode.ValidationFailed);
    });

    it('should never throw anything but a coded DomainError, whatever the entry holds', () => {
      fc.assert(fc.property(fc.oneof(activityLike, mostlyValidActivity, fc.anything()), (item) => onlyDomainErrors(() => fitbitActivityToSession(item))), { numRuns: 500 });
    });

    it('should only produce sessions the database can hold from whatever entry it accepts', () => {
      const sports = ['run', 'trail_run', 'ride', 'indoor_ride', 'swim', 'walk', 'hike', 'strength', 'hiit', 'row', 'ski', 'yoga', 'team_sport', 'other'];
      const finiteOrNull = (v: number | null | undefined) => v === null || (typeof v === 'number' && Number.isFinite(v));
      fc.assert(
        fc.property(fc.oneof(activityLike, mostlyValidActivity), (item) => {
          let s;
          try {
            s = fitbitActivityToSession(item);
          } catch {
            return true;
          }
          return (
            sports.includes(s.sport as string) &&
            Number.isInteger(s.durationS) &&
            s.durationS >= 1 &&
            s.durationS <= 7 * 24 * 3600 &&
            !Number.isNaN(s.startTime.getTime()) &&
            finiteOrNull(s.distanceM) &&
            finiteOrNull(s.movingTimeS) &&
            (s.avgHr === null || (Number.isInteger(s.avgHr) && (s.avgHr as number) <= 300))
          );
        }),
        { numRuns: 500 },
      );
    });
  });

  it('should map sports by exercise name first, then by activity type id', () => {
    expect(fitbitSport('Outdoor Bike', 1071)).toBe('ride');
    expect(fitbitSport('Spinning', undefined)).toBe('indoor_ride');
    expect(fitbitSport('Weights', undefined)).toBe('strength');
    expect(fitbitSport('Laufen', 90009)).toBe('run');
    expect(fitbitSport('Tai chi', 123456)).toBe('other');
    expect(fitbitSport(undefined, undefined)).toBe('other');
  });

  it('should give the Fitbit-local day of a start time', () => {
    expect(fitbitLocalDate('2026-03-01T00:30:00.000+01:00')).toBe('2026-03-01');
    expect(() => fitbitLocalDate('2026-13-01T00:30:00.000+01:00')).toThrow(DomainError);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
  });

  it('should read an activity-list page and the query of its next page', () => {
    const page = readActivityList(fixture('activity_list_page.json'));
    expect(page.activities).toHaveLength(4);
    expect(page.next).toBeNull();
    expect(nextPageQuery('https://api.fitbit.com/1/user/-/activities/list.json?offset=100&limit=100&sort=asc&afterDate=2026-02-01')).toEqual({
      offset: '100',
      limit: '100',
      sort: 'asc',
      afterDate: '2026-02-01',
    });
    expect(domainError(() => nextPageQuery('https://api.fitbit.com/1/user/-/profile.json')).message).toMatch(/^pagination\.next /);
    expect(domainError(() => readActivityList({ pagination: {} })).message).toMatch(/^activities /);
  });

  it('should read resting HR, HRV and seconds asleep per day from the documented answers', () => {
    expect(fitbitRestingHr(fixture('heart_1d.json'))).toEqual(new Map([['2026-03-01', 54]]));
    expect(fitbitHrv(fixture('hrv_1d.json'))).toEqual(new Map([['2026-03-01', 41.27]]));
    // The main sleep counts, the nap does not.
    expect(fitbitSleepSeconds(fixture('sleep_date.json'))).toEqual(new Map([['2026-03-01', 412 * 60]]));
    // Without a main sleep the day's logs are summed.
    expect(fitbitSleepSeconds({ sleep: [{ dateOfSleep: '2026-03-02', minutesAsleep: 30 }, { dateOfSleep: '2026-03-02', minutesAsleep: 20, isMainSleep: false }] })).toEqual(
      new Map([['2026-03-02', 3000]]),
    );
    expect(domainError(() => fitbitHrv({ hrv: 'none' })).message).toMatch(/^hrv /);
  });

  it('should build whole recovery rows and skip days without any value', () => {
    const rows = fitbitRecoveryDays(['2026-03-01', '2026-03-02', '2026-03-03'], new Map([['2026-03-01', 54]]), new Map([['2026-03-02', 40]]), new Map());
    expect(rows).toEqual([
      { date: '2026-03-01', restingHr: 54, hrvRmssd: null, sleepS: null },
      { date: '2026-03-02', restingHr: null, hrvRmssd: 40, sleepS: null },
    ]);
  });

  it('should never throw anything but a coded DomainError while reading recovery answers', () => {
    const answer = fc.oneof(
      fc.anything(),
      fc.record({ 'activities-heart': fc.array(fc.record({ dateTime: fieldValue, value: fc.oneof(fc.anything(), fc.record({ restingHeartRate: fieldValue })) })) }),
      fc.record({ hrv: fc.array(fc.record({ dateTime: fieldValue, value: fc.oneof(fc.anything(), fc.record({ dailyRmssd: fieldValue })) })) }),
      fc.record({ sleep: fc.array(fc.record({ dateOfSleep: fieldValue, minutesAsleep: fieldValue, isMainSleep: fieldValue })) }),
    );
    fc.assert(
      fc.property(answer, (body) => onlyDomainErrors(() => fitbitRestingHr(body)) && onlyDomainErrors(() => fitbitHrv(body)) && onlyDomainErrors(() => fitbitSleepSeconds(body))),
      { numRuns: 300 },
    );
  });
});
