import fc from 'fast-check';
import { Athlete } from '@app/roster';
import { addDays, LoadRecomputeService, localDate, SessionStore } from '@app/training-load';
import { startTestApp, TestApp } from '../setup/test-app';

// SPEC §4: recomputing from the changed day forward gives exactly the numbers of a full recompute.
describe('incremental recompute', () => {
  let t: TestApp;
  let store: SessionStore;
  let recompute: LoadRecomputeService;

  beforeAll(async () => {
    t = await startTestApp();
    await t.relay.pause(); // the test drives recomputes itself
    store = t.app.get(SessionStore);
    recompute = t.app.get(LoadRecomputeService);
  });

  afterAll(async () => {
    await t?.close();
  });

  const COLUMNS = `date::text, load, state, acute7, chronic28, acwr_rac, acwr_rau, acwr_ewma, ewma_acute, ewma_chronic, monotony, strain,
    ctl, atl, form, ramp, rest_day_ratio7, rest_day_ratio28, streak, week_over_week, coverage28, acute_sum, chronic_sum, uncoupled_sum, week_sum`;
  const rowsOf = (athleteId: string) => t.dataSource.query(`SELECT ${COLUMNS} FROM daily_metrics WHERE athlete_id = $1 ORDER BY date`, [athleteId]);

  async function newAthlete(): Promise<Athlete> {
    const team = await t.roster.createTeam('incremental');
    return t.roster.createAthlete(team.id, { name: 'Inc', timezone: 'UTC' });
  }

  type Op = { kind: 'upsert'; id: number; daysAgo: number; rpe: number; minutes: number } | { kind: 'delete'; id: number };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('upsert' as const), id: fc.nat(14), daysAgo: fc.nat(70), rpe: fc.integer({ min: 1, max: 10 }), minutes: fc.integer({ min: 10, max: 150 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), id: fc.nat(14) }) },
  );

  async function apply(athlete: Athlete, op: Op, version: number): Promise<string | null> {
    const today = localDate(new Date(), 'UTC');
    return t.dataSource.transaction((m) =>
      op.kind === 'upsert'
        ? store.upsertSession(m, athlete, {
            provider: 'test',
            externalId: `${athlete.id}-${op.id}`,
            startTime: new Date(`${addDays(today, -op.daysAgo)}T09:00:00Z`),
            durationS: op.minutes * 60,
            rpe: op.rpe,
            sourceUpdatedAt: new Date(1_800_000_000_000 + version),
          })
        : store.deleteSession(m, athlete, 'test', `${athlete.id}-${op.id}`, new Date(1_800_000_000_000 + version)),
    );
  }

  it('should store the same rows after any sequence of edits and deletions as a full recompute', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        const incremental = await newAthlete();
        for (const [i, op] of ops.entries()) {
          const changed = await apply(incremental, op, i);
          if (changed) await recompute.recompute(incremental.id, changed, `op-${i}`);
        }
        const full = await newAthlete();
        for (const [i, op] of ops.entries()) await apply(full, op, i);
        await recompute.recompute(full.id, '1970-01-01', 'full');
        expect(await rowsOf(incremental.id)).toEqual(await rowsOf(full.id));
      }),
      { numRuns: 12 },
    );
  });

  it('should resume from stored rows (not start over) when a recent day changes', async () => {
    const athlete = await newAthlete();
    for (let d = 60; d >= 1; d -= 2) await apply(athlete, { kind: 'upsert', id: d, daysAgo: d, rpe: 5, minutes: 60 }, d);
    const first = await recompute.recompute(athlete.id, '1970-01-01', 'seed');
    expect(first).toMatchObject({ incremental: false });
    const changed = await apply(athlete, { kind: 'upsert', id: 999, daysAgo: 0, rpe: 7, minutes: 45 }, 1000);
    const second = await recompute.recompute(athlete.id, changed as string, 'today');
    expect(second).toMatchObject({ incremental: true, from: localDate(new Date(), 'UTC'), rows: 1 });
  });
});
