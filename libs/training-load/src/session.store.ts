import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { returnedRows } from '@app/common';
import { Athlete } from '@app/roster';
import { localDate, sessionLoad, sessionTrimp, sessionTss } from './calc';
import { ExerciseCatalogueService } from './exercises';
import type { Exercise, LoadMethod } from './entities';

export interface SessionInput {
  provider: string;
  externalId: string;
  startTime: Date;
  durationS: number;
  movingTimeS?: number | null;
  sport?: string | null;
  distanceM?: number | null;
  avgHr?: number | null;
  maxHr?: number | null;
  rpe?: number | null;
  hrSamples?: { t: number; hr: number | null }[] | null;
  hrZoneSeconds?: number[] | null;
  powerSamples?: (number | null)[] | null;
  avgPower?: number | null;
  normalizedPower?: number | null;
  exercises?: Exercise[] | null;
  tags?: string[];
  sourceUpdatedAt: Date;
}

export interface RecoveryInput {
  date: string;
  source: string;
  restingHr?: number | null;
  hrvRmssd?: number | null;
  sleepS?: number | null;
}

export interface SelfReportInput {
  date: string;
  wellness?: object | null;
  backPain?: number | null;
  backPainRegion?: string | null;
  redFlags?: string[];
  didNotWearDevice?: boolean;
  illness?: boolean;
}

/**
 * Writes normalized data, inside the caller's transaction. Each method returns the earliest local day whose
 * metrics changed (null when nothing changed, e.g. an older version of a session arrived after a newer one).
 */
/**
 * Two versions of one session written at once (two workers, two deliveries) must not both read the day it was on
 * before either wrote: the later would miss the day the earlier moved it from, and that day would keep a stale
 * load. Writers of one session take turns; the day read after the lock is the committed one.
 */
async function lockSession(manager: EntityManager, provider: string, externalId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7265))`, [`${provider}\n${externalId}`]);
}

/** What a writer that already holds the session locks (see SessionStore.lockSessions) passes, to skip taking them again. */
export interface SessionWriteOptions {
  sessionsLocked?: boolean;
  /** What SessionStore.known read for these sessions (under their locks); each entry is used once, then read again. */
  known?: Map<string, KnownSession>;
}

/** A session's tombstone and the athlete's own rating of it, as the upsert needs them. */
export interface KnownSession {
  tombstone_at: Date | null;
  athlete_rpe: number | null;
}

const sessionKey = (provider: string, externalId: string) => `${provider}\n${externalId}`;

const UPSERT_COLUMNS = `athlete_id, provider, external_id, local_date, start_time, duration_s, moving_time_s, sport, distance_m, avg_hr, max_hr, rpe,
  exercises, tags, load, load_method, deleted, source_updated_at, trimp, tss, hr_zone_seconds, avg_power, normalized_power`;

// A newer version wins (deletions included); a session never moves to another athlete.
const ON_CONFLICT = `ON CONFLICT (provider, external_id) DO UPDATE SET
  local_date = EXCLUDED.local_date, start_time = EXCLUDED.start_time, duration_s = EXCLUDED.duration_s,
  moving_time_s = EXCLUDED.moving_time_s, sport = EXCLUDED.sport, distance_m = EXCLUDED.distance_m,
  avg_hr = EXCLUDED.avg_hr, max_hr = EXCLUDED.max_hr, rpe = EXCLUDED.rpe, exercises = EXCLUDED.exercises,
  tags = EXCLUDED.tags, load = EXCLUDED.load, load_method = EXCLUDED.load_method, deleted = false,
  source_updated_at = EXCLUDED.source_updated_at, trimp = EXCLUDED.trimp, tss = EXCLUDED.tss,
  hr_zone_seconds = EXCLUDED.hr_zone_seconds, avg_power = EXCLUDED.avg_power,
  normalized_power = EXCLUDED.normalized_power, updated_at = now()
