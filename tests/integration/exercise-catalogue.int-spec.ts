import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueryRunner } from 'typeorm';
import { ErrorCode, FixedClock } from '@app/common';
import { dataSourceOptions } from '@app/database';
import { Athlete } from '@app/roster';
import { SessionStore } from '@app/training-load';
import { ExerciseCatalogue1795243651877 } from '../../libs/database/src/migrations/1795243651877-exercise-catalogue';
import {
  CATALOGUE_CACHE_TTL_MS,
  DEFAULT_EXERCISE_CATALOGUE,
  ExerciseCatalogueModule,
  ExerciseCatalogueService,
  ExerciseDefinition,
  matchExercise,
  UnmatchedExerciseName,
} from '../../libs/training-load/src/exercises';
import { startTestApp, TestApp } from '../setup/test-app';

// The catalogue on a migrated database: the seed, admin changes seen by the tagger's cache, unique names.
// (ExerciseCatalogueModule is not imported by the app yet, so the service is built on the app's DataSource.)
describe('exercise catalogue', () => {
  let t: TestApp;
  let service: ExerciseCatalogueService;

  const newService = (clock?: FixedClock) =>
    new ExerciseCatalogueService(t.dataSource.getRepository(ExerciseDefinition), t.dataSource.getRepository(UnmatchedExerciseName), clock);
  const matched = async (name: string, s = service) => matchExercise(name, await s.catalogue())?.definition.name ?? null;

  beforeAll(async () => {
    t = await startTestApp();
    service = newService();
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('seed', () => {
    it('should hold the default catalogue after the migrations', async () => {
      const rows = await service.list();
      const plain = (e: { name: string; aliases: readonly string[]; spinalLoading: boolean; core: boolean; warmUp: boolean; coolDown: boolean; mobility: boolean; notes?: string | null }) => ({
        name: e.name,
        aliases: [...e.aliases],
        flags: [e.spinalLoading, e.core, e.warmUp, e.coolDown, e.mobility],
        notes: e.notes ?? null,
      });
      const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
      expect(rows.map(plain).sort(byName)).toEqual(DEFAULT_EXERCISE_CATALOGUE.map(plain).sort(byName));
    });

    it.each([
      ['Deadlift', 'Deadlift'],
      ['Barbell Deadlift', 'Deadlift'],
      ['sumo DL', 'Sumo deadlift'],
      ['RDL', 'Romanian deadlift'],
      ['Stiff-legged deadlift', 'Stiff-leg deadlift'],
      ['Trap Bar Deadlift', 'Trap-bar deadlift'],
      ['Deficit deadlift', 'Deficit deadlift'],
      ['Rack pulls', 'Rack pull'],
      ['Barbell Back Squat', 'Back squat'],
      ['Good Morning', 'Good morning'],
      ['Clean & Jerk', 'Clean and jerk'],
      ['KB swing', 'Kettlebell swing'],
      ['Indoor Row', 'Rowing erg'],
    ])('should know %j as the spinal-loading %j', async (name, expected) => {
      const found = matchExercise(name, await service.catalogue());
      expect([found?.definition.name, found?.definition.spinalLoading]).toEqual([expected, true]);
    });

    it.each([
      ['Plank', 'core'],
      ['deadbug', 'core'],
      ['back ext', 'core'],
      ['Stretch Cat Cow', 'warmUp'],
      ['Hamstring stretch', 'coolDown'],
    ] as const)('should know %j with the %s flag', async (name, flag) => {
      const found = matchExercise(name, await service.catalogue());
      expect(found?.definition[flag]).toBe(true);
      expect(found?.definition.spinalLoading).toBe(false);
    });

    it('should know common lifts as not spinal-loading and leave unknown ones unmatched', async () => {
      const catalogue = await service.catalogue();
      for (const name of ['Bench press', 'Lat pulldown', 'Goblet squat', 'Hip thrust', 'Leg press']) {
        expect([name, matchExercise(name, catalogue)?.definition.spinalLoading]).toEqual([name, false]);
      }
      expect(matchExercise('Jefferson curl', catalogue)).toBeNull();
      expect(matchExercise('Hack squat', catalogue)).toBeNull();
    });

    it('should seed idempotently: running the seed again adds nothing and keeps admin edits', async () => {
      const before: { n: number }[] = await t.dataSource.query('SELECT count(*)::int AS n FROM exercise_catalogue');
      await t.dataSource.query(`UPDATE exercise_catalogue SET notes = 'edited by an admin' WHERE name = 'Leg press'`);
      const seedOnly = { query: (sql: string) => (sql.startsWith('INSERT') ? t.dataSource.query(sql) : Promise.resolve()) } as unknown as QueryRunner;
      await new ExerciseCatalogue1795243651877().up(seedOnly);
      const after: { n: number }[] = await t.dataSource.query('SELECT count(*)::int AS n FROM exercise_catalogue');
      expect(after[0].n).toBe(before[0].n);
      const notes: { notes: string }[] = await t.dataSource.query(`SELECT notes FROM exercise_catalogue WHERE name = 'Leg press'`);
      expect(notes[0].notes).toBe('edited by an admin');
    });
  });

  describe('admin changes', () => {
    it('should create, update and delete an entry, and the cached catalogue should see each change', async () => {
      expect(await matched('Jefferson curl')).toBeNull();
      const created = await service.create({ name: 'Jefferson curl', aliases: ['JC'], spinalLoading: true, notes: 'Loaded spinal flexion.' });
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await matched('jefferson curls')).toBe('Jefferson curl');
      expect(await matched('JC')).toBe('Jefferson curl');

      const updated = await service.update(created.id, { spinalLoading: false, mobility: true, aliases: ['Jefferson flexion'] });
      expect([updated.spinalLoading, updated.mobility, updated.aliases, updated.notes]).toEqual([false, true, ['Jefferson flexion'], 'Loaded spinal flexion.']);
      expect(await matched('JC')).toBeNull();
      const found = matchExercise('Jefferson flexion', await service.catalogue());
      expect([found?.definition.name, found?.definition.spinalLoading, found?.definition.mobility]).toEqual(['Jefferson curl', false, true]);

      await service.remove(created.id);
      expect(await matched('Jefferson curl')).toBeNull();
      await expect(service.get(created.id)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });

    it('should list entries by name', async () => {
      const names = (await service.list()).map((e) => e.name);
      expect(names).toEqual([...names].sort());
      expect(names).toContain('Deadlift');
    });

    it('should require a category or an explicit none', async () => {
      await expect(service.create({ name: 'Cable fly' })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
      await expect(service.create({ name: 'Cable fly', core: true, none: true })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
      const fly = await service.create({ name: 'Cable fly', none: true });
      expect([fly.spinalLoading, fly.core, fly.warmUp, fly.coolDown, fly.mobility]).toEqual([false, false, false, false, false]);
      // A patch that leaves the categories alone keeps "none"; one that clears them must say so.
      expect((await service.update(fly.id, { notes: 'chest isolation' })).notes).toBe('chest isolation');
      const flagged = await service.update(fly.id, { core: true });
      await expect(service.update(flagged.id, { core: false })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
      expect((await service.update(flagged.id, { core: false, none: true })).core).toBe(false);
    });

    it('should keep names unique case-insensitively and across aliases', async () => {
      await expect(service.create({ name: 'DEADLIFT', spinalLoading: true })).rejects.toMatchObject({ code: ErrorCode.Conflict });
      await expect(service.create({ name: 'romanian deadlifts', spinalLoading: true })).rejects.toMatchObject({ code: ErrorCode.Conflict });
      await expect(service.create({ name: 'Stiff RDL', aliases: ['rdl'], spinalLoading: true })).rejects.toMatchObject({
        code: ErrorCode.Conflict,
        message: '"rdl" is already a name or alias of "Romanian deadlift"',
      });
      const plank = (await service.list()).find((e) => e.name === 'Side plank');
      await expect(service.update(plank!.id, { name: 'plank' })).rejects.toMatchObject({ code: ErrorCode.Conflict });
      // The database holds the line too, whoever writes.
      await expect(t.dataSource.query(`INSERT INTO exercise_catalogue (name, core) VALUES ('PLANK', true)`)).rejects.toThrow(/uq_exercise_catalogue_name_lower/);
    });

    it('should answer NotFound for an entry that does not exist', async () => {
      await expect(service.update('00000000-0000-4000-8000-000000000000', { core: true })).rejects.toMatchObject({ code: ErrorCode.NotFound });
      await expect(service.remove('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: ErrorCode.NotFound });
      await expect(service.remove('not-an-id')).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });

    it('should see a change made by another process once the cache expires', async () => {
      const clock = new FixedClock(new Date('2026-11-20T10:00:00Z'));
      const other = newService(clock);
      expect(await matched('Nordic curl', other)).toBeNull();
      await t.dataSource.query(`INSERT INTO exercise_catalogue (name, aliases) VALUES ('Nordic curl', '{}')`);
      clock.set(new Date(clock.now().getTime() + CATALOGUE_CACHE_TTL_MS - 1));
      expect(await matched('Nordic curl', other)).toBeNull();
      clock.set(new Date(clock.now().getTime() + 1));
      expect(await matched('Nordic curl', other)).toBe('Nordic curl');
    });
  });

  describe('unknown names', () => {
    it('should count unknown names and report those the catalogue still does not know', async () => {
      const since = new Date('2026-11-01T00:00:00Z');
      await service.recordUnmatched(['Zottman curl', 'zottman CURLS', 'Unknown exercise', 'Svend press'], undefined, new Date('2026-11-10T08:00:00Z'));
      await service.recordUnmatched(['Zottman curls'], undefined, new Date('2026-11-12T08:00:00Z'));
      await service.recordUnmatched(['Old name'], undefined, new Date('2026-10-01T08:00:00Z'));
      const report = await service.unknownNamesReport(since);
      expect(report.map((r) => [r.nameKey, r.name, r.count])).toEqual([
        ['zottman curl', 'Zottman curls', 2],
        ['svend press', 'Svend press', 1],
      ]);
      expect(report[0].firstSeenAt.toISOString()).toBe('2026-11-10T08:00:00.000Z');
      expect(report[0].lastSeenAt.toISOString()).toBe('2026-11-12T08:00:00.000Z');

      await service.create({ name: 'Svend press', none: true });
      expect((await service.unknownNamesReport(since)).map((r) => r.nameKey)).toEqual(['zottman curl']);
    });

    it('should not count names of a session whose transaction rolls back', async () => {
      await expect(
        t.dataSource.transaction(async (m) => {
          await service.recordUnmatched(['Landmine rotation'], m);
          throw new Error('session not stored');
        }),
      ).rejects.toThrow('session not stored');
      const rows: unknown[] = await t.dataSource.query(`SELECT 1 FROM unmatched_exercise_names WHERE name_key = 'landmine rotation'`);
      expect(rows).toHaveLength(0);
    });
  });

  describe('tagging with the stored catalogue', () => {
    let athlete: Athlete;

    beforeAll(async () => {
      const team = await t.roster.createTeam('exercise catalogue');
      athlete = await t.roster.createAthlete(team.id, { name: 'Lifter', timezone: 'UTC' });
      const store = t.app.get(SessionStore);
      const session = (externalId: string, day: string, exercises: { name: string; sets: { reps: number; kg?: number }[] }[]) =>
        t.dataSource.transaction((m) =>
          store.upsertSession(m, athlete, {
            provider: 'test',
            externalId,
            startTime: new Date(`${day}T17:00:00Z`),
            durationS: 3600,
            rpe: 7,
            exercises,
            sourceUpdatedAt: new Date(`${day}T18:00:00Z`),
          }),
        );
      await session('s1', '2026-10-01', [{ name: 'Barbell Deadlift', sets: [{ reps: 3, kg: 180 }] }, { name: 'RDL', sets: [{ reps: 8, kg: 100 }] }]);
      await session('s2', '2026-10-08', [{ name: 'Deadlift', sets: [{ reps: 1, kg: 190 }] }]);
      await session('s3', '2026-10-15', [{ name: 'Deadlift', sets: [{ reps: 1, kg: 230 }] }]);
    });

    it('should find the athlete\'s best e1RM from earlier sessions, leaving out the one being classified', async () => {
      const best = await t.dataSource.transaction((m) => service.bestE1rmBefore(m, athlete.id, new Date('2026-10-15T17:00:00Z'), { provider: 'test', externalId: 's3' }));
      expect(best.get('Deadlift')).toBeCloseTo(198, 6);
      expect(best.get('Romanian deadlift')).toBeCloseTo(126.667, 3);
      const later = await t.dataSource.transaction((m) => service.bestE1rmBefore(m, athlete.id, new Date('2026-10-20T00:00:00Z')));
      expect(later.get('Deadlift')).toBe(230);
      const tooEarly = await t.dataSource.transaction((m) => service.bestE1rmBefore(m, athlete.id, new Date('2026-10-20T00:00:00Z'), null, 3));
      expect(tooEarly.size).toBe(0);
    });

    it('should classify a session against the stored catalogue', async () => {
      const best = await t.dataSource.transaction((m) => service.bestE1rmBefore(m, athlete.id, new Date('2026-10-15T17:00:00Z')));
      const r = await service.classify(
        { exercises: [{ name: 'Easy jog', sets: [{ reps: 1 }] }, { name: 'Deadlift', sets: [{ reps: 1, kg: 190 }] }, { name: 'Plank', sets: [{ reps: 1 }] }, { name: 'Reverse hyper', sets: [{ reps: 10, kg: 40 }] }], tags: ['recovery'], rpe: 8 },
        best,
      );
      expect(r.tags).toEqual(['recovery', 'spinal-loading', 'core', 'warm-up', 'max-attempt']);
      expect(r.unknownExercises).toEqual(['Reverse hyper']);
      expect(r.maxAttempt?.exercise).toBe('Deadlift');
      expect(r.spinalTonnageKg).toBe(190);
    });
  });

  describe('module', () => {
    it('should provide the service through ExerciseCatalogueModule', async () => {
      const moduleRef = await Test.createTestingModule({ imports: [TypeOrmModule.forRoot(dataSourceOptions(t.config.databaseUrl)), ExerciseCatalogueModule] }).compile();
      try {
        const fromModule = moduleRef.get(ExerciseCatalogueService);
        expect(matchExercise('RDL', await fromModule.catalogue())?.definition.name).toBe('Romanian deadlift');
      } finally {
        await moduleRef.close();
      }
    });
  });
});
