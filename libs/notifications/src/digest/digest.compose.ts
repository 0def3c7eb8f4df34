import { emailShell, escapeHtml, NOT_A_DIAGNOSIS, SEVERITY } from '../render/alert-email.html';

export interface DigestAlert {
  athleteName: string;
  title: string;
  severity: 'info' | 'warning' | 'high';
  status: string;
  firstTriggeredOn: string;
  /** Opened since the previous digest. */
  isNew: boolean;
}

export interface DigestAthlete {
  name: string;
  /** Last local day with a session or a recovery reading; null: nothing ever. */
  lastDataOn: string | null;
}

export interface DigestInput {
  coachName: string;
  teamName: string;
  date: string;
  alerts: DigestAlert[];
  athletes: DigestAthlete[];
}

const RANK = { high: 0, warning: 1, info: 2 } as const;
export const NO_DATA_DAYS = 3;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The coach's morning email: athletes needing attention first (highest severity, then most alerts), new alerts
 * marked, then athletes without data for 3+ days. Plain text and HTML with the same content; the numbers live in
 * each alert's own email.
 */
export function composeDigest(input: DigestInput): { subject: string; text: string; html: string; needsAttention: string[] } {
  const byAthlete = new Map<string, DigestAlert[]>();
  for (const a of input.alerts) byAthlete.set(a.athleteName, [...(byAthlete.get(a.athleteName) ?? []), a]);
  for (const alerts of byAthlete.values()) alerts.sort((x, y) => RANK[x.severity] - RANK[y.severity]);
  const order = [...byAthlete.entries()].sort(
    ([na, a], [nb, b]) => Math.min(...a.map((x) => RANK[x.severity])) - Math.min(...b.map((x) => RANK[x.severity])) || b.length - a.length || na.localeCompare(nb),
  );
  const silent = input.athletes
    .filter((a) => a.lastDataOn === null || daysBetween(a.lastDataOn, input.date) >= NO_DATA_DAYS)
    .sort((a, b) => (a.lastDataOn ?? '').localeCompare(b.lastDataOn ?? '') || a.name.localeCompare(b.name));
  const lines = [`Good morning ${input.coachName},`, '', `${input.teamName} on ${input.date}:`, ''];
  if (order.length === 0) lines.push('No open alerts.');
  else {
    lines.push('Needs attention:');
    for (const [name, alerts] of order) {
      lines.push(`  ${name}`);
      for (const a of alerts) {
        lines.push(`    - ${a.isNew ? '[new] ' : ''}${a.severity.toUpperCase()}: ${a.title} (since ${a.firstTriggeredOn}, ${a.status})`);
      }
    }
  }
  lines.push('');
  if (silent.length > 0) {
    lines.push(`No data for ${NO_DATA_DAYS}+ days:`);
    for (const a of silent) lines.push(`  - ${a.name}${a.lastDataOn ? ` (last ${a.lastDataOn})` : ' (nothing yet)'}`);
    lines.push('');
  }
  lines.push(NOT_A_DIAGNOSIS, '— Loadwatch');
  const newCount = input.alerts.filter((a) => a.isNew).length;
  const subject = `[Loadwatch] ${input.teamName} ${input.date}: ${order.length} athlete(s) need attention${newCount ? `, ${newCount} new alert(s)` : ''}`;
  return { subject, text: lines.join('\n'), html: emailShell(subject, digestHtml(input, order, silent)), needsAttention: order.map(([name]) => name) };
}

function digestHtml(input: DigestInput, order: [string, DigestAlert[]][], silent: DigestAthlete[]): string {
  const e = escapeHtml;
  const h2 = (text: string) => `<h2 style="margin:16px 0 8px;font-size:16px;color:#1a1a1a;">${e(text)}</h2>`;
  const parts = [`<p style="margin:0 0 12px;">Good morning ${e(input.coachName)},</p>`, `<p style="margin:0 0 12px;">${e(input.teamName)} on ${e(input.date)}:</p>`];
  if (order.length === 0) parts.push(`<p style="margin:0 0 12px;">No open alerts.</p>`);
  else {
    parts.push(h2('Needs attention'));
    for (const [name, alerts] of order) {
      const items = alerts.map((a) => {
          const sev = SEVERITY[a.severity];
          const badge = `<span style="display:inline-block;padding:0 8px;border-radius:8px;border:1px solid ${sev.border};background:${sev.bg};color:${sev.fg};font-size:12px;font-weight:bold;">${e(sev.label)}</span>`;
          const isNew = a.isNew ? ' <strong>new</strong>' : '';
          return `<li style="margin:0 0 4px;">${badge}${isNew} ${e(a.title)} <span style="color:#555;">(since ${e(a.firstTriggeredOn)}, ${e(a.status)})</span></li>`;
        });
      parts.push(`<p style="margin:8px 0 4px;font-weight:bold;">${e(name)}</p><ul style="margin:0 0 8px;padding-left:20px;">${items.join('')}</ul>`);
    }
  }
  if (silent.length > 0) {
    parts.push(h2(`No data for ${NO_DATA_DAYS}+ days`));
    const items = silent.map((a) => `<li style="margin:0 0 4px;">${e(a.name)} <span style="color:#555;">(${a.lastDataOn ? `last ${e(a.lastDataOn)}` : 'nothing yet'})</span></li>`);
    parts.push(`<ul style="margin:0 0 12px;padding-left:20px;">${items.join('')}</ul>`);
  }
  parts.push(`<p style="margin:16px 0 4px;font-size:12px;color:#555;">${e(NOT_A_DIAGNOSIS)}</p>`, `<p style="margin:0;font-size:12px;color:#555;">— Loadwatch</p>`);
  return parts.join('');
}
