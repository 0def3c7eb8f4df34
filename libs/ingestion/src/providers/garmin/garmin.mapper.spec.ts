import { DomainError } from '@app/common';
import { calendarDateOf, fingerprint } from './garmin.fields';
import { activityDetailsToSession, activityExternalId, activityToSession, dailyToRecovery, garminSport, hrvToRecovery, sampleStats, sleepToRecovery } from './garmin.mapper';

const RUN = { summaryId: '5001968355', activityId: 5001968355, activityType: 'RUNNING', startTimeInSeconds: 1452470400, durationInSeconds: 11580 };

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('Garmin mappers', () => {
  it('should map Appendix A activity types, case-insensitively, unknown ones to other', () => {
    expect(['RUNNING', 'TREADMILL_RUNNING', 'TRAIL_RUNNING', 'ROAD_BIKING', 'VIRTUAL_RIDE', 'LAP_SWIMMING', 'STRENGTH_TRAINING', 'INDOOR_CARDIO', 'INDOOR_ROWING', 'RESORT_SKIING_SNOWBOARDING_WS', 'SOCCER', 'PILATES'].map(garminSport)).toEqual([
      'run',
      'run',
      'trail_run',
      'ride',
      'indoor_ride',
      'swim',
      'strength',
      'hiit',
      'row',
      'ski',
      'team_sport',
      'yoga',
    ]);
    expect(garminSport('strength_training')).toBe('strength');
    expect([garminSport('PADDELBALL'), garminSport('MULTI_SPORT'), garminSport(undefined), garminSport(42)]).toEqual(['other', 'other', 'other', 'other']);
  });

  it('should key every record of an activity on its activityId, else the summaryId without its suffix', () => {
    expect(activityExternalId({ summaryId: '10010727180-file', activityId: 5001904988 }, 'x')).toBe('5001904988');
    expect(activityExternalId({ summaryId: '5001968355-detail' }, 'x')).toBe('5001968355');
    expect(activityExternalId({ summaryId: 'EXAMPLE_12345' }, 'x')).toBe('EXAMPLE_12345');
    expect(messageOf(() => activityExternalId({ activityId: -3 }, 'activities[2]'))).toBe('activities[2].activityId or summaryId must identify the activity');
  });

  it("should read the spec's push example (no activityId, no heart rate)", () => {
    expect(activityToSession({ ...RUN, activityId: undefined, summaryId: 'EXAMPLE_12345', distanceInMeters: 519818.125 }, 'summary', 'activities')).toMatchObject({
      externalId: 'EXAMPLE_12345',
      startTime: new Date('2016-01-11T00:00:00Z'),
      durationS: 11580,
      sport: 'run',
      distanceM: 519818.125,
      avgHr: null,
      maxHr: null,
    });
  });

  it('should drop implausible optional values instead of failing the summary', () => {
    const session = activityToSession({ ...RUN, averageHeartRateInBeatsPerMinute: 0, maxHeartRateInBeatsPerMinute: 400, distanceInMeters: -1 }, 'summary', 'activities');

    expect(session).toMatchObject({ avgHr: null, maxHr: null, distanceM: null });
  });

  it('should name the required field that is missing or wrong', () => {
    expect(messageOf(() => activityToSession({ ...RUN, startTimeInSeconds: undefined }, 'summary', 'activities[0]'))).toBe('activities[0].startTimeInSeconds must be epoch seconds');
    expect(messageOf(() => activityToSession({ ...RUN, durationInSeconds: -5 }, 'summary', 'activities[0]'))).toBe('activities[0].durationInSeconds must be a number of seconds (0–604800)');
    expect(messageOf(() => activityToSession({ ...RUN, activityType: 7 }, 'summary', 'activities[0]'))).toBe('activities[0].activityType must be a non-empty string');
    expect(messageOf(() => activityDetailsToSession({ summaryId: '1-detail' }, 'activityDetails'))).toBe('activityDetails.summary must be an object');
    expect(messageOf(() => activityToSession('nope', 'summary', 'activities[3]'))).toBe('activities[3] must be an object');
  });

  it('should use the timer time as moving time for non-locomotion sports', () => {
    const details = {
      activityId: 77,
      summary: { ...RUN, activityType: 'STRENGTH_TRAINING', durationInSeconds: 3000 },
      samples: [
        { timerDurationInSeconds: 10, movingDurationInSeconds: 2 },
        { timerDurationInSeconds: 2900, movingDurationInSeconds: 120 },
      ],
    };

    expect(activityDetailsToSession(details, 'activityDetails')).toMatchObject({ externalId: '77', sport: 'strength', movingTimeS: 2900 });
  });

  it('should give no moving time for a manual activity, whose details have no samples', () => {
    expect(activityDetailsToSession({ summaryId: '9-detail', summary: { ...RUN, manual: true }, samples: [] }, 'activityDetails')).toMatchObject({ movingTimeS: null, avgHr: null });
  });

  it('should summarise samples: mean and max of plausible heart rates, largest cumulative durations', () => {
    expect(sampleStats([{ heartRate: 100 }, { heartRate: 250.4 }, { heartRate: 120, movingDurationInSeconds: 30, timerDurationInSeconds: 31 }, null, 'x', { movingDurationInSeconds: 25 }])).toEqual({
      avgHr: 110,
      maxHr: 120,
      movingS: 30,
      timerS: 31,
    });
    expect(sampleStats([])).toEqual({ avgHr: null, maxHr: null, movingS: null, timerS: null });
  });

  it("should file wellness summaries under Garmin's calendar date, or the device's local day of the start", () => {
    expect(calendarDateOf({ calendarDate: '2026-03-01', startTimeInSeconds: 1 }, 'dailies')).toBe('2026-03-01');
    // 2026-02-28 23:30 UTC + 3600 s → 2026-03-01 on the device.
    expect(calendarDateOf({ startTimeInSeconds: 1772321400, startTimeOffsetInSeconds: 3600 }, 'dailies')).toBe('2026-03-01');
    expect(calendarDateOf({ startTimeInSeconds: 1772321400 }, 'dailies')).toBe('2026-02-28');
    expect(messageOf(() => calendarDateOf({ calendarDate: '2026-02-30' }, 'sleeps[1]'))).toBe('sleeps[1].calendarDate must be a date (YYYY-MM-DD)');
    expect(messageOf(() => calendarDateOf({ calendarDate: 20260301 }, 'hrv[0]'))).toBe('hrv[0].calendarDate must be a date (YYYY-MM-DD)');
    expect(messageOf(() => calendarDateOf({}, 'hrv[0]'))).toBe('hrv[0].startTimeInSeconds must be epoch seconds');
  });

  it('should give no recovery change when the summary lacks the value it carries', () => {
    expect(dailyToRecovery({ calendarDate: '2026-03-01', steps: 40 }, 'dailies')).toBeNull();
    expect(sleepToRecovery({ calendarDate: '2026-03-01', durationInSeconds: 90_000 }, 'sleeps')).toBeNull();
    expect(hrvToRecovery({ calendarDate: '2026-03-01', lastNightAvg: 0 }, 'hrv')).toBeNull();
    expect(hrvToRecovery({ calendarDate: '2026-03-01', lastNightAvg: 61.5 }, 'hrv')).toEqual({ date: '2026-03-01', hrvRmssd: 61.5 });
  });

  it('should fingerprint content regardless of key order, and refuse absurd nesting with a coded error', () => {
    expect(fingerprint({ a: 1, b: [{ c: 2, d: 3 }] }, 'x')).toBe(fingerprint({ b: [{ d: 3, c: 2 }], a: 1 }, 'x'));
    expect(fingerprint({ a: 1 }, 'x')).not.toBe(fingerprint({ a: 2 }, 'x'));
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(messageOf(() => fingerprint({ userId: 'u', deep }, 'dailies[0]'))).toBe('dailies[0] is nested deeper than 64 levels');
  });
});
