// The demo's printed summary: what was created, what the pipeline produced, and how to look at it yourself.

import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '@app/config';
import { addDays } from '@app/training-load';
import type { AlertView, EmailView } from './pipeline';
import type { DemoLogins } from './logins';
import type { DemoTeam } from './setup';

export interface AthleteToday {
  athleteId: string;
  today: string;
  sessions: number;
  acwrEwma: number | null;
}

export interface SummaryInput {
  runId: string;
  baseUrl: string;
  config: AppConfig;
  team: DemoTeam;
  athletesToday: AthleteToday[];
  webhooks: { sent: number; accepted: number; duplicate: number; ms: number };
  settledMs: number;
  openAlerts: AlertView[];
  emails: EmailView[];
  logins: DemoLogins;
}

const out = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const num = (v: number | string | null | undefined, digits = 0) => (typeof v === 'number' ? v.toFixed(digits) : '—');

/** The .eml files the file transport wrote for these emails (their names carry the email id). */
export async function emlFilesFor(mailDir: string, emails: EmailView[]): Promise<Map<string, string>> {
  const dir = path.resolve(mailDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  const found = new Map<string, string>();
  for (const email of emails) {
    const name = names.find((n) => n.endsWith('.eml') && n.includes(email.id));
    if (name) found.set(email.id, path.relative(process.cwd(), path.join(dir, name)) || name);
  }
  return found;
}

/** A curl line that works as pasted: the dev token in clear, a custom token by reference. */
function curl(input: SummaryInput, pathAndQuery: string): string {
  const token = process.env.API_TOKEN ? '$API_TOKEN' : input.config.apiToken;
  return `curl -s -H "Authorization: Bearer ${token}" '${input.baseUrl}${pathAndQuery}'`;
}

function printRoster(input: SummaryInput): void {
  const { team } = input;
  out(`Team      ${team.name}  ${team.id}`);
  out(`Coach     ${team.coach.name} <${team.coach.email}>`);
  out(`Athletes  (today's EWMA acute:chronic ratio, in each athlete's own time zone)`);
  for (const a of team.athletes) {
    const today = input.athletesToday.find((t) => t.athleteId === a.id);
    out(
      `  ${a.profile.name.padEnd(17)} ${a.profile.timezone.padEnd(20)} ${String(today?.sessions ?? 0).padStart(3)} sessions` +
        `  ACWR ${num(today?.acwrEwma, 2).padStart(4)}  ${a.id}`,
    );
    out(`  ${''.padEnd(17)} ${a.profile.story}`);
  }
}

function printAlerts(input: SummaryInput): void {
  out('Open alerts');
  const nameOf = (id: string) => input.team.athletes.find((a) => a.id === id)?.profile.name ?? id;
  for (const alert of input.openAlerts) {
    const e = alert.evidence;
    const detail =
      alert.ruleId === 'load-spike'
        ? `EWMA ACWR ${num(e.acwrEwma, 2)} (acute ${num(e.ewmaAcute)} vs chronic ${num(e.ewmaChronic)} AU/day)`
        : alert.title;
    out(`  ${nameOf(alert.athleteId).padEnd(17)} ${alert.ruleId.padEnd(15)} ${alert.severity.toUpperCase().padEnd(7)} ${detail} on ${alert.lastTriggeredOn}`);
  }
  const quiet = input.team.athletes.filter((a) => !input.openAlerts.some((al) => al.athleteId === a.id)).map((a) => a.profile.name);
  if (input.openAlerts.length === 0) out('  none');
  if (quiet.length > 0) out(`  no alert for ${quiet.join(', ')}`);
}

async function printEmails(input: SummaryInput): Promise<void> {
  const sent = input.emails.filter((e) => e.status === 'sent');
  if (input.config.smtpUrl) {
    const host = new URL(input.config.smtpUrl).host;
    out(`Emails    ${sent.length} of ${input.emails.length} sent via SMTP_URL (${host}):`);
    for (const e of input.emails) out(`  ${e.status.padEnd(7)} to ${e.recipient}: ${e.subject}`);
    return;
  }
  const files = await emlFilesFor(input.config.mailDir, input.emails);
  out(`Emails    ${sent.length} of ${input.emails.length} sent, written as .eml files (SMTP_URL is unset) under ${path.resolve(input.config.mailDir)}:`);
  for (const e of input.emails) out(`  ${e.recipient.padEnd(36)} ${files.get(e.id) ?? `(${e.status}, no file yet)`}`);
}

function printTryIt(input: SummaryInput): void {
  const spiky = input.team.athletes.find((a) => a.profile.expectSpike) ?? input.team.athletes[0];
  const today = input.athletesToday.find((t) => t.athleteId === spiky.id)?.today;
  const range = today ? `?from=${addDays(today, -13)}&to=${today}` : '';
  out('Dashboard');
  out(`  ${input.baseUrl}/login   password for everyone below: ${input.logins.password}`);
  out(`  coach     ${input.logins.coach}  (roster, athlete pages, acknowledge/resolve alerts)`);
  for (const a of input.logins.athletes) out(`  athlete   ${a.email}  (${a.name}'s own page: RPE, wellness, back pain)`);
  out();
  out('Try it');
  out(`  ${curl(input, `/api/alerts?status=open&athleteId=${spiky.id}`)}`);
  out(`  ${curl(input, `/api/athletes/${spiky.id}/metrics${range}`)}`);
  out(`  ${curl(input, '/health')}`);
  out(`  OpenAPI   ${input.baseUrl}/api/docs`);
}

export async function printSummary(input: SummaryInput): Promise<void> {
  const w = input.webhooks;
  out();
  out(`Loadwatch demo, run ${input.runId}: ${input.baseUrl}`);
  out();
  printRoster(input);
  out();
  out(
    `Webhooks  ${w.sent} signed session.upserted events to POST /webhooks/standard in ${seconds(w.ms)} ` +
      `(${w.accepted} accepted${w.duplicate ? `, ${w.duplicate} duplicate` : ''})`,
  );
  out(`Pipeline  ingest.normalize -> load.recompute -> alerts.evaluate -> email.send, idle ${seconds(input.settledMs)} after the last webhook`);
  out();
  printAlerts(input);
  out();
  await printEmails(input);
  out();
  printTryIt(input);
  out();
}
