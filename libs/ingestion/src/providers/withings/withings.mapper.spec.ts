import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import { RateLimitedError } from '../provider-api';
import {
  parseEpoch,
  readSeriesPage,
  unwrapEnvelope,
  WithingsAuthError,
  withingsSleepToRecovery,
  withingsSport,
  WithingsStatusError,
  withingsWorkoutToSession,
} from './withings.mapper';

const FIXTURES = path.resolve(__dirname, '../../../../../tests/fixtures/providers/withings');
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
const seriesOf = (name: string) => ((fixture(name) as { body: { series: unknown[] } }).body.series);

function onlyDomainErrors(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    return error instanceof DomainError && Object.values(ErrorCode).includes(error.code);
  }
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const fieldValue = fc.oneof(fc.anything(), fc.integer(), fc.double(), fc.string(), fc.constantFrom(1772348531, 1772351651, 0, -1, 1e308, 'constructor', '__proto__', '2026-03-01'));
const workoutLike = fc.record(
  {
    id: fieldValue,
    category: fieldValue,
    startdate: fc.oneof(fc.integer({ min: 1_700_000_000, max: 1_800_000_000 }), fieldValue),
    enddate: fc.oneof(fc.integer({ min: 1_700_000_000, max: 1_800_000_000 }), fieldValue),
    data: fc.oneof(fc.record({ distance: fieldValue, hr_average: fieldValue, hr_max: fieldValue }, { requiredKeys: [] }), fieldValue),
  },
  { requiredKeys: [] },
);

