/**
 * `npm run demo` — Loadwatch end to end on your machine, in about a minute.
 *
 * 1. Boots the all-in-one app (API + worker + outbox relay) in this process on PORT, after the usual boot
 *    checks (config, Postgres and Redis reachable, database created and migrated).
 * 2. Through the real HTTP API creates a fresh "Demo Harriers" team: one coach, four athletes in four time
 *    zones, and a Standard Webhooks integration.
 * 3. Replays eight weeks of their training (runs, rides, swims, gym sessions) as signed webhooks, one per
 *    session, 8 in flight. A seeded PRNG makes the data the same on every run. Maya comes back from a
 *    three-week lay-off straight into a camp week, so her load spikes; the others train steadily.
 * 4. Waits (up to 60 s) for the pipeline to turn that into daily metrics, a high load-spike alert and its
 *    emails (.eml files under var/mail, or through SMTP_URL).
 * 5. Prints a summary with ids, alerts, where the emails are, dashboard logins and curl commands, then keeps serving until
 *    Ctrl-C. With `--exit` it stops instead: exit code 0 when the alert and its emails appeared, 1 if not.
 *
 * It reads the app's own environment (DATABASE_URL, REDIS_URL, SMTP_URL, PORT, API_TOKEN, QUEUE_PREFIX, …).
 * LOG_LEVEL defaults to `warn` here so the summary stays readable; LOG_LEVEL=info shows every request and job.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@app/config';
import { prepareProcess } from '@app/platform';
import { localDate, type DailyMetrics } from '@app/training-load';
import { apiHttpAdapter, configureApp, LISTEN_HOST } from '../apps/api/src/configure-app';
import { allInOneRoot } from '../apps/loadwatch/src/main';
import { DemoApi, deliverWebhook, inPool, sessionEvent } from './demo/http';
import { createDemoLogins } from './demo/logins';
import { PipelineWatcher } from './demo/pipeline';
import { PlannedSession, planSessions } from './demo/plan';
import { AthleteToday, printSummary } from './demo/report';
import { createDemoTeam, DemoTeam } from './demo/setup';

const WEBHOOKS_IN_FLIGHT = 8;
const PIPELINE_TIMEOUT_MS = 60_000;

const say = (line: string) => process.stdout.write(`${line}\n`);

async function startApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(allInOneRoot(config), apiHttpAdapter(), { bodyParser: false, bufferLogs: true });
  await configureApp(app, config);
  try {
    await app.listen(config.port, LISTEN_HOST);
  } catch (error) {
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new Error(`port ${config.port} is already in use: stop what is using it, or run e.g. PORT=3001 npm run demo`);
    }
    throw error;
  }
  return app;
}

/** Every athlete's sessions, oldest first across the team, as a tracker sync would deliver them. */
function planTeam(team: DemoTeam, now: Date): PlannedSession[] {
  return team.athletes.flatMap((a) => planSessions(a.profile, now)).sort((x, y) => x.startMs - y.startMs);
}

async function replay(team: DemoTeam, baseUrl: string, runId: string, sessions: PlannedSession[]) {
  const externalIdOf = new Map(team.athletes.map((a) => [a.profile.key, a.externalId]));
  const tally = { sent: 0, accepted: 0, duplicate: 0, ms: 0 };
  const progress = process.stdout.isTTY ? (n: number) => process.stdout.write(`\r  sent ${n}/${sessions.length}`) : () => undefined;
  const started = Date.now();
  await inPool(sessions, WEBHOOKS_IN_FLIGHT, async (session, i) => {
    const body = JSON.stringify(sessionEvent(session, externalIdOf.get(session.athleteKey) as string));
    const result = await deliverWebhook(baseUrl, team.integration.secret, { id: `evt_${runId}_${String(i + 1).padStart(4, '0')}`, body });
    tally.sent++;
    tally[result]++;
    progress(tally.sent);
  });
  tally.ms = Date.now() - started;
  if (process.stdout.isTTY) process.stdout.write('\n');
  return tally;
}

/** Today's EWMA ratio per athlete, read back through the metrics endpoint. */
async function readToday(api: DemoApi, team: DemoTeam, sessions: PlannedSession[]): Promise<AthleteToday[]> {
  return Promise.all(
    team.athletes.map(async (a) => {
      const today = localDate(new Date(), a.profile.timezone);
      const metrics = await api.get<{ days: DailyMetrics[] }>(`/api/athletes/${a.id}/metrics?from=${today}&to=${today}`);
      return {
        athleteId: a.id,
        today,
        sessions: sessions.filter((s) => s.athleteKey === a.profile.key).length,
        acwrEwma: metrics.days[0]?.acwrEwma ?? null,
      };
    }),
  );
}

async function main(): Promise<void> {
  const exitWhenDone = process.argv.includes('--exit');
  process.env.LOG_LEVEL ??= 'warn';
  const config = await prepareProcess('demo');
  const app = await startApp(config);
  const baseUrl = `http://127.0.0.1:${config.port}`;
  const api = new DemoApi(baseUrl, config.apiToken);
  const runId = randomBytes(3).toString('hex');
  say(`Loadwatch demo ${runId}: app (API + worker) listening on ${baseUrl}`);

  const team = await createDemoTeam(api, runId);
  const logins = await createDemoLogins(app, team, runId);
  say(`Created team "${team.name}" with ${team.athletes.length} athletes, a coach, their logins and a webhook integration`);
  const sessions = planTeam(team, new Date());
  say(`Replaying ${sessions.length} sessions from the last 8 weeks as signed webhooks (${WEBHOOKS_IN_FLIGHT} in flight)...`);
  const webhooks = await replay(team, baseUrl, runId, sessions);
  say(`Waiting for metrics, alerts and emails (up to ${PIPELINE_TIMEOUT_MS / 1000} s)...`);
  const athleteIds = team.athletes.map((a) => a.id);
  const spikeIds = team.athletes.filter((a) => a.profile.expectSpike).map((a) => a.id);
  const outcome = await new PipelineWatcher(app, api).waitFor(team.id, athleteIds, spikeIds, PIPELINE_TIMEOUT_MS);

  await printSummary({
    runId,
    baseUrl,
    config,
    team,
    athletesToday: await readToday(api, team, sessions),
    webhooks,
    settledMs: outcome.elapsedMs,
    openAlerts: outcome.openAlerts,
    emails: outcome.emails,
    logins,
  });
  if (!outcome.ok) {
    process.stderr.write(`The demo did not complete: after ${Math.round(outcome.elapsedMs / 1000)} s, ${outcome.problem}.\n`);
  }
  if (exitWhenDone) {
    await app.close();
    process.exit(outcome.ok ? 0 : 1);
  }
  say(`Serving on ${baseUrl}; press Ctrl-C to stop.`);
}

main().catch((error: Error) => {
  process.stderr.write(`demo failed: ${error.message}\n`);
  process.exit(1);
});
