import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { AppConfig, loadConfig } from '@app/config';
import { IntegrationService } from '@app/ingestion';
import { OutboxRelay, QueueName, redisConnection } from '@app/queue';
import { Athlete, NewAthlete, RosterService } from '@app/roster';
import { createTestDatabase } from '@app/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { allInOneRoot } from '../../apps/loadwatch/src/main';
import { apiHttpAdapter, configureApp } from '../../apps/api/src/configure-app';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  dataSource: DataSource;
  relay: OutboxRelay;
  roster: RosterService;
  integrations: IntegrationService;
  queue(name: QueueName): Queue;
  close(): Promise<void>;
}

/**
 * The all-in-one app (API + worker + relay) on its own cloned database and its own queue prefix, so test files
 * run side by side on the same Postgres and Redis without seeing each other's rows or jobs.
 */
export async function startTestApp(overrides: Partial<AppConfig> = {}, options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config: AppConfig = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error', ...options.env }),
    databaseUrl: db.url,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: `test-${randomBytes(4).toString('hex')}`,
    outboxPollMs: 50,
    migrateOnBoot: false,
    ...overrides,
  };
  let builder = Test.createTestingModule({ imports: [allInOneRoot(config)] });
  if (options.clock) builder = builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(apiHttpAdapter(), { bodyParser: false, logger: false });
  await configureApp(app, config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const queues = new Map<QueueName, Queue>();
  for (const name of Object.values(QueueName)) queues.set(name, app.get<Queue>(getQueueToken(name)));
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    relay: app.get(OutboxRelay),
    roster: app.get(RosterService),
    integrations: app.get(IntegrationService),
    queue: (name) => queues.get(name) as Queue,
    close: async () => {
      await app.close();
      // Workers are stopped now: remove this file's keys from the shared Redis.
      for (const name of Object.values(QueueName)) {
        const q = new Queue(name, { connection: redisConnection(config.redisUrl), prefix: config.queuePrefix });
        await q.obliterate({ force: true }).catch(() => undefined);
        await q.close();
      }
      await db.drop();
    },
  };
}

export interface SeededTeam {
  teamId: string;
  secret: string;
  athlete: Athlete;
}

/** A team with one athlete and a Standard Webhooks integration. */
export async function seedTeam(t: TestApp, athlete: Partial<NewAthlete> = {}): Promise<SeededTeam> {
  const team = await t.roster.createTeam(`Team ${randomBytes(3).toString('hex')}`);
  const created = await t.roster.createAthlete(team.id, { name: 'Alex Rivera', email: 'alex@example.test', timezone: 'Europe/Berlin', ...athlete });
  const { secret } = await t.integrations.create(team.id, 'test sender');
  return { teamId: team.id, secret, athlete: created };
}