WHERE sessions.athlete_id = EXCLUDED.athlete_id AND sessions.source_updated_at <= EXCLUDED.source_updated_at`;

interface PreparedUpsert {
  row: {
    athlete_id: string;
    provider: string;
    external_id: string;
    local_date: string;
    start_time: Date;
    duration_s: number;
    moving_time_s: number | null;
    sport: string | null;
    distance_m: number | null;
    avg_hr: number | null;
    max_hr: number | null;
    rpe: number | null;
    exercises: Exercise[] | null;
    tags: string[];
    load: number;
    load_method: LoadMethod;
    source_updated_at: Date;
    trimp: number | null;
    tss: number | null;
    hr_zone_seconds: number[] | null;
    avg_power: number | null;
    normalized_power: number | null;
  };
  unknownExercises: Parameters<ExerciseCatalogueService['recordUnmatched']>[0];
}

/** Sessions whose max attempts are judged against the athlete's earlier best 1RM. */
export const hasLoadedExercises = (input: Pick<SessionInput, 'exercises'>): boolean => input.exercises?.some((e) => e.sets.some((set) => (set.kg ?? 0) > 0)) ?? false;

/** The earliest day an upsert changed: the day it moved from, if earlier. */
const changedFrom = ({ previous_date, local_date }: { previous_date: string | null; local_date: string }) =>
  previous_date && previous_date < local_date ? previous_date : local_date;

@Injectable()
export class SessionStore {
  constructor(private readonly exercises: ExerciseCatalogueService) {}

  /**
   * Takes the write locks of many sessions at once, in a fixed order (two batches never wait on each other in a
   * cycle); then pass `{ sessionsLocked: true }` to the writes. Keys: provider and external id.
   */
  async lockSessions(manager: EntityManager, keys: { provider: string; externalId: string }[]): Promise<void> {
    const texts = [...new Set(keys.map((k) => `${k.provider}\n${k.externalId}`))].sort();
    if (texts.length === 0) return;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended(k, 7265)) FROM unnest($1::text[]) AS k ORDER BY k`, [texts]);
  }

  /** What upsertSession reads first, for many sessions at once (take their locks before): pass it as `known`. */
  async known(manager: EntityManager, keys: { provider: string; externalId: string }[]): Promise<Map<string, KnownSession>> {
    const out = new Map<string, KnownSession>();
    if (keys.length === 0) return out;
    const rows: (KnownSession & { provider: string; external_id: string })[] = await manager.query(
      `SELECT k.provider, k.external_id,
              (SELECT deleted_at FROM session_tombstones t WHERE t.provider = k.provider AND t.external_id = k.external_id) AS tombstone_at,
              (SELECT athlete_rpe FROM sessions s WHERE s.provider = k.provider AND s.external_id = k.external_id) AS athlete_rpe
       FROM unnest($1::text[], $2::text[]) AS k(provider, external_id)`,
      [keys.map((k) => k.provider), keys.map((k) => k.externalId)],
    );
    for (const r of rows) out.set(sessionKey(r.provider, r.external_id), { tombstone_at: r.tombstone_at, athlete_rpe: r.athlete_rpe });
    return out;
  }

  async upsertSession(manager: EntityManager, athlete: Athlete, input: SessionInput, options: SessionWriteOptions = {}): Promise<string | null> {
    if (!options.sessionsLocked) await lockSession(manager, input.provider, input.externalId);
    const prepared = await this.prepareUpsert(manager, athlete, input, options);
    if (!prepared) return null;
    const r = prepared.row;
    const rows: { previous_date: string | null; local_date: string }[] = await manager.query(
      `WITH previous AS (
         SELECT local_date FROM sessions WHERE provider = $2 AND external_id = $3
       )
       INSERT INTO sessions (${UPSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, false, $17, $18, $19, $20, $21, $22)
       ${ON_CONFLICT}
       RETURNING (SELECT local_date::text FROM previous) AS previous_date, local_date::text`,
      [
        r.athlete_id, r.provider, r.external_id, r.local_date, r.start_time, r.duration_s, r.moving_time_s, r.sport, r.distance_m, r.avg_hr, r.max_hr, r.rpe,
        r.exercises === null ? null : JSON.stringify(r.exercises), r.tags, r.load, r.load_method, r.source_updated_at, r.trimp, r.tss, r.hr_zone_seconds, r.avg_power,
        r.normalized_power,
      ],
    );
    if (rows.length === 0) return null;
    if (prepared.unknownExercises.length > 0) await this.exercises.recordUnmatched(prepared.unknownExercises, manager);
    return changedFrom(rows[0]);
  }

  /**
   * upsertSession for many sessions in one statement: each session at most once, its lock already held, and no
   * loaded exercises (their best-1RM read must see the earlier sessions' writes: write those one by one). Returns
   * one day (or null) per item, in order.
   */
  async upsertSessionsBulk(manager: EntityManager, items: { athlete: Athlete; input: SessionInput }[], options: SessionWriteOptions): Promise<(string | null)[]> {
    const prepared = [];
    for (const { athlete, input } of items) {
      if (hasLoadedExercises(input)) throw new Error('upsertSessionsBulk takes no sessions with loaded exercises');
      prepared.push(await this.prepareUpsert(manager, athlete, input, options));
    }
    const rows = prepared.flatMap((p) => (p ? [{ ...p.row, start_time: p.row.start_time.toISOString(), source_updated_at: p.row.source_updated_at.toISOString() }] : []));
    const written = new Map<string, string | null>();
    if (rows.length > 0) {
      const returned: { provider: string; external_id: string; previous_date: string | null; local_date: string }[] = await manager.query(
        `WITH r AS (
           SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(athlete_id uuid, provider text, external_id text, local_date date, start_time timestamptz,
             duration_s integer, moving_time_s integer, sport text, distance_m float8, avg_hr smallint, max_hr smallint, rpe real, exercises jsonb,
             tags text[], load float8, load_method text, source_updated_at timestamptz, trimp float8, tss float8, hr_zone_seconds integer[],
             avg_power real, normalized_power real)
         ), previous AS (
           SELECT s.provider, s.external_id, s.local_date FROM sessions s JOIN r ON r.provider = s.provider AND r.external_id = s.external_id
         ), up AS (
           INSERT INTO sessions (${UPSERT_COLUMNS})
           SELECT athlete_id, provider, external_id, local_date, start_time, duration_s, moving_time_s, sport, distance_m, avg_hr, max_hr, rpe, exercises,
                  tags, load, load_method, false, source_updated_at, trimp, tss, hr_zone_seconds, avg_power, normalized_power FROM r
           ${ON_CONFLICT}
           RETURNING provider, external_id, local_date
         )
         SELECT up.provider, up.external_id, p.local_date::text AS previous_date, up.local_date::text AS local_date
         FROM up LEFT JOIN previous p ON p.provider = up.provider AND p.external_id = up.external_id`,
        [JSON.stringify(rows)],
      );
      for (const r of returned) written.set(sessionKey(r.provider, r.external_id), changedFrom(r));
      const unknown = prepared.flatMap((p) => (p && written.has(sessionKey(p.row.provider, p.row.external_id)) ? p.unknownExercises : []));
      if (unknown.length > 0) await this.exercises.recordUnmatched(unknown, manager);
    }
    return items.map(({ input }) => written.get(sessionKey(input.provider, input.externalId)) ?? null);
  }

  /** The row an upsert writes (null when a deletion as new or newer came first). Reads; the caller holds the lock. */
  private async prepareUpsert(manager: EntityManager, athlete: Athlete, input: SessionInput, options: SessionWriteOptions): Promise<PreparedUpsert | null> {
    // One read for both: a tombstone (a deletion that came first), and the athlete's own rating of this session
    // (given earlier, through the API), which wins over the platform's.
    const key = sessionKey(input.provider, input.externalId);
    const prefetched = options.known?.get(key);
    options.known?.delete(key); // this write may change both: a second write of the session in the batch reads again
    const [known]: KnownSession[] = prefetched
      ? [prefetched]
      : await manager.query(
          `SELECT (SELECT deleted_at FROM session_tombstones WHERE provider = $1 AND external_id = $2) AS tombstone_at,
                  (SELECT athlete_rpe FROM sessions WHERE provider = $1 AND external_id = $2) AS athlete_rpe`,
          [input.provider, input.externalId],
        );
    if (known.tombstone_at !== null && (await this.supersededByTombstone(manager, input.provider, input.externalId, input.sourceUpdatedAt, known.tombstone_at))) return null;
    const rpe = known.athlete_rpe ?? input.rpe ?? null;
    // The SPEC chain: sRPE, else TRIMP through the athlete's fit, else estimated. TRIMP and TSS are kept either way.
    const { load, method } = sessionLoad({ ...input, rpe }, athlete, athlete.loadCalibration ?? null);
    // Tags from the exercise catalogue (spinal-loading, core, warm-up …) and max attempts against the athlete's
    // best estimated 1RM before this session.
    const best = hasLoadedExercises(input)
      ? await this.exercises.bestE1rmBefore(manager, athlete.id, input.startTime, { provider: input.provider, externalId: input.externalId })
      : undefined;
    const tagging = await this.exercises.classify({ exercises: input.exercises ?? [], tags: input.tags ?? [], rpe }, best);
    return {
      unknownExercises: tagging.unknownExercises,
      row: {
        athlete_id: athlete.id,
        provider: input.provider,
        external_id: input.externalId,
        local_date: localDate(input.startTime, athlete.timezone),
        start_time: input.startTime,
        duration_s: input.durationS,
        moving_time_s: input.movingTimeS ?? null,
        sport: input.sport ?? null,
        distance_m: input.distanceM ?? null,
        avg_hr: input.avgHr ?? null,
        max_hr: input.maxHr ?? null,
        rpe: input.rpe ?? null,
        exercises: input.exercises ?? null,
        tags: tagging.tags,
        load,
        load_method: method satisfies LoadMethod,
        source_updated_at: input.sourceUpdatedAt,
        trimp: sessionTrimp(input, athlete),
        tss: sessionTss(input, athlete),
        hr_zone_seconds: input.hrZoneSeconds ?? null,
        avg_power: input.avgPower ?? null,
        normalized_power: input.normalizedPower ?? null,
      },
    };
  }

  /** The athlete rates a session (after the fact too): the load becomes sRPE. Returns its day, or null if not theirs. */
  async rateSession(manager: EntityManager, athlete: Athlete, sessionId: string, rpe: number): Promise<string | null> {
    const [key] = await manager.query(`SELECT provider, external_id FROM sessions WHERE id = $1 AND athlete_id = $2`, [sessionId, athlete.id]);
    if (!key) return null;
    // An upsert of this session holds its lock from reading the athlete's rating to writing the load: rating in
    // between would leave a load computed without it. Take turns with it, then read what it wrote.
    await lockSession(manager, key.provider, key.external_id);
    const [s] = await manager.query(`SELECT duration_s, moving_time_s, local_date::text FROM sessions WHERE id = $1 AND athlete_id = $2 AND NOT deleted`, [
      sessionId,
      athlete.id,
    ]);
    if (!s) return null;
    const { load, method } = sessionLoad({ durationS: s.duration_s, movingTimeS: s.moving_time_s, rpe }, athlete, athlete.loadCalibration ?? null);
    await manager.query(`UPDATE sessions SET athlete_rpe = $2, load = $3, load_method = $4, updated_at = now() WHERE id = $1`, [sessionId, rpe, load, method]);
    return s.local_date;
  }

  async deleteSession(manager: EntityManager, athlete: Athlete, provider: string, externalId: string, at: Date, options: SessionWriteOptions = {}): Promise<string | null> {
    if (!options.sessionsLocked) await lockSession(manager, provider, externalId);
    options.known?.delete(sessionKey(provider, externalId));
    // A later deletion still raises the stored version when the session is already deleted, so an older update
    // that arrives after it cannot bring the session back. Only a live session's day needs a recompute.
    const rows = returnedRows<{ local_date: string; was_deleted: boolean }>(await manager.query(
      `WITH old AS (
         SELECT id, deleted FROM sessions WHERE provider = $1 AND external_id = $2 AND athlete_id = $3 AND source_updated_at <= $4 FOR UPDATE
       )
       UPDATE sessions s SET deleted = true, source_updated_at = $4, updated_at = now() FROM old WHERE s.id = old.id
       RETURNING s.local_date::text AS local_date, old.deleted AS was_deleted`,
      [provider, externalId, athlete.id, at],
    ));
    if (rows.length === 0) await this.rememberDeletion(manager, provider, externalId, at);
    return rows[0] && !rows[0].was_deleted ? rows[0].local_date : null;
  }

  /** True when a deletion as new as this version or newer came first; a newer version clears the tombstone. */
  private async supersededByTombstone(manager: EntityManager, provider: string, externalId: string, version: Date, deletedAt: Date): Promise<boolean> {
    if (new Date(deletedAt).getTime() >= version.getTime()) return true;
    await manager.query(`DELETE FROM session_tombstones WHERE provider = $1 AND external_id = $2`, [provider, externalId]);
    return false;
  }

  /** A deletion of a session never stored (it arrived first): remembered, so the older create is ignored later. */
  private async rememberDeletion(manager: EntityManager, provider: string, externalId: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO session_tombstones (provider, external_id, deleted_at) SELECT $1, $2, $3
       WHERE NOT EXISTS (SELECT 1 FROM sessions WHERE provider = $1 AND external_id = $2)
       ON CONFLICT (provider, external_id) DO UPDATE SET deleted_at = GREATEST(session_tombstones.deleted_at, EXCLUDED.deleted_at)`,
      [provider, externalId, at],
    );
  }

  /** Marks deleted the platform's sessions of one local day that the platform no longer lists. */
  async deleteSessionsOfDayExcept(manager: EntityManager, athlete: Athlete, provider: string, day: string, keep: string[], at: Date): Promise<string | null> {
    const rows = returnedRows<{ local_date: string }>(
      await manager.query(
        `UPDATE sessions SET deleted = true, source_updated_at = $5, updated_at = now()
         WHERE athlete_id = $1 AND provider = $2 AND local_date = $3 AND NOT deleted AND NOT (external_id = ANY($4::text[]))
           AND source_updated_at <= $5
         RETURNING local_date::text`,
        [athlete.id, provider, day, keep, at],
      ),
    );
    return rows[0]?.local_date ?? null;
  }

  /** Platforms send a day's markers in pieces (sleep, then HRV, then resting HR): a piece never erases another. */
  async upsertRecovery(manager: EntityManager, athlete: Athlete, input: RecoveryInput): Promise<string> {
    await manager.query(
      `INSERT INTO daily_recovery (athlete_id, date, source, resting_hr, hrv_rmssd, sleep_s) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (athlete_id, date, source) DO UPDATE SET resting_hr = COALESCE(EXCLUDED.resting_hr, daily_recovery.resting_hr),
         hrv_rmssd = COALESCE(EXCLUDED.hrv_rmssd, daily_recovery.hrv_rmssd), sleep_s = COALESCE(EXCLUDED.sleep_s, daily_recovery.sleep_s),
         updated_at = now()`,
      [athlete.id, input.date, input.source, input.restingHr ?? null, input.hrvRmssd ?? null, input.sleepS ?? null],
    );
    return input.date;
  }

  async upsertSelfReport(manager: EntityManager, athlete: Athlete, input: SelfReportInput): Promise<string> {
    await manager.query(
      `INSERT INTO self_reports (athlete_id, date, wellness, back_pain, back_pain_region, red_flags, did_not_wear_device, illness)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (athlete_id, date) DO UPDATE SET wellness = EXCLUDED.wellness, back_pain = EXCLUDED.back_pain,
         back_pain_region = EXCLUDED.back_pain_region, red_flags = EXCLUDED.red_flags,
         did_not_wear_device = EXCLUDED.did_not_wear_device, illness = EXCLUDED.illness, updated_at = now()`,
      [
        athlete.id,
        input.date,
        input.wellness ? JSON.stringify(input.wellness) : null,
        input.backPain ?? null,
        input.backPainRegion ?? null,
        input.redFlags ?? [],
        input.didNotWearDevice ?? false,
        input.illness ?? false,
      ],
    );
    return input.date;
  }
}
