import { Encoder, Profile } from '@garmin/fitsdk';
import type { FileIdMesg } from '@garmin/fitsdk';
import { DomainError, ErrorCode } from '@app/common';
import { buildActivityFit, FitSetSpec } from '../../../../../tests/fakes/garmin.fake';
import { exercisesOf, fitSport, fitToSession } from './garmin.fit';
import { DEVICE_VERSION } from './garmin.mapper';

const START = new Date('2026-03-01T17:30:00Z');
const ctx = { externalId: '21338112457', fallbackStart: null, path: 'activityFiles.file' };

// A strength session as a fenix records it: sets of deadlifts and squats with rests between, push-ups at the end.
const STRENGTH_SETS: FitSetSpec[] = [
  { category: 'deadlift', subtype: 0, reps: 5, kg: 100 },
  { rest: true },
  { category: 'deadlift', subtype: 0, reps: 5, kg: 105 },
  { rest: true },
  { category: 'squat', subtype: 6, reps: 8, kg: 80 },
  { rest: true },
  { category: 'pushUp', subtype: 77, reps: 15, kg: 0 },
  { category: 'deadlift', subtype: 0, reps: 3, kg: 110 },
];

function rejectionOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('Garmin FIT activity files (@garmin/fitsdk)', () => {
  it('should decode a strength session with its RPE and sets into a session with exercises', () => {
    const fit = buildActivityFit(
      [{ start: START, sport: 'training', subSport: 'strengthTraining', elapsedS: 3600, timerS: 3300, movingS: 240, avgHr: 118, maxHr: 161, workoutRpe: 70 }],
      STRENGTH_SETS,
    );

    const session = fitToSession(fit, ctx);

    expect(session).toEqual({
      externalId: '21338112457',
      startTime: START,
      durationS: 3600,
      // "Moving" time means nothing under a barbell: the timer time (pauses excluded) is the work.
      movingTimeS: 3300,
      sport: 'strength',
      distanceM: null,
      avgHr: 118,
      maxHr: 161,
      rpe: 7,
      exercises: [
        { name: 'Barbell Deadlift', sets: [{ reps: 5, kg: 100 }, { reps: 5, kg: 105 }, { reps: 3, kg: 110 }] },
        { name: 'Barbell Back Squat', sets: [{ reps: 8, kg: 80 }] },
        { name: 'Push Up', sets: [{ reps: 15 }] },
      ],
      sourceUpdatedAt: DEVICE_VERSION.file,
    });
  });

  it('should take the moving time, distance and sport of a trail run, without exercises', () => {
    const fit = buildActivityFit([
      { start: START, sport: 'running', subSport: 'trail', elapsedS: 4000, timerS: 3900, movingS: 3710.4, distanceM: 11_250.5, avgHr: 149, maxHr: 181, workoutRpe: 55 },
    ]);

    const session = fitToSession(fit, ctx);

    expect(session).toMatchObject({ sport: 'trail_run', durationS: 4000, movingTimeS: 3710, distanceM: 11_250.5, rpe: 5.5, exercises: null });
  });

  it('should leave the RPE empty when the athlete skipped the prompt on the watch', () => {
    const fit = buildActivityFit([{ start: START, sport: 'cycling', subSport: 'indoorCycling', elapsedS: 2700, avgHr: 140 }]);

    expect(fitToSession(fit, ctx)).toMatchObject({ sport: 'indoor_ride', rpe: null, movingTimeS: 2700 });
  });

  it('should give no session for a multisport file, whose legs arrive as activities of their own', () => {
    const fit = buildActivityFit([
      { start: START, sport: 'swimming', elapsedS: 900 },
      { start: new Date(START.getTime() + 900_000), sport: 'cycling', elapsedS: 2400 },
    ]);

    expect(fitToSession(fit, ctx)).toBeNull();
  });

  it("should prefer the session's own start time, and use the ping's only when the session has none", () => {
    const pingStart = new Date('2026-03-01T17:29:58Z');
    const withStart = buildActivityFit([{ start: START, sport: 'running', elapsedS: 1800 }]);
    const withoutStart = buildActivityFit([{ start: START, sport: 'running', elapsedS: 1800, omitStartTime: true }]);

    expect(fitToSession(withStart, { ...ctx, fallbackStart: pingStart })?.startTime).toEqual(START);
    expect(fitToSession(withoutStart, { ...ctx, fallbackStart: pingStart })?.startTime).toEqual(pingStart);
    expect(() => fitToSession(withoutStart, ctx)).toThrow('activityFiles.file.session.startTime is missing');
  });

  it('should reject bytes that are not FIT with a 422 naming the file', () => {
    const error = rejectionOf(() => fitToSession(Buffer.from('<?xml version="1.0"?><TrainingCenterDatabase/>'), ctx));

    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.message).toBe('activityFiles.file is not a FIT file');
  });

  it('should reject a FIT file whose CRC does not match (a truncated or altered download)', () => {
    const fit = buildActivityFit([{ start: START, sport: 'running', elapsedS: 1800 }]);
    fit[fit.length - 5] ^= 0xff;

    expect(rejectionOf(() => fitToSession(fit, ctx)).message).toMatch(/integrity check/);
  });

  it('should reject an activity file without a session message', () => {
    const encoder = new Encoder();
    const fileId: FileIdMesg = { type: 'activity', manufacturer: 'garmin', product: 4315, timeCreated: START };
    encoder.onMesg(Profile.MesgNum.FILE_ID, fileId);
    const fit = Buffer.from(encoder.close());

    const error = rejectionOf(() => fitToSession(fit, ctx));
    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.message).toBe('activityFiles.file.session is missing');
  });

  it('should reject a FIT file that is not an activity (e.g. a course)', () => {
    const encoder = new Encoder();
    const fileId: FileIdMesg = { type: 'course', manufacturer: 'garmin', product: 4315, timeCreated: START };
    encoder.onMesg(Profile.MesgNum.FILE_ID, fileId);
    const fit = Buffer.from(encoder.close());

    expect(rejectionOf(() => fitToSession(fit, ctx)).message).toBe('activityFiles.file.fileId.type must be activity (got course)');
  });

  it('should map FIT sports and sub-sports, unknown ones to other', () => {
    expect(fitSport('running', 'generic')).toBe('run');
    expect(fitSport('running', 'treadmill')).toBe('run');
    expect(fitSport('cycling', 'virtualActivity')).toBe('indoor_ride');
    expect(fitSport('fitnessEquipment', 'indoorRowing')).toBe('row');
    expect(fitSport('training', 'yoga')).toBe('yoga');
    expect(fitSport('training', 'generic')).toBe('other');
    expect(fitSport('alpineSkiing', 'resort')).toBe('ski');
    expect(fitSport(254, undefined)).toBe('other');
  });

  it('should name exercises from the profile, fall back to the category, and keep unidentified sets', () => {
    const exercises = exercisesOf([
      { setType: 'active', category: ['deadlift'], categorySubtype: [65_000], repetitions: 6, weight: 90 },
      { setType: 'active', category: ['unknown'], repetitions: 10 },
      { setType: 'active', repetitions: 12, weight: 20 },
      { setType: 'rest', duration: 60 },
    ]);

    expect(exercises).toEqual([
      { name: 'Deadlift', sets: [{ reps: 6, kg: 90 }] },
      { name: 'Unknown exercise', sets: [{ reps: 10 }, { reps: 12, kg: 20 }] },
    ]);
  });
});
