import type { RenderedEmail } from '../alert-email.template';

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
 * marked, then athletes without data for 3+ days. Plain text; the numbers live in each alert's own email.
 */
export function composeDigest(input: DigestInput): RenderedEmail & { needsAttention: string[] } {
  const byAthlete = new Map<string, DigestAlert[]>();
  for (const a of input.alerts) byAthlete.set(a.athleteName, [...(byAthlete.get(a.athleteName) ?? []), a]);
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
      for (const a of [...alerts].sort((x, y) => RANK[x.severity] - RANK[y.severity])) {
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
  lines.push('This is an automated training-load summary, not a medical diagnosis.', '— Loadwatch');
  const newCount = input.alerts.filter((a) => a.isNew).length;
  return {
    subject: `[Loadwatch] ${input.teamName} ${input.date}: ${order.length} athlete(s) need attention${newCount ? `, ${newCount} new alert(s)` : ''}`,
    text: lines.join('\n'),
    needsAttention: order.map(([name]) => name),
  };
}
