import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import { localDateAt, whoopRecoveryFacts, whoopRecoveryRow, whoopSleepFacts, whoopWorkoutToSession } from './whoop.mapper';

const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(__dirname, '../../../../../tests/fixtures/providers/whoop', name), 'utf8'));

/** The DomainError a call throws (failing the test on any other error), or null. */
const domainErrorOf = (fn: () => unknown): DomainError | null => {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
};

describe('WHOOP mapper', () => {
  it('should map the open-wearables v2 workout fixture to a strength session with WHOOP strain kept apart', () => {
    const mapping = whoopWorkoutToSession(fixture('open_wearables_whoop_v2_workout.json'));
    expect(mapping).toEqual({
      kind: 'session',
      session: {
        externalId: '00000000-0000-4000-8000-000000000000',
        startTime: new Date('2026-09-01T08:00:00Z'),
        durationS: 3600,
        movingTimeS: null,
        sport: 'strength',
        distanceM: null,
        avgHr: 120,
        maxHr: 160,
        rpe: null,
        hrZoneSeconds: null,
        sourceUpdatedAt: new Date('2026-09-01T09:00:00Z'),
      },
      strain: 8.5,
      energyKcal: Math.round(900 / 4.184),
    });
  });

  it('should convert the zone durations from ms to s and read distance from a scored run', () => {
    const mapping = whoopWorkoutToSession(fixture('whoop_docs_v2_workout_running.json'));
    if (mapping.kind !== 'session') throw new Error(`expected a session, got ${mapping.kind}`);
    expect(mapping.session).toMatchObject({ sport: 'run', durationS: 51 * 60 + 52, distanceM: 10250.4, avgHr: 156, maxHr: 178 });
    // zone_zero (< 50 % HRmax) is not an Edwards band; zones 1–5 are 50–60 … 90–100 %.
    expect(mapping.session.hrZoneSeconds).toEqual([95, 1210, 1422, 285, 0]);
    expect(mapping.strain).toBe(13.4);
  });

  it('should keep an unscored workout as a session without heart rate, and wait for the end of one in progress', () => {
    const w = fixture('whoop_docs_v2_workout_running.json');
    const pending = whoopWorkoutToSession({ ...w, score_state: 'PENDING_SCORE' });
    expect(pending).toMatchObject({ kind: 'session', session: { avgHr: null, maxHr: null, distanceM: null, hrZoneSeconds: null }, strain: null });
    expect(whoopWorkoutToSession({ ...w, end: null })).toEqual({ kind: 'in-progress', externalId: w.id });
  });

  it('should say a sauna or meditation is not training, with its version', () => {
    const w = fixture('whoop_docs_v2_workout_running.json');
    expect(whoopWorkoutToSession({ ...w, sport_name: 'Sauna' })).toEqual({ kind: 'not-training', externalId: w.id, sportName: 'sauna', version: new Date('2026-03-01T08:05:00.000Z') });
    expect(whoopWorkoutToSession({ ...w, sport_name: 'meditation' }).kind).toBe('not-training');
  });

  it('should drop heart rates outside 20–250 bpm instead of storing them', () => {
    const w = fixture('whoop_docs_v2_workout_running.json');
    const mapping = whoopWorkoutToSession({ ...w, score: { ...(w.score as object), average_heart_rate: 4000, max_heart_rate: -3 } });
    expect(mapping).toMatchObject({ kind: 'session', session: { avgHr: null, maxHr: null } });
  });

  it('should refuse a workout without a usable start, or ending before it starts, naming the field', () => {
    const w = fixture('whoop_docs_v2_workout_running.json');
    expect(domainErrorOf(() => whoopWorkoutToSession({ ...w, start: 'yesterday' }))?.message).toBe('workout.start must be an ISO-8601 date-time');
    expect(domainErrorOf(() => whoopWorkoutToSession({ ...w, end: '2026-03-01T06:00:00Z' }))?.message).toMatch(/^workout\.end /);
    expect(domainErrorOf(() => whoopWorkoutToSession({ ...w, id: 7 }))?.code).toBe(ErrorCode.ValidationFailed);
    expect(domainErrorOf(() => whoopWorkoutToSession([w]))?.message).toBe('workout must be an object');
  });

  it('should date a night on the local day the athlete woke up and count in-bed minus awake time as sleep', () => {
    const sleep = whoopSleepFacts(fixture('whoop_v2_sleep.json'));
    expect(sleep).toEqual({ id: 'b9a3c1e2-5f47-4d2a-8e61-0c7d9f3a2b14', cycleId: '93845', nap: false, date: '2026-03-01', sleepS: 28260 - 1620 });
    // Woke up 23:30 UTC in UTC−05:00 → still the previous local day.
    expect(whoopSleepFacts({ ...fixture('whoop_v2_sleep.json'), end: '2026-03-02T03:30:00.000Z', timezone_offset: '-05:00' }).date).toBe('2026-03-01');
    expect(domainErrorOf(() => whoopSleepFacts({ ...fixture('whoop_v2_sleep.json'), timezone_offset: 'CET' }))?.message).toBe('sleep.timezone_offset must be an offset like +01:00');
  });

  it('should combine the night and its recovery into one complete recovery row', () => {
    const row = whoopRecoveryRow(whoopSleepFacts(fixture('whoop_v2_sleep.json')), whoopRecoveryFacts(fixture('whoop_v2_recovery.json')));
    expect(row).toEqual({ date: '2026-03-01', restingHr: 51, hrvRmssd: 68.4, sleepS: 26640 });
  });

  it('should give no row for a nap, and none when neither the sleep nor the recovery is scored yet', () => {
    const sleep = fixture('whoop_v2_sleep.json');
    const recovery = whoopRecoveryFacts(fixture('whoop_v2_recovery.json'));
    expect(whoopRecoveryRow(whoopSleepFacts({ ...sleep, nap: true }), recovery)).toBeNull();
    const pendingSleep = whoopSleepFacts({ ...sleep, score_state: 'PENDING_SCORE' });
    const pendingRecovery = whoopRecoveryFacts({ ...fixture('whoop_v2_recovery.json'), score_state: 'PENDING_SCORE' });
    expect(whoopRecoveryRow(pendingSleep, pendingRecovery)).toBeNull();
    expect(whoopRecoveryRow(pendingSleep, recovery)).toEqual({ date: '2026-03-01', restingHr: 51, hrvRmssd: 68.4, sleepS: null });
  });

  it('should compute local dates across offsets', () => {
    expect(localDateAt(new Date('2026-03-01T23:30:00Z'), 60)).toBe('2026-03-02');
    expect(localDateAt(new Date('2026-03-01T00:30:00Z'), -60)).toBe('2026-02-28');
  });

  it('should throw nothing but a coded DomainError, whatever object it is handed', () => {
    const value = fc.oneof(fc.jsonValue(), fc.constantFrom('2026-03-01T07:02:11.000Z', '+01:00', 'SCORED', 'running', 'sauna', -1, 1e308));
    const workoutLike = fc.record(
      { id: value, start: value, end: value, updated_at: value, sport_name: value, sport_id: value, score_state: value, score: fc.oneof(value, fc.dictionary(fc.string(), value)) },
      { requiredKeys: [] },
    );
    const sleepLike = fc.record(
      { id: value, start: value, end: value, timezone_offset: value, nap: value, cycle_id: value, score_state: value, score: fc.oneof(value, fc.record({ stage_summary: fc.dictionary(fc.string(), value) })) },
      { requiredKeys: [] },
    );
    const recoveryLike = fc.record({ cycle_id: value, sleep_id: value, score_state: value, score: fc.oneof(value, fc.dictionary(fc.string(), value)) }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(workoutLike, fc.anything()), sleepLike, recoveryLike, (w, s, r) => {
        for (const call of [() => whoopWorkoutToSession(w), () => whoopSleepFacts(s), () => whoopRecoveryFacts(r)]) {
          const error = domainErrorOf(call);
          if (error && error.code !== ErrorCode.ValidationFailed) return false;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
