import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import { terraActivityToSession, terraDailyToRecovery, terraInstant, terraSleepToRecovery, terraUser } from './terra.mapper';

const event = (name: string): { user: Record<string, unknown>; data: Record<string, unknown>[] } =>
  JSON.parse(readFileSync(join(__dirname, '../../../../../tests/fixtures/providers/terra', name), 'utf8'));

const domainErrorOf = (fn: () => unknown): DomainError | null => {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
};

const version = new Date('2026-03-01T08:12:05Z');

describe('Terra mapper', () => {
  it('should map a Garmin run from Terra to a session namespaced by the wearable, with Edwards zone seconds', () => {
    const [run] = event('terra_activity_garmin.json').data;
    expect(terraActivityToSession(run, 'GARMIN', version)).toEqual({
      kind: 'session',
      session: {
        externalId: 'GARMIN:11873561290',
        startTime: new Date('2026-03-01T06:02:11Z'),
        durationS: 3112,
        movingTimeS: 3012,
        sport: 'run',
        distanceM: 10250.4,
        avgHr: 156,
        maxHr: 178,
        rpe: null,
        hrZoneSeconds: [95, 1210, 1422, 285, 0],
        sourceUpdatedAt: version,
      },
      strain: null,
      energyKcal: 742,
    });
  });

  it('should map Terra activity type 80 to strength and an unknown type to other', () => {
    const [, lift] = event('terra_activity_garmin.json').data;
    expect(terraActivityToSession(lift, 'GARMIN', version)).toMatchObject({ kind: 'session', session: { sport: 'strength', durationS: 2700, avgHr: 112, distanceM: 0, hrZoneSeconds: null } });
    const odd = { ...lift, metadata: { ...(lift.metadata as object), type: 9999 } };
    expect(terraActivityToSession(odd, 'GARMIN', version)).toMatchObject({ session: { sport: 'other' } });
  });

  it('should read a deletion (upload_type 4) and a non-exercise type (meditation, 45) as "no session"', () => {
    const [run] = event('terra_activity_garmin.json').data;
    const meta = run.metadata as Record<string, unknown>;
    expect(terraActivityToSession({ ...run, metadata: { ...meta, upload_type: 4 } }, 'GARMIN', version)).toEqual({ kind: 'delete', externalId: 'GARMIN:11873561290' });
    expect(terraActivityToSession({ ...run, metadata: { ...meta, type: 45 } }, 'GARMIN', version)).toEqual({ kind: 'not-training', externalId: 'GARMIN:11873561290', activityType: 45 });
  });

  it('should bin zones by zone number when Terra gives no percentages', () => {
    const [run] = event('terra_activity_garmin.json').data;
    const zones = [
      { zone: 2, duration_seconds: 600 },
      { zone: 4, duration_seconds: 120.4 },
      { zone: 6, duration_seconds: 50 },
      { zone: 0, duration_seconds: 30 },
    ];
    const mapping = terraActivityToSession({ ...run, heart_rate_data: { summary: { avg_hr_bpm: 150, hr_zone_data: zones } } }, 'GARMIN', version);
    expect(mapping).toMatchObject({ session: { hrZoneSeconds: [0, 600, 0, 120, 0] } });
  });

  it('should refuse an activity without summary_id or with unusable times, naming the field', () => {
    const [run] = event('terra_activity_garmin.json').data;
    const meta = run.metadata as Record<string, unknown>;
    expect(domainErrorOf(() => terraActivityToSession({ ...run, metadata: { ...meta, summary_id: undefined } }, 'GARMIN', version, 'data[3]'))?.message).toBe(
      'data[3].metadata.summary_id must be a non-empty string',
    );
    expect(domainErrorOf(() => terraActivityToSession({ ...run, metadata: { ...meta, end_time: '2026-02-30T07:00:00Z' } }, 'GARMIN', version))?.message).toBe(
      'data[0].metadata.end_time must be an ISO-8601 date-time',
    );
    expect(domainErrorOf(() => terraActivityToSession({ ...run, metadata: { ...meta, end_time: '2026-03-01T05:00:00Z' } }, 'GARMIN', version))?.message).toMatch(/^data\[0\]\.metadata\.end_time must be after/);
    expect(domainErrorOf(() => terraActivityToSession({ metadata: 'x' }, 'GARMIN', version))?.message).toBe('data[0].metadata must be an object');
  });

  it('should read times with and without an offset (none = the user’s local time, read as UTC)', () => {
    expect(terraInstant('2026-03-01T07:02:11.123456+01:00', 't')).toEqual({ at: new Date('2026-03-01T06:02:11.123Z'), localDate: '2026-03-01' });
    expect(terraInstant('2026-03-01T07:02:11+0100', 't').at).toEqual(new Date('2026-03-01T06:02:11Z'));
    expect(terraInstant('2026-03-01T23:30:00', 't')).toEqual({ at: new Date('2026-03-01T23:30:00Z'), localDate: '2026-03-01' });
    expect(domainErrorOf(() => terraInstant('1 March 2026', 't'))?.code).toBe(ErrorCode.ValidationFailed);
  });

  it('should map an Oura night from Terra to the wake-up day’s recovery row, and give a nap none', () => {
    const [night, nap] = event('terra_sleep_oura.json').data;
    expect(terraSleepToRecovery(night)).toEqual({
      key: 'a7c3d9e1-2b4f-4c6a-8e0d-1f2a3b4c5d6e',
      nap: false,
      recovery: { date: '2026-03-01', restingHr: 48, hrvRmssd: 62.5, sleepS: 26460 },
    });
    expect(terraSleepToRecovery(nap)).toEqual({ key: 'c1d2e3f4-5a6b-4c7d-8e9f-0a1b2c3d4e5f', nap: true, recovery: null });
  });

  it('should add up the sleep stages when the asleep total is missing, and give no row when nothing is usable', () => {
    const [night] = event('terra_sleep_oura.json').data;
    const stagesOnly = { ...night, sleep_durations_data: { asleep: { duration_deep_sleep_state_seconds: 5400, duration_light_sleep_state_seconds: 14760, duration_REM_sleep_state_seconds: 6300 } } };
    expect(terraSleepToRecovery(stagesOnly).recovery?.sleepS).toBe(26460);
    const bare = { metadata: { start_time: '2026-02-28T23:00:00+01:00', end_time: '2026-03-01T07:00:00+01:00' } };
    expect(terraSleepToRecovery(bare)).toEqual({ key: '2026-02-28T22:00:00.000Z/2026-03-01T06:00:00.000Z', nap: false, recovery: null });
  });

  it("should take only the resting HR from a daily summary, dated on the day it covers", () => {
    const [day] = event('terra_daily_garmin.json').data;
    expect(terraDailyToRecovery(day)).toEqual({ date: '2026-03-01', recovery: { date: '2026-03-01', restingHr: 49 } });
    expect(terraDailyToRecovery({ ...day, heart_rate_data: { summary: { resting_hr_bpm: 400 } } })).toEqual({ date: '2026-03-01', recovery: null });
    expect(domainErrorOf(() => terraDailyToRecovery({ metadata: {} }))?.message).toBe('data[0].metadata.start_time must be an ISO-8601 date-time');
  });

  it('should read the Terra user and refuse one without a user id', () => {
    expect(terraUser({ user_id: 'u-1', provider: 'garmin', reference_id: 'athlete-42' })).toEqual({ userId: 'u-1', provider: 'GARMIN', referenceId: 'athlete-42' });
    expect(terraUser({ user_id: 'u-1', provider: 'not a provider!' }).provider).toBeNull();
    expect(domainErrorOf(() => terraUser({ provider: 'GARMIN' }))?.message).toBe('user.user_id must be a non-empty string');
  });

  it('should throw nothing but a coded DomainError, whatever item it is handed', () => {
    const value = fc.oneof(fc.jsonValue(), fc.constantFrom('2026-03-01T07:02:11.000000+01:00', '2026-03-01T08:00:00Z', 8, 4, 45, true));
    const dict = fc.dictionary(fc.constantFrom('summary', 'asleep', 'avg_hr_bpm', 'resting_hr_bpm', 'avg_hrv_rmssd', 'hr_zone_data', 'duration_asleep_state_seconds', 'strain_level'), value);
    const itemLike = fc.record(
      {
        metadata: fc.oneof(value, fc.record({ summary_id: value, start_time: value, end_time: value, type: value, upload_type: value, is_nap: value }, { requiredKeys: [] })),
        heart_rate_data: fc.oneof(value, fc.record({ summary: fc.oneof(value, dict) }, { requiredKeys: [] })),
        sleep_durations_data: fc.oneof(value, fc.record({ asleep: fc.oneof(value, dict) }, { requiredKeys: [] })),
        distance_data: fc.oneof(value, dict),
        active_durations_data: fc.oneof(value, dict),
        strain_data: fc.oneof(value, dict),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(itemLike, fc.anything()), (item) => {
        for (const call of [() => terraActivityToSession(item, 'GARMIN', version), () => terraSleepToRecovery(item), () => terraDailyToRecovery(item)]) {
          const error = domainErrorOf(call);
          if (error && error.code !== ErrorCode.ValidationFailed) return false;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
