import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { seededRandom } from '@app/common';
import { addDays, localDate } from '@app/training-load';
import { pollUntil, standardWebhookHeaders } from '@app/testing';
import { seedTeam, startTestApp, TestApp } from '../setup/test-app';

const run = promisify(execFile);
const ZONE = 'Europe/Berlin';
const ROOT = path.resolve(__dirname, '../..');

// The offline CLI (a sports scientist's check) and the product must agree to the last digit on the same sessions.
describe('CLI and API agree', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp();
    dir = await mkdtemp(path.join(os.tmpdir(), 'loadwatch-cli-'));
  });

  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('should compute the same metrics from a file of sessions as from the same sessions sent by webhook', async () => {
    const team = await seedTeam(t, { timezone: ZONE });
    const today = localDate(new Date(), ZONE);
    const random = seededRandom(20261121);
    const sessions: { externalId: string; startTime: string; durationS: number; rpe: number }[] = [];
    for (let daysAgo = 45; daysAgo >= 0; daysAgo--) {
      if (random() < 0.25) continue;
      // Late-evening UTC instants with a +01:00/+02:00 offset land on the right Berlin day either side of midnight.
      const hour = 5 + Math.floor(random() * 17);
      const day = addDays(today, -daysAgo);
      const offset = new Date(`${day}T12:00:00Z`).toLocaleString('en-US', { timeZone: ZONE, timeZoneName: 'shortOffset' }).endsWith('GMT+2') ? '+02:00' : '+01:00';
      sessions.push({
        externalId: `cli-${daysAgo}`,
        startTime: `${day}T${String(hour).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00${offset}`,
        durationS: 60 * (20 + Math.floor(random() * 100)),
        rpe: 1 + Math.floor(random() * 10),
      });
    }
    for (const s of sessions) {
      const body = JSON.stringify({ type: 'session.upserted', data: { athleteId: team.athlete.id, ...s } });
      await request(t.app.getHttpServer()).post('/webhooks/standard').set(standardWebhookHeaders(team.secret, body)).send(body).expect(202);
    }
    const first = sessions[0].startTime.slice(0, 10);
    const api = await pollUntil(
      async () => {
        const processed = (await t.dataSource.query(`SELECT count(*)::int AS n FROM raw_events WHERE status = 'processed'`))[0].n;
        const pending = (await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`))[0].n;
        // Relayed is not yet recomputed: the athlete's merged recompute work must be done too (read before the metrics).
        const owed = (await t.dataSource.query(`SELECT count(*)::int AS n FROM athlete_work WHERE athlete_id = $1 AND kind = 'recompute'`, [team.athlete.id]))[0].n;
        if (processed !== sessions.length || pending !== 0 || owed !== 0) return null;
        const res = await request(t.app.getHttpServer())
          .get(`/api/athletes/${team.athlete.id}/metrics?from=${first}&to=${today}`)
          .set('Authorization', `Bearer ${t.config.apiToken}`);
        return res.body.days?.length > 0 ? res.body : null;
      },
      { what: 'every session in the metrics', timeoutMs: 40_000 },
    );

    const csv = ['external_id,start,duration_s,rpe', ...sessions.map((s) => `${s.externalId},${s.startTime},${s.durationS},${s.rpe}`)].join('\n');
    const file = path.join(dir, 'sessions.csv');
    await writeFile(file, csv);
    const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'metrics', '--input', file, '--timezone', ZONE, '--to', today], {
      cwd: ROOT,
    });
    const cli = JSON.parse(stdout);

    expect(cli.days.map((d: { date: string }) => d.date)).toEqual(api.days.map((d: { date: string }) => d.date));
    expect(cli.days).toHaveLength(api.days.length);
    for (const [i, day] of api.days.entries()) {
      for (const [key, value] of Object.entries(day)) {
        if (typeof value === 'number') expect(cli.days[i][key]).toBeCloseTo(value, 9);
        else expect(cli.days[i][key]).toEqual(value);
      }
    }
    expect(api.days.at(-1).acwrEwma).not.toBeNull();
  });
});
