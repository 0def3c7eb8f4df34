import { Injectable, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Clock, DomainError, ErrorCode, isUniqueViolation, SystemClock } from '@app/common';
import { ExerciseDefinitionInput, ExerciseDefinitionPatch, keyConflicts, ValidDefinition, validateDefinition } from './catalogue-validation';
import { ExerciseDefinition } from './exercise-definition.entity';
import { EXERCISE_FLAGS } from './exercise.types';
import { matchExercise, prepareCatalogue, type PreparedCatalogue } from './matcher';
import { normalizeExerciseName } from './normalize';
import { bestEstimatedOneRepMax } from './one-rep-max';
import { classifySession, type SessionClassification, type SessionToClassify } from './tagger';
import { UnmatchedExerciseName } from './unmatched-exercise-name.entity';

/** Serializes catalogue writes, so two admins cannot add the same alias to two entries at once. */
const CATALOGUE_WRITE_LOCK = 7_263_115_017;
/** Other processes (API vs worker) see a change within this time; this process sees it at once. */
export const CATALOGUE_CACHE_TTL_MS = 60_000;
/** Names that identify no movement ("Unknown exercise" is the Garmin adapter's placeholder): not worth reporting. */
const PLACEHOLDER_NAMES = new Set(['unknown exercise', 'unknown', 'exercise', 'other']);

export interface UnmatchedNameReportRow {
  name: string;
  nameKey: string;
  count: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** The exercise catalogue: admin CRUD, a cached catalogue for the session tagger, and the unknown-names report. */
@Injectable()
export class ExerciseCatalogueService {
  private cached: { catalogue: PreparedCatalogue<ExerciseDefinition>; loadedAt: number } | null = null;
  private loading: Promise<PreparedCatalogue<ExerciseDefinition>> | null = null;
  private generation = 0;

  constructor(
    @InjectRepository(ExerciseDefinition) private readonly definitions: Repository<ExerciseDefinition>,
    @InjectRepository(UnmatchedExerciseName) private readonly unmatched: Repository<UnmatchedExerciseName>,
    @Optional() private readonly clock: Clock = new SystemClock(),
  ) {}

  list(): Promise<ExerciseDefinition[]> {
    return this.definitions.find({ order: { name: 'ASC' } });
  }

  async get(id: string): Promise<ExerciseDefinition> {
    const found = isUuid(id) ? await this.definitions.findOneBy({ id }) : null;
    if (!found) throw new DomainError(ErrorCode.NotFound, `Exercise ${id} not found`);
    return found;
  }

  /** Adds an entry. Names and aliases must be new to the catalogue once normalized (so case-insensitively). */
  async create(input: ExerciseDefinitionInput): Promise<ExerciseDefinition> {
    const value = valid(input);
    return this.write(async (m) => {
      await this.assertNoConflict(m, value, null);
      const repo = m.getRepository(ExerciseDefinition);
      return repo.save(repo.create(value));
    });
  }

  /**
   * Changes an entry. Fields not given keep their value. A patch that clears every category must say none: true;
   * a patch that leaves the categories alone keeps them, even when there are none.
   */
  async update(id: string, patch: ExerciseDefinitionPatch): Promise<ExerciseDefinition> {
    const p: ExerciseDefinitionPatch = patch && typeof patch === 'object' ? patch : {};
    return this.write(async (m) => {
      const existing = isUuid(id) ? await m.findOne(ExerciseDefinition, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!existing) throw new DomainError(ErrorCode.NotFound, `Exercise ${id} not found`);
      const touchesFlags = p.none !== undefined || EXERCISE_FLAGS.some((f) => p[f] !== undefined);
      const merged: ExerciseDefinitionInput = {
        name: p.name ?? existing.name,
        aliases: p.aliases ?? existing.aliases,
        notes: p.notes !== undefined ? p.notes : existing.notes,
        ...Object.fromEntries(EXERCISE_FLAGS.map((f) => [f, p[f] ?? existing[f]])),
        none: touchesFlags ? p.none : EXERCISE_FLAGS.every((f) => !existing[f]),
      };
      const value = valid(merged);
      await this.assertNoConflict(m, value, existing.id);
      const repo = m.getRepository(ExerciseDefinition);
      return repo.save(repo.merge(existing, value));
    });
  }

  async remove(id: string): Promise<void> {
    const result = isUuid(id) ? await this.definitions.delete({ id }) : { affected: 0 };
    if (!result.affected) throw new DomainError(ErrorCode.NotFound, `Exercise ${id} not found`);
    this.invalidate();
  }

  /**
   * The catalogue prepared for matchExercise / classifySession, cached in this process: reloaded after a change
   * made through this service, and at least every CATALOGUE_CACHE_TTL_MS (changes made by another process).
   */
  catalogue(): Promise<PreparedCatalogue<ExerciseDefinition>> {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.loadedAt < CATALOGUE_CACHE_TTL_MS && now >= this.cached.loadedAt) return Promise.resolve(this.cached.catalogue);
    if (this.loading) return this.loading;
    const generation = this.generation;
    const loading = this.list()
      .then((rows) => {
        const catalogue = prepareCatalogue(rows);
        if (generation === this.generation) this.cached = { catalogue, loadedAt: now };
        return catalogue;
      })
      .finally(() => {
        if (this.loading === loading) this.loading = null;
      });
    this.loading = loading;
    return loading;
  }

