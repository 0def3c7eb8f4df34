import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import { junctionSleepToRecovery, junctionWorkoutToSession } from './junction.mapper';

const dataOf = (name: string): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(__dirname, '../../../../../tests/fixtures/providers/junction', name), 'utf8')) as { data: Record<string, unknown> }).data;

const domainErrorOf = (fn: () => unknown): DomainError | null => {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
};

describe('Junction mapper', () => {
  it('should map a workout summary to a session versioned by updated_at, with the five upper HR bands as Edwards zones', () => {
    expect(junctionWorkoutToSession(dataOf('junction_workout_created.json'))).toEqual({
      session: {
        externalId: '0f4f5c1e-7a0d-4c53-9c8e-7f1d2b0f9a11',
        startTime: new Date('2026-03-01T06:02:11Z'),
        durationS: 3112,
        movingTimeS: 3012,
        sport: 'run',
        distanceM: 10250.4,
        avgHr: 156,
        maxHr: 178,
        rpe: null,
        hrZoneSeconds: [95, 1210, 1422, 285, 0],
        avgPower: null,
        normalizedPower: null,
        sourceUpdatedAt: new Date('2026-03-01T08:12:00Z'),
      },
      energyKcal: 742,
      source: 'garmin',
    });
  });

  it('should fall back to created_at, then to the delivery time, as the version', () => {
    const w = dataOf('junction_workout_created.json');
    const delivered = new Date('2026-03-01T09:00:00Z');
    expect(junctionWorkoutToSession({ ...w, updated_at: null }, delivered).session.sourceUpdatedAt).toEqual(new Date('2026-03-01T08:12:00Z'));
    expect(junctionWorkoutToSession({ ...w, updated_at: undefined, created_at: undefined }, delivered).session.sourceUpdatedAt).toEqual(delivered);
  });

  it('should map sport slugs and leave unknown ones as other, and skip zones that are not six bands', () => {
    const w = dataOf('junction_workout_created.json');
    expect(junctionWorkoutToSession({ ...w, sport: { id: 9, name: 'Strength', slug: 'strength_training' } }).session.sport).toBe('strength');
    expect(junctionWorkoutToSession({ ...w, sport: { slug: 'underwater_hockey' } }).session.sport).toBe('other');
    expect(junctionWorkoutToSession({ ...w, hr_zones: [1, 2, 3] }).session.hrZoneSeconds).toBeNull();
    expect(junctionWorkoutToSession({ ...w, hr_zones: [1, 2, 3, 'x', 5, 6] }).session.hrZoneSeconds).toBeNull();
  });

  it('should read average and weighted average (normalized) power, and drop implausible watts', () => {
    const w = dataOf('junction_workout_created.json');
    expect(junctionWorkoutToSession({ ...w, average_watts: 212.5, weighted_average_watts: 231 }).session).toMatchObject({ avgPower: 212.5, normalizedPower: 231 });
    expect(junctionWorkoutToSession({ ...w, average_watts: -5, weighted_average_watts: 90000 }).session).toMatchObject({ avgPower: null, normalizedPower: null });
  });

  it('should refuse a workout with unusable times or id, naming the field', () => {
    const w = dataOf('junction_workout_created.json');
    expect(domainErrorOf(() => junctionWorkoutToSession({ ...w, time_end: 'soon' }))?.message).toBe('data.time_end must be an ISO-8601 date-time');
    expect(domainErrorOf(() => junctionWorkoutToSession({ ...w, time_end: '2026-03-01T05:00:00+00:00' }))?.message).toMatch(/^data\.time_end must be after/);
    expect(domainErrorOf(() => junctionWorkoutToSession({ ...w, id: '' }))?.message).toBe('data.id must be a non-empty string');
    expect(domainErrorOf(() => junctionWorkoutToSession({ ...w, updated_at: 'later' }))?.message).toBe('data.updated_at must be an ISO-8601 date-time');
    // No offset: UTC, never this server's zone.
    expect(junctionWorkoutToSession({ ...w, time_start: '2026-03-01T06:02:11', time_end: '2026-03-01T06:54:03' }).session.startTime).toEqual(new Date('2026-03-01T06:02:11Z'));
  });

  it('should map the night to its calendar date with resting HR, HRV rMSSD and time asleep', () => {
    expect(junctionSleepToRecovery(dataOf('junction_sleep_created.json'))).toEqual({
      id: '8d1e6b7a-3c2f-4e5d-9a0b-1c2d3e4f5a6b',
      nap: false,
      recovery: { date: '2026-03-01', restingHr: 48, hrvRmssd: 62.5, sleepS: 26460 },
    });
  });

  it('should use the lowest night HR when there is no resting HR, and date by bedtime_stop in the local offset without calendar_date', () => {
    const s = dataOf('junction_sleep_created.json');
    expect(junctionSleepToRecovery({ ...s, hr_resting: null }).recovery?.restingHr).toBe(47);
    const lateStop = { ...s, calendar_date: undefined, bedtime_stop: '2026-03-01T23:30:00+00:00', timezone_offset: 3600 };
    expect(junctionSleepToRecovery(lateStop).recovery?.date).toBe('2026-03-02');
  });

  it('should give no row for a short sleep or a nap, and refuse an impossible calendar date', () => {
    const s = dataOf('junction_sleep_created.json');
    expect(junctionSleepToRecovery({ ...s, type: 'short_sleep' })).toEqual({ id: s.id, nap: true, recovery: null });
    expect(junctionSleepToRecovery({ ...s, type: 'acknowledged_nap' }).recovery).toBeNull();
    expect(domainErrorOf(() => junctionSleepToRecovery({ ...s, calendar_date: '2026-02-30' }))?.message).toBe('data.calendar_date must be a date YYYY-MM-DD');
    expect(domainErrorOf(() => junctionSleepToRecovery({ id: 'x' }))?.message).toMatch(/^data\.calendar_date /);
  });

  it('should throw nothing but a coded DomainError, whatever object it is handed', () => {
    const value = fc.oneof(fc.jsonValue(), fc.constantFrom('2026-03-01T06:02:11+00:00', '2026-03-01', 'short_sleep', 3600, -1e9));
    const summaryLike = fc.record(
      {
        id: value,
        time_start: value,
        time_end: value,
        updated_at: value,
        created_at: value,
        sport: fc.oneof(value, fc.record({ slug: value }, { requiredKeys: [] })),
        hr_zones: fc.oneof(value, fc.array(value, { minLength: 6, maxLength: 6 })),
        calendar_date: value,
        bedtime_stop: value,
        timezone_offset: value,
        type: value,
        total: value,
        average_hrv: value,
        hr_resting: value,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(summaryLike, fc.anything()), (data) => {
        for (const call of [() => junctionWorkoutToSession(data), () => junctionSleepToRecovery(data)]) {
          const error = domainErrorOf(call);
          if (error && error.code !== ErrorCode.ValidationFailed) return false;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
