/** One athlete: the charts (drawn by athlete.js from #board), alerts with their evidence and actions, sessions, reports. */
import type { Actor } from '@app/accounts';
import type { Alert } from '@app/alerting';
import type { AthleteBoard, BoardSelfReport, BoardSession } from '@app/dashboard';
import { minutes, num, percent } from '../format';
import { html, jsonScript, SafeHtml } from '../html';
import { page } from '../layout';

export const PERIODS = [90, 180, 365, 730] as const;

function stat(label: string, value: string, id?: string): SafeHtml {
  return html`<div class="stat" ${id ? html`id="${id}"` : ''}><div class="value">${value}</div><div class="label">${label}</div></div>`;
}

function chart(id: string, title: string): SafeHtml {
  return html`<div class="chart-card"><h3>${title}</h3><div class="chart-box"><canvas id="${id}" role="img" aria-label="${title}"></canvas></div></div>`;
}

function alertCard(alert: Alert): SafeHtml {
  const evidence = Object.entries(alert.evidence).filter(([, v]) => v !== null);
  const open = alert.status !== 'resolved';
  const api = `/api/alerts/${alert.id}`;
  return html`<div class="card alert sev-border-${alert.severity}" data-alert="${alert.id}" data-status="${alert.status}">
    <h3><span class="badge sev-${alert.severity}">${alert.severity}</span> ${alert.title}</h3>
    <p class="muted">${alert.status} · ${alert.kind} · first ${alert.firstTriggeredOn}, last ${alert.lastTriggeredOn} · evidence grade: ${alert.evidenceGrade}</p>
    <p>${alert.message}</p>
    ${alert.recommendations.length ? html`<strong>What to do</strong><ul>${alert.recommendations.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
    ${evidence.length ? html`<details><summary>Evidence (${evidence.length} numbers)</summary><table class="evidence">${evidence.map(([k, v]) => html`<tr><td>${k}</td><td>${typeof v === 'number' ? num(v, 2) : String(v)}</td></tr>`)}</table></details>` : ''}
    ${alert.history.length ? html`<details><summary>History</summary><ul>${alert.history.map((h) => html`<li>${new Date(h.at).toISOString().slice(0, 16).replace('T', ' ')} · ${h.status}${h.by ? html` by ${h.by}` : ''}${h.note ? html`: “${h.note}”` : ''}</li>`)}</ul></details>` : ''}
    ${open
      ? html`<div class="actions">
      <form data-api="${api}/acknowledge" class="form-row ack-form"><input name="note" placeholder="Note (optional)" maxlength="1000"><button type="submit" class="secondary">Acknowledge</button></form>
      <form data-api="${api}/resolve" class="form-row resolve-form"><input name="note" placeholder="How was it resolved?" maxlength="1000"><button type="submit">Resolve</button></form>
      <form data-api="${api}/snooze" class="form-row snooze-form"><input name="until" type="datetime-local" required aria-label="Snooze until"><input name="note" placeholder="Note" maxlength="1000"><button type="submit" class="secondary">Snooze</button></form>
    </div>`
      : ''}
  </div>`;
}

function sessionRow(s: BoardSession, rateable: boolean, athleteId: string): SafeHtml {
  return html`<tr data-session="${s.id}">
    <td>${s.date}</td><td>${s.sport ?? '–'}</td><td>${s.provider.split(':')[0]}</td><td class="num">${minutes(s.durationS)}</td>
    <td class="num">${s.rpe ?? '–'}</td><td class="num">${num(s.load)}</td>
    <td>${s.estimated ? html`<span class="badge estimated" title="No RPE and no calibration yet: scaled from heart rate">≈ estimated</span>` : s.loadMethod}</td>
    <td class="wrap">${s.tags.join(', ')}</td>
    ${rateable ? html`<td><form data-api="/api/athletes/${athleteId}/sessions/${s.id}/rpe" class="form-row rpe-form"><input name="rpe" type="number" min="0" max="10" step="1" required aria-label="RPE 0–10" placeholder="RPE"><button type="submit" class="secondary">Rate</button></form></td>` : ''}
  </tr>`;
}

function reportRow(r: BoardSelfReport): SafeHtml {
  const w = r.wellness ?? {};
  return html`<tr><td>${r.date}</td><td class="num">${r.backPain ?? '–'}</td><td>${r.backPainRegion ?? ''}</td><td class="wrap">${r.redFlags.join(', ')}</td>
    <td class="num">${['sleepQuality', 'fatigue', 'stress', 'soreness', 'mood'].map((k) => String(w[k] ?? '·')).join(' ')}</td><td>${r.illness ? 'ill' : ''}${r.didNotWearDevice ? ' no device' : ''}</td></tr>`;
}

function selfReportForms(athleteId: string, today: string): SafeHtml {
  const scale = (name: string, label: string) =>
    html`<label>${label}<select name="wellness.${name}" data-type="number"><option value="">–</option>${[1, 2, 3, 4, 5].map((v) => html`<option value="${v}">${v}</option>`)}</select></label>`;
  return html`<div class="two-col">
    <div class="card"><h2>How do you feel today?</h2>
      <form data-api="/api/athletes/${athleteId}/self-reports" id="wellness-form" data-message="Saved. Thank you!">
        <input type="hidden" name="date" value="${today}">
        <div class="form-row">${scale('sleepQuality', 'Sleep quality')}${scale('fatigue', 'Fatigue')}${scale('stress', 'Stress')}${scale('soreness', 'Soreness')}${scale('mood', 'Mood')}</div>
        <label class="check"><input type="checkbox" name="illness"> <span>I am ill</span></label>
        <label class="check"><input type="checkbox" name="didNotWearDevice"> <span>I did not wear my tracker today</span></label>
        <p><button type="submit">Save wellness</button></p>
      </form></div>
    <div class="card"><h2>Back pain</h2>
      <form data-api="/api/athletes/${athleteId}/self-reports" id="back-pain-form" data-message="Saved. If it gets worse, tell your coach or a clinician.">
        <label for="bp-date">Day</label><input id="bp-date" name="date" type="date" value="${today}" max="${today}" required>
        <label for="bp">Pain today, 0 (none) to 10 (worst)</label><input id="bp" name="backPain" type="number" min="0" max="10" step="1" required>
        <label for="bp-region">Where</label><input id="bp-region" name="backPainRegion" placeholder="lower back" maxlength="60">
        <label>Any of these?</label>
        <label class="check"><input type="checkbox" name="redFlags" value="numbness in the saddle area" data-list> <span>Numbness around the groin or buttocks</span></label>
        <label class="check"><input type="checkbox" name="redFlags" value="new bladder or bowel problems" data-list> <span>New bladder or bowel problems</span></label>
        <label class="check"><input type="checkbox" name="redFlags" value="leg weakness" data-list> <span>Weakness in a leg</span></label>
        <label class="check"><input type="checkbox" name="redFlags" value="fever or unexplained weight loss" data-list> <span>Fever or unexplained weight loss</span></label>
        <p><button type="submit">Save back pain</button></p>
      </form></div>
  </div>`;
}

export function athletePage(input: { actor: Actor; board: AthleteBoard; days: number }): string {
  const { actor, board, days } = input;
  const a = board.athlete;
  const own = actor.role === 'athlete' && actor.athleteId === a.id;
  const last = board.days.at(-1);
  const openAlerts = board.alerts.filter((x) => x.status !== 'resolved');
  const closed = board.alerts.filter((x) => x.status === 'resolved');
  return page({
    title: own ? 'My training' : a.name,
    actor,
    active: own ? 'me' : 'roster',
    charts: true,
    scripts: ['/assets/athlete.js'],
    body: html`<h1>${own ? 'My training' : a.name}</h1>
    <p class="muted">${a.timezone} · data up to ${board.to}${a.lbpHistory ? ' · back pain in the last 12 months' : ''} ·
      <a href="/athletes/${a.id}/connections">trackers</a> ·
      <a href="/api/athletes/${a.id}/export/metrics.csv?days=${days}">daily metrics CSV</a> ·
      <a href="/api/athletes/${a.id}/export/sessions.csv?days=${days}">sessions CSV</a></p>
    <div class="period">${PERIODS.map((p) => html`<a href="?days=${p}" class="${p === days ? 'active' : ''}">${p === 730 ? '2 years' : p === 365 ? '1 year' : `${p} days`}</a>`)}</div>
    <div class="stats">
      ${stat('EWMA ACWR today', num(last?.acwrEwma ?? null, 2), 'stat-acwr')}
      ${stat('Acute / chronic (AU/day)', `${num(last?.ewmaAcute ?? null)} / ${num(last?.ewmaChronic ?? null)}`)}
      ${stat('Monotony / strain', `${num(last?.monotony ?? null, 2)} / ${num(last?.strain ?? null)}`)}
      ${stat('Fitness / fatigue / form', `${num(last?.ctl ?? null)} / ${num(last?.atl ?? null)} / ${num(last?.form ?? null)}`)}
      ${stat('Rest days 7 / 28', `${percent(last?.restDayRatio7 ?? null)} / ${percent(last?.restDayRatio28 ?? null)}`)}
      ${stat('Streak now / longest', `${board.summary.currentStreak ?? '–'} / ${board.summary.longestStreak} d`)}
      ${stat('Estimated loads', percent(board.summary.estimatedShare), 'stat-estimated')}
      ${stat('Open alerts', String(openAlerts.length))}
    </div>
    ${own ? selfReportForms(a.id, board.to) : ''}
    <h2>Alerts</h2>
    ${openAlerts.length ? openAlerts.map(alertCard) : html`<p class="muted">No open alerts.</p>`}
    <div class="charts">
      ${chart('chart-load', 'Daily load with acute and chronic load')}
      ${chart('chart-acwr', 'Acute:chronic ratio with its bands')}
      ${chart('chart-pmc', 'Fitness, fatigue and form')}
      ${chart('chart-monotony', 'Monotony and strain')}
      ${chart('chart-rest', 'Rest days and training streaks')}
      ${chart('chart-hrv', 'HRV (ln rMSSD) against the baseline band')}
      ${chart('chart-rhr', 'Resting heart rate against the baseline')}
      ${chart('chart-wellness', 'Wellness and back pain')}
    </div>
    <h2>Sessions (${board.sessions.length})</h2>
    <div class="table-wrap"><table id="sessions"><thead><tr><th>Date</th><th>Sport</th><th>Source</th><th class="num">Duration</th><th class="num">RPE</th><th class="num">Load</th><th>Method</th><th>Tags</th>${own ? html`<th>Rate</th>` : ''}</tr></thead>
      <tbody>${board.sessions.slice(0, 200).map((s) => sessionRow(s, own, a.id))}</tbody></table></div>
    <h2>Wellness and back pain</h2>
    <div class="table-wrap"><table id="reports"><thead><tr><th>Date</th><th class="num">Back pain</th><th>Region</th><th>Red flags</th><th class="num">Sleep·fatigue·stress·soreness·mood</th><th></th></tr></thead>
      <tbody>${[...board.selfReports].reverse().slice(0, 120).map(reportRow)}</tbody></table></div>
    ${closed.length ? html`<h2>Resolved alerts</h2>${closed.slice(0, 30).map(alertCard)}` : ''}
    ${jsonScript('board', { days: board.days, recovery: board.recovery, selfReports: board.selfReports })}`,
  });
}