  /** Drops the cached catalogue (the next catalogue() reads the table). */
  invalidate(): void {
    this.generation++;
    this.cached = null;
    this.loading = null;
  }

  /** classifySession with the cached catalogue. */
  async classify(session: SessionToClassify, athleteBestE1rm?: ReadonlyMap<string, number> | null): Promise<SessionClassification> {
    return classifySession(session, await this.catalogue(), athleteBestE1rm);
  }

  /**
   * The athlete's best e1RM per exercise (bestEstimatedOneRepMax keys) from the sessions that started in the
   * `lookbackDays` before `before`, leaving out one session (the one being classified, when it is re-delivered).
   */
  async bestE1rmBefore(
    manager: EntityManager,
    athleteId: string,
    before: Date,
    exclude?: { provider: string; externalId: string } | null,
    lookbackDays = 365,
  ): Promise<Map<string, number>> {
    const rows: { exercises: unknown }[] = await manager.query(
      `SELECT exercises FROM sessions
       WHERE athlete_id = $1 AND NOT deleted AND exercises IS NOT NULL
         AND start_time < $2 AND start_time >= $2::timestamptz - make_interval(days => $3)
         AND NOT (provider = $4 AND external_id = $5)`,
      [athleteId, before, lookbackDays, exclude?.provider ?? '', exclude?.externalId ?? ''],
    );
    const history = rows.flatMap((r) => (Array.isArray(r.exercises) ? (r.exercises as unknown[]) : []));
    return bestEstimatedOneRepMax(history, await this.catalogue());
  }

  /**
   * Counts logged names the catalogue did not know (classifySession's unknownExercises). Pass the caller's
   * transaction manager to count them only if the session is stored.
   */
  async recordUnmatched(names: readonly string[], manager?: EntityManager, at: Date = this.clock.now()): Promise<void> {
    const byKey = new Map<string, string>();
    for (const name of names) {
      if (typeof name !== 'string') continue;
      const key = normalizeExerciseName(name);
      if (key && !PLACEHOLDER_NAMES.has(key)) byKey.set(key, name.trim().slice(0, 200));
    }
    if (byKey.size === 0) return;
    const keys = [...byKey.keys()].sort(); // one lock order for every writer: no deadlocks between sessions
    await (manager ?? this.unmatched.manager).query(
      `INSERT INTO unmatched_exercise_names (name_key, name, seen_count, first_seen_at, last_seen_at)
       SELECT k, n, 1, $3, $3 FROM unnest($1::text[], $2::text[]) AS u(k, n)
       ON CONFLICT (name_key) DO UPDATE SET name = EXCLUDED.name, seen_count = unmatched_exercise_names.seen_count + 1,
         first_seen_at = LEAST(unmatched_exercise_names.first_seen_at, EXCLUDED.first_seen_at),
         last_seen_at = GREATEST(unmatched_exercise_names.last_seen_at, EXCLUDED.last_seen_at)`,
      [keys, keys.map((k) => byKey.get(k)), at],
    );
  }

  /** Names seen since `since` that the catalogue still does not know, most seen first. */
  async unknownNamesReport(since: Date): Promise<UnmatchedNameReportRow[]> {
    const rows = await this.unmatched
      .createQueryBuilder('u')
      .where('u.lastSeenAt >= :since', { since })
      .orderBy('u.seenCount', 'DESC')
      .addOrderBy('u.lastSeenAt', 'DESC')
      .addOrderBy('u.nameKey', 'ASC')
      .getMany();
    const catalogue = await this.catalogue();
    return rows
      .filter((r) => matchExercise(r.name, catalogue) === null)
      .map((r) => ({ name: r.name, nameKey: r.nameKey, count: r.seenCount, firstSeenAt: r.firstSeenAt, lastSeenAt: r.lastSeenAt }));
  }

  private async write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.definitions.manager.transaction(async (m) => {
        await m.query('SELECT pg_advisory_xact_lock($1)', [CATALOGUE_WRITE_LOCK]);
        return work(m);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(ErrorCode.Conflict, 'An exercise with this name already exists');
      }
      throw error;
    } finally {
      this.invalidate();
    }
  }

  private async assertNoConflict(m: EntityManager, value: ValidDefinition, exceptId: string | null): Promise<void> {
    const others = (await m.find(ExerciseDefinition)).filter((d) => d.id !== exceptId);
    const conflicts = keyConflicts(value, others);
    if (conflicts.length > 0) throw new DomainError(ErrorCode.Conflict, conflicts.join('; '), { conflicts });
  }
}

function valid(input: unknown): ValidDefinition {
  const result = validateDefinition(input);
  if (!result.ok) throw new DomainError(ErrorCode.ValidationFailed, result.errors.join('; '), { errors: result.errors });
  return result.value;
}

function isUuid(id: unknown): id is string {
  return typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
