import { Athlete } from '@app/roster';
import { addDays, AthleteInputService, localDate, SessionStore } from '@app/training-load';
import { startTestApp, TestApp } from '../setup/test-app';

// Platforms deliver out of order: the newest version of a session wins, deletions included.
describe('session versions', () => {
  let t: TestApp;
  let store: SessionStore;
  let athlete: Athlete;
  const version = (n: number) => new Date(1_800_000_000_000 + n * 1000);
  const day = () => addDays(localDate(new Date(), 'UTC'), -2);

  beforeAll(async () => {
    t = await startTestApp();
    await t.relay.pause();
    store = t.app.get(SessionStore);
    const team = await t.roster.createTeam('versions');
    athlete = await t.roster.createAthlete(team.id, { name: 'Ver Sion', timezone: 'UTC' });
  });

  afterAll(async () => {
    await t?.close();
  });

  const upsert = (externalId: string, n: number) =>
    t.dataSource.transaction((m) => store.upsertSession(m, athlete, { provider: 'test', externalId, startTime: new Date(`${day()}T08:00:00Z`), durationS: 1800 + n, rpe: 5, sourceUpdatedAt: version(n) }));
  const remove = (externalId: string, n: number) => t.dataSource.transaction((m) => store.deleteSession(m, athlete, 'test', externalId, version(n)));
  const stateOf = async (externalId: string) =>
    (await t.dataSource.query(`SELECT deleted, duration_s FROM sessions WHERE external_id = $1`, [externalId]))[0] as { deleted: boolean; duration_s: number };

  it('should keep a session deleted when an older update arrives after a second, newer deletion', async () => {
    await upsert('s1', 1);
    expect(await remove('s1', 5)).toBe(day());
    expect(await remove('s1', 9)).toBeNull(); // already deleted: nothing to recompute, but the version rises
    await upsert('s1', 7);
    expect(await stateOf('s1')).toMatchObject({ deleted: true });
    await upsert('s1', 10);
    expect(await stateOf('s1')).toEqual({ deleted: false, duration_s: 1810 });
  });

  it('should ignore a deletion older than the stored version', async () => {
    await upsert('s2', 8);
    expect(await remove('s2', 3)).toBeNull();
    expect(await stateOf('s2')).toEqual({ deleted: false, duration_s: 1808 });
  });

  it('should remember a deletion that arrives before its session, and let only a newer version bring it back', async () => {
    expect(await remove('s3', 6)).toBeNull();
    expect(await upsert('s3', 4)).toBeNull(); // the create, older than the deletion: ignored
    expect(await stateOf('s3')).toBeUndefined();
    expect(await upsert('s3', 6)).toBeNull(); // as new as the deletion: still deleted
    expect(await upsert('s3', 7)).toBe(day()); // newer: the session exists, the tombstone is gone
    expect(await stateOf('s3')).toEqual({ deleted: false, duration_s: 1807 });
    expect(await t.dataSource.query(`SELECT 1 FROM session_tombstones WHERE external_id = 's3'`)).toEqual([]);
  });

  it('should make a rating wait for an upsert of the same session in flight, and keep the rating in the load', async () => {
    await upsert('s5', 0); // 30 min at the platform's RPE 5
    const [{ id }] = await t.dataSource.query(`SELECT id FROM sessions WHERE external_id = 's5'`);
    let rating: Promise<unknown> = Promise.resolve();
    let rated = false;
    await t.dataSource.transaction(async (m) => {
      // An upsert holds the session's lock from reading the athlete's rating to writing its load.
      await store.lockSessions(m, [{ provider: 'test', externalId: 's5' }]);
      rating = t.app.get(AthleteInputService).rateSession(athlete.id, id, 9).then(() => (rated = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(rated).toBe(false);
      await m.query(`UPDATE sessions SET load = 150, load_method = 'srpe' WHERE id = $1`, [id]); // the upsert's write, rated 5
    });
    await rating;
    const [stored] = await t.dataSource.query(`SELECT athlete_rpe, load FROM sessions WHERE id = $1`, [id]);
    expect(stored).toEqual({ athlete_rpe: 9, load: 270 }); // 30 min × the athlete's 9
  });

  it('should leave no tombstone when the deletion is older than a stored session', async () => {
    await upsert('s4', 9);
    expect(await remove('s4', 2)).toBeNull();
    expect(await t.dataSource.query(`SELECT 1 FROM session_tombstones WHERE external_id = 's4'`)).toEqual([]);
  });
});
