/** The coach's screen: who needs attention first, and one click to why. */
import type { Actor } from '@app/accounts';
import type { RosterFilter, RosterRow } from '@app/dashboard';
import { ago, num, percent } from '../format';
import { html, SafeHtml } from '../html';
import { page } from '../layout';

const BAND_LABEL = { low: '< 0.8', sweet: '0.8–1.3', caution: '1.3–1.5', danger: '> 1.5', unknown: 'no ratio yet' } as const;

/** "back-pain-risk" → "Back pain risk": short enough for a table cell; the full title is the tooltip. */
function ruleLabel(ruleId: string): string {
  const words = ruleId.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function alertBadges(row: RosterRow): SafeHtml {
  if (row.openAlerts.length === 0) return html`<span class="muted">none</span>`;
  return html`${row.openAlerts.map((a) => html`<span class="badge sev-${a.severity}" title="${a.title} (${a.status})">${a.severity === 'high' ? '▲ ' : ''}${ruleLabel(a.ruleId)}${a.status === 'open' ? '' : ` · ${a.status}`}</span> `)}`;
}

function rosterRow(row: RosterRow, now: Date): SafeHtml {
  if (!row.shared) {
    return html`<tr class="not-shared" data-athlete="${row.athleteId}">
      <td>${row.name}</td><td colspan="10">${row.hasLogin ? 'Has not shared data with you' : 'Invited, not signed up yet'}</td><td></td></tr>`;
  }
  return html`<tr data-athlete="${row.athleteId}" data-attention="${row.attention.score}">
    <td><a href="/athletes/${row.athleteId}">${row.name}</a>${row.attention.reasons.length ? html`<div class="muted small">${row.attention.reasons.join(' · ')}</div>` : ''}</td>
    <td><span class="badge band-${row.acwrBand}" title="EWMA ACWR band ${BAND_LABEL[row.acwrBand]}">${num(row.acwr, 2)}</span></td>
    <td class="num">${num(row.acuteLoad)}</td>
    <td class="num">${num(row.chronicLoad)}</td>
    <td class="num">${num(row.monotony, 2)}</td>
    <td class="num">${percent(row.restDayRatio7)} / ${percent(row.restDayRatio28)}</td>
    <td class="num">${num(row.form)}</td>
    <td class="${row.backPainTier === 'none' ? 'muted' : `tier-${row.backPainTier}`}">${row.backPainTier}</td>
    <td class="wrap">${alertBadges(row)}</td>
    <td>${ago(row.lastSyncAt, now)}</td>
    <td><canvas class="sparkline" width="120" height="32" data-values="${JSON.stringify(row.sparkline)}" aria-label="daily load, last 28 days"></canvas></td>
  </tr>`;
}

export function rosterPage(input: { actor: Actor; rows: RosterRow[]; teams: { id: string; name: string }[]; filter: RosterFilter; now: Date }): string {
  const { actor, rows, teams, filter, now } = input;
  const csv = `/api/roster.csv?${new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString()}`;
  const needing = rows.filter((r) => r.shared && r.attention.score >= 40).length;
  return page({
    title: 'Roster',
    actor,
    active: 'roster',
    charts: true,
    scripts: ['/assets/roster.js'],
    body: html`<h1>Roster</h1>
    <p class="muted">${rows.length} athletes · ${needing} need attention · sorted by who needs you first (open alerts, then the load ratio, back pain, silent trackers).</p>
    <form class="filters" method="get" action="/roster">
      ${actor.role === 'admin' ? html`<label>Team <select name="teamId"><option value="">All teams</option>${teams.map((t) => html`<option value="${t.id}" ${t.id === filter.teamId ? html`selected` : ''}>${t.name}</option>`)}</select></label>` : ''}
      <label>Alerts <select name="alertKind" id="alert-kind">
        <option value="">Everyone</option>
        ${(['any', 'overtraining', 'back-pain'] as const).map((k) => html`<option value="${k}" ${filter.alertKind === k ? html`selected` : ''}>${k === 'any' ? 'Any open alert' : k === 'overtraining' ? 'Overtraining alerts' : 'Back-pain alerts'}</option>`)}
      </select></label>
      <noscript><button type="submit">Filter</button></noscript>
      <a class="button secondary" href="${csv}">Export CSV</a>
    </form>
    <div class="table-wrap"><table id="roster">
      <thead><tr><th>Athlete</th><th title="EWMA acute:chronic workload ratio">ACWR</th><th class="num">Acute</th><th class="num">Chronic</th><th class="num">Monotony</th>
      <th class="num">Rest 7/28</th><th class="num">Form</th><th>Back pain</th><th>Open alerts</th><th>Last sync</th><th>Load, 28 d</th></tr></thead>
      <tbody>${rows.map((r) => rosterRow(r, now))}</tbody>
    </table></div>
    ${rows.length === 0 ? html`<p class="muted">No athletes here yet. <a href="/team">Invite your athletes</a>.</p>` : ''}
    <p class="muted">ACWR bands: <span class="badge band-low">&lt; 0.8</span> <span class="badge band-sweet">0.8–1.3</span> <span class="badge band-caution">1.3–1.5</span> <span class="badge band-danger">&gt; 1.5</span>. Acute and chronic are EWMA loads in AU/day.</p>`,
  });
}
