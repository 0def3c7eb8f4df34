// Data for bench/pipeline.bench.ts: the bench database (dropped and migrated per run), the team, its Standard Webhooks
// integration and athletes, the already-processed history the latency run starts from, and the webhook bodies.
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@app/config';
import { runMigrations } from '@app/database';
import { IngestionModule, IntegrationService } from '@app/ingestion';
import { PlatformModule } from '@app/platform';
import { QueueModule } from '@app/queue';
import { addDays, LoadRecomputeService } from '@app/training-load';

export async function resetDatabase(url: string): Promise<void> {
  const admin = new Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
  await runMigrations(url, { log: () => undefined } as never);
}

/**
 * The environment every child process gets, and from which this process builds its own configuration: the same
 * APP_SECRET matters, since the integration secret is sealed here and opened by the API.
 */
export function childEnvironment(vars: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', MIGRATE_ON_BOOT: 'false', LOG_LEVEL: 'warn' };
  for (const [key, value] of Object.entries(vars)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** A Nest context in this process (no HTTP, no relay, no consumers), to create the integration and seed history. */
export async function openContext(env: NodeJS.ProcessEnv): Promise<{ app: INestApplicationContext; config: AppConfig; ds: DataSource }> {
  const config = loadConfig(env);
  @Module({ imports: [PlatformModule.forRoot(config), QueueModule.forRoot({ relay: false }), IngestionModule] })
  class BenchRoot {}
  const app = await NestFactory.createApplicationContext(BenchRoot, { logger: false });
  return { app, config, ds: app.get(DataSource) };
}

export interface Team {
  teamId: string;
  /** The `whsec_…` secret the webhooks are signed with. */
  secret: string;
  /** `standard:<integrationId>`: the provider of the sessions those webhooks create. */
  provider: string;
  athleteIds: string[];
}

/** One team, its Standard Webhooks integration (IntegrationService, as the admin API creates it) and `count` athletes in UTC. */
export async function createTeam(app: INestApplicationContext, count: number): Promise<Team> {
  const ds = app.get(DataSource);
  const [team] = await ds.query(`INSERT INTO teams (name) VALUES ('Pipeline Bench') RETURNING id`);
  const { integration, secret } = await app.get(IntegrationService).create(team.id, 'pipeline bench');
  const athletes: { id: string }[] = await ds.query(
    `INSERT INTO athletes (team_id, name, timezone) SELECT $1, 'Athlete ' || lpad(g::text, 5, '0'), 'UTC' FROM generate_series(1, $2) g ORDER BY g RETURNING id`,
    [team.id, count],
  );
  return { teamId: team.id, secret, provider: `standard:${integration.id}`, athleteIds: athletes.map((a) => a.id) };
}

/** Athlete n rests when (n + daysAgo) % 7 is 0 or 3: five sessions a week, rest days spread over the week. */
export const trainsOn = (athleteIndex: number, daysAgo: number): boolean => ![0, 3].includes((athleteIndex + daysAgo) % 7);

/** The external id of athlete n's seeded session `daysAgo` days before today, as its webhooks would name it. */
export const seedExternalId = (athleteIndex: number, daysAgo: number): string => `seed-${athleteIndex}-${daysAgo}`;

/**
 * `days` days of steady training (45–75 min, RPE 4–6) ending today, already processed: sessions written as the
 * normalizer writes them (provider `standard:<integration>`, so later webhooks update them), then every athlete
 * recomputed in batches, as a worker would. The recompute also queues each athlete's alert evaluation (outbox).
 */
export async function seedHistory(app: INestApplicationContext, team: Team, days: number, today: string): Promise<void> {
  const ds = app.get(DataSource);
  await ds.query(
    `INSERT INTO sessions (athlete_id, provider, external_id, local_date, start_time, duration_s, rpe, load, load_method, source_updated_at)
     SELECT a.id, $2, 'seed-' || (a.n - 1) || '-' || d, $3::date - d, ($3::date - d) + time '07:00', duration_s, rpe, duration_s / 60.0 * rpe, 'srpe', now() - interval '1 day'
     FROM unnest($1::uuid[]) WITH ORDINALITY AS a(id, n), generate_series(0, $4 - 1) AS d,
          LATERAL (SELECT 2700 + 600 * ((a.n + d) % 4) AS duration_s, 4 + (a.n + 2 * d) % 3 AS rpe) v
     WHERE (a.n - 1 + d) % 7 NOT IN (0, 3)`,
    [team.athleteIds, team.provider, today, days],
  );
  const recompute = app.get(LoadRecomputeService);
  for (let i = 0; i < team.athleteIds.length; i += 50) {
    await recompute.recomputeMany(team.athleteIds.slice(i, i + 50), addDays(today, -days), 'bench-seed');
  }
  // A database in service has planner statistics (autovacuum keeps them); a freshly bulk-loaded one has none, and
  // the planner would read whole tables where it should use the athlete indexes.
  await ds.query('VACUUM ANALYZE');
}

/** A session of athlete `athleteId` on `date` at 07:00 UTC; later sends with the same externalId update it. */
export function sessionEvent(athleteId: string, externalId: string, date: string, variant: number): object {
  return {
    type: 'session.upserted',
    data: {
      athleteId,
      externalId,
      startTime: `${date}T07:00:00Z`,
      durationS: 2700 + 600 * (variant % 4),
      sport: ['run', 'ride', 'strength', 'swim'][variant % 4],
      rpe: 4 + (variant % 3),
      updatedAt: new Date().toISOString(),
    },
  };
}

/**
 * The alert trigger: today's self-report with back pain 4/10 and a red flag. back-pain-referral (a safety override)
 * opens a HIGH alert on the first such report, whatever the athlete's load.
 */
export function redFlagEvent(athleteId: string, today: string): object {
  return { type: 'self_report.upserted', data: { athleteId, date: today, backPain: 4, backPainRegion: 'lumbar', redFlags: ['numbness in the leg'] } };
}