describe('withings.mapper', () => {
  describe('withingsWorkoutToSession', () => {
    it('should map the documented getworkouts run (epoch seconds, metres, HR)', () => {
      const version = new Date('2026-03-01T09:00:00Z');
      expect(withingsWorkoutToSession(seriesOf('getworkouts_response.json')[0], version)).toEqual({
        externalId: '3312456',
        startTime: new Date('2026-03-01T07:02:11Z'),
        durationS: 3120,
        movingTimeS: null,
        sport: 'run',
        distanceM: 10250,
        avgHr: 156,
        maxHr: 178,
        rpe: null,
        sourceUpdatedAt: version,
      });
    });

    it('should map categories and leave what the entry does not carry empty', () => {
      const [, ride, weights] = seriesOf('getworkouts_response.json').map((w) => withingsWorkoutToSession(w));
      expect(ride).toMatchObject({ sport: 'indoor_ride', distanceM: null, avgHr: 141, maxHr: 166 });
      expect(weights).toMatchObject({ sport: 'strength', avgHr: null, maxHr: null, durationS: 2700 });
      expect(withingsSport(307)).toBe('run');
      expect(withingsSport(999)).toBe('other');
      expect(withingsSport('constructor')).toBe('other');
    });

    it('should name the field that is missing or malformed', () => {
      const ok = { id: 1, category: 2, startdate: 1772348531, enddate: 1772351651 };
      expect((thrown(() => withingsWorkoutToSession({ ...ok, id: undefined })) as Error).message).toMatch(/^id /);
      expect((thrown(() => withingsWorkoutToSession({ ...ok, startdate: '1772348531' })) as Error).message).toMatch(/^startdate /);
      expect((thrown(() => withingsWorkoutToSession({ ...ok, enddate: ok.startdate - 1 })) as Error).message).toMatch(/^enddate /);
      expect((thrown(() => withingsWorkoutToSession({ ...ok, enddate: ok.startdate + 8 * 86400 })) as Error).message).toMatch(/^enddate /);
      expect((thrown(() => withingsWorkoutToSession({ ...ok, data: { hr_average: 'fast' } })) as Error).message).toMatch(/^data\.hr_average /);
      expect((thrown(() => withingsWorkoutToSession({ ...ok, data: [] })) as Error).message).toMatch(/^data /);
    });

    it('should never throw anything but a coded DomainError, and only produce storable sessions', () => {
      const sports = ['run', 'trail_run', 'ride', 'indoor_ride', 'swim', 'walk', 'hike', 'strength', 'hiit', 'row', 'ski', 'yoga', 'team_sport', 'other'];
      fc.assert(
        fc.property(fc.oneof(workoutLike, fc.anything()), (item) => {
          let s;
          try {
            s = withingsWorkoutToSession(item);
          } catch (error) {
            return error instanceof DomainError && Object.values(ErrorCode).includes(error.code);
          }
          return (
            sports.includes(s.sport as string) &&
            Number.isInteger(s.durationS) &&
            s.durationS >= 1 &&
            s.durationS <= 7 * 86400 &&
            (s.distanceM === null || Number.isFinite(s.distanceM)) &&
            [s.avgHr, s.maxHr].every((hr) => hr === null || (Number.isInteger(hr) && (hr as number) <= 300))
          );
        }),
        { numRuns: 600 },
      );
    });
  });

  describe('withingsSleepToRecovery', () => {
    it('should sum a wake-up day’s nights and naps and take the lowest sleeping HR as resting HR', () => {
      expect(withingsSleepToRecovery(seriesOf('sleep_getsummary_response.json'))).toEqual([
        // 24960 s night + 1800 s nap (deep + light + REM, no total_sleep_time); lowest hr_min 49.
        { date: '2026-03-01', restingHr: 49, hrvRmssd: null, sleepS: 26760 },
        { date: '2026-03-02', restingHr: 51, hrvRmssd: null, sleepS: 23400 },
      ]);
    });

    it('should reject an entry without a wake-up day and ignore a night longer than a day', () => {
      expect((thrown(() => withingsSleepToRecovery([{ data: {} }])) as Error).message).toMatch(/^series\[\]\.date /);
      expect(withingsSleepToRecovery([{ date: '2026-03-01', data: { total_sleep_time: 90_000, hr_min: 50 } }])).toEqual([{ date: '2026-03-01', restingHr: 50, hrvRmssd: null, sleepS: null }]);
      expect(withingsSleepToRecovery([{ date: '2026-03-01', data: {} }])).toEqual([]);
    });

    it('should never throw anything but a coded DomainError, whatever the summaries hold', () => {
      const night = fc.record(
        {
          date: fc.oneof(fc.constantFrom('2026-03-01', '2026-02-30'), fieldValue),
          data: fc.oneof(fc.record({ total_sleep_time: fieldValue, deepsleepduration: fieldValue, hr_min: fieldValue }, { requiredKeys: [] }), fieldValue),
        },
        { requiredKeys: [] },
      );
      fc.assert(fc.property(fc.array(fc.oneof(night, fc.anything())), (series) => onlyDomainErrors(() => withingsSleepToRecovery(series))), { numRuns: 400 });
    });
  });

  describe('unwrapEnvelope', () => {
    it('should return the body of a status-0 answer', () => {
      expect(unwrapEnvelope(fixture('getworkouts_response.json'))).toMatchObject({ more: false, offset: 0 });
    });

    it('should turn an expired token (HTTP 200, status 401) into a retryable auth error, 601 into a rate limit', () => {
      const auth = thrown(() => unwrapEnvelope(fixture('expired_token_response.json')));
      expect(auth).toBeInstanceOf(WithingsAuthError);
      expect(auth).not.toBeInstanceOf(DomainError);
      expect(thrown(() => unwrapEnvelope({ status: 601 }))).toBeInstanceOf(RateLimitedError);
      expect(thrown(() => unwrapEnvelope({ status: 2555, error: 'unknown error' }))).toBeInstanceOf(WithingsStatusError);
      expect(thrown(() => unwrapEnvelope({ status: 503, error: 'Invalid params' }))).toMatchObject({ code: ErrorCode.ValidationFailed });
    });

    it('should reject an answer that is not an envelope', () => {
      for (const answer of [null, [], { body: {} }, { status: '0' }, { status: 0 }, { status: 0, body: [] }]) {
        expect(thrown(() => unwrapEnvelope(answer))).toBeInstanceOf(DomainError);
      }
    });
  });

  it('should read more/offset paging and refuse a page that promises more without an offset', () => {
    expect(readSeriesPage({ series: [], more: 1, offset: 3 })).toEqual({ series: [], more: true, offset: 3 });
    expect(readSeriesPage({ series: [1], more: false })).toEqual({ series: [1], more: false, offset: 0 });
    expect((thrown(() => readSeriesPage({ series: [], more: true })) as Error).message).toMatch(/^offset /);
    expect((thrown(() => readSeriesPage({ more: false })) as Error).message).toMatch(/^series /);
  });

  it('should read form epochs and reject garbled or implausible ones', () => {
    expect(parseEpoch('1772348400', 'startdate')).toBe(1772348400);
    for (const bad of [null, '', 'abc', '1.5', '-1', '12', '99999999999']) {
      expect((thrown(() => parseEpoch(bad, 'startdate')) as DomainError).message).toMatch(/^startdate /);
    }
  });
});
