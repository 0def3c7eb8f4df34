/** Pages around the data: tracker connections, sharing (consent), the team's invitations. */
import type { Actor, InviteView } from '@app/accounts';
import { DELIVERY_MODES, PreferencesView, SEVERITIES } from '@app/notifications';
import type { ProviderConnection } from '@app/ingestion';
import { ago } from '../format';
import { html } from '../html';
import { page } from '../layout';

const PROVIDER_NAMES: Record<string, string> = {
  strava: 'Strava', garmin: 'Garmin', fitbit: 'Fitbit', polar: 'Polar', oura: 'Oura', whoop: 'WHOOP', withings: 'Withings', terra: 'Terra', junction: 'Junction',
};
// Aggregators authorize in their own widget; the athlete links the user id they were given.
const AGGREGATORS = new Set(['terra', 'junction']);

export function connectionsPage(input: { actor: Actor; athleteId: string; athleteName: string; providers: readonly string[]; connections: ProviderConnection[]; now: Date }): string {
  const { actor, athleteId, providers, connections, now } = input;
  const own = actor.role === 'admin' || actor.athleteId === athleteId;
  const rows = providers.map((p) => {
    const c = connections.find((x) => x.provider === p && x.status !== 'revoked') ?? null;
    const action = !own
      ? ''
      : c
        ? html`<form data-api="/api/athletes/${athleteId}/connections/${p}" data-method="DELETE" class="inline"><button type="submit" class="danger">Disconnect</button></form>`
        : AGGREGATORS.has(p)
          ? html`<form data-api="/api/athletes/${athleteId}/connections/${p}/link" class="form-row"><input name="providerUserId" placeholder="${PROVIDER_NAMES[p]} user id" required><button type="submit" class="secondary">Link</button></form>`
          : html`<form data-api="/api/athletes/${athleteId}/connections/${p}" data-follow="authorizeUrl" class="inline"><button type="submit">Connect</button></form>`;
    return html`<tr data-provider="${p}"><td>${PROVIDER_NAMES[p] ?? p}</td><td>${c ? c.status : 'not connected'}</td>
      <td>${c ? ago(c.lastSyncAt, now) : '–'}</td><td>${c && c.backfillStatus ? c.backfillStatus : '–'}</td><td>${action}</td></tr>`;
  });
  return page({
    title: 'Trackers',
    actor,
    active: 'connections',
    body: html`<h1>Trackers${actor.athleteId === athleteId ? '' : html` · ${input.athleteName}`}</h1>
      <p class="muted">Connect once; workouts and recovery data then arrive by themselves. Disconnecting stops syncing and keeps what arrived.</p>
      <div class="table-wrap"><table id="connections"><thead><tr><th>Tracker</th><th>Status</th><th>Last sync</th><th>History import</th><th></th></tr></thead><tbody>${rows}</tbody></table></div>`,
  });
}

export function sharingPage(input: { actor: Actor; athleteId: string; coaches: { coachId: string; name: string; email: string; sharing: boolean; since: Date | null }[] }): string {
  const { actor, athleteId, coaches } = input;
  return page({
    title: 'Sharing',
    actor,
    active: 'sharing',
    body: html`<h1>Who sees my data</h1>
      <p class="muted">A coach sees your training, recovery, reports and alerts only while you share with them. Stopping takes effect at once.</p>
      <div class="table-wrap"><table id="sharing"><thead><tr><th>Coach</th><th>Status</th><th></th></tr></thead><tbody>
      ${coaches.map(
        (c) => html`<tr data-coach="${c.coachId}"><td>${c.name} <span class="muted">${c.email}</span></td>
          <td>${c.sharing ? html`sharing since ${c.since ? new Date(c.since).toISOString().slice(0, 10) : ''}` : 'not sharing'}</td>
          <td>${c.sharing
            ? html`<form data-api="/api/athletes/${athleteId}/consents/${c.coachId}" data-method="DELETE" class="inline"><button type="submit" class="danger">Stop sharing</button></form>`
            : html`<form data-api="/api/athletes/${athleteId}/consents" class="inline"><input type="hidden" name="coachId" value="${c.coachId}"><button type="submit">Share</button></form>`}</td></tr>`,
      )}
      </tbody></table></div>
      ${coaches.length === 0 ? html`<p class="muted">Your team has no coaches yet.</p>` : ''}`,
  });
}

export function teamPage(input: { actor: Actor; teamId: string | null; teams: { id: string; name: string }[]; invites: InviteView[]; thresholds: Record<string, unknown>; now: Date }): string {
  const { actor, teamId, teams, invites, thresholds, now } = input;
  const team = teams.find((t) => t.id === teamId);
  return page({
    title: 'Team',
    actor,
    active: 'team',
    body: html`<h1>${team ? team.name : 'Teams'}</h1>
      ${actor.role === 'admin' ? html`<form class="filters" method="get" action="/team"><label>Team <select name="teamId">${teams.map((t) => html`<option value="${t.id}" ${t.id === teamId ? html`selected` : ''}>${t.name}</option>`)}</select></label><button type="submit" class="secondary">Show</button></form>` : ''}
      ${teamId
        ? html`<div class="card"><h2>Invite an athlete</h2>
        <p class="muted">They get an email with a link to set a password. They choose whether to share their data with you.</p>
        <form data-api="/api/teams/${teamId}/invites" id="invite-form" class="form-row" data-message="Invitation sent.">
          <label>Name<input name="name" required maxlength="120"></label>
          <label>Email<input name="email" type="email" required></label>
          <button type="submit">Send invitation</button>
        </form></div>
        <h2>Invitations</h2>
        <div class="table-wrap"><table id="invites"><thead><tr><th>Athlete</th><th>Email</th><th>Invited by</th><th>Status</th></tr></thead><tbody>
        ${invites.map((i) => html`<tr><td>${i.athleteName}</td><td>${i.email}</td><td>${i.invitedBy ?? '–'}</td>
          <td>${i.acceptedAt ? 'accepted' : new Date(i.expiresAt) < now ? 'expired' : 'waiting'}</td></tr>`)}
        </tbody></table></div>
        <p><a class="button secondary" href="/api/roster.csv${actor.role === 'admin' ? `?teamId=${teamId}` : ''}">Roster CSV</a></p>
        <div class="card"><h2>Alert thresholds</h2>
        <p class="muted">Overrides of the default thresholds for this team, as JSON (an empty object uses every default). Checked before saving.</p>
        <form data-api="/api/teams/${teamId}/alert-thresholds" data-method="PUT" data-json-field="overrides" id="thresholds-form" data-message="Saved.">
          <textarea name="overrides" rows="6" spellcheck="false">${JSON.stringify(thresholds, null, 2)}</textarea>
          <p><button type="submit">Save thresholds</button></p>
        </form></div>`
        : html`<p class="muted">No team yet.</p>`}`,
  });
}

const KIND_LABEL: Record<string, string> = { overtraining: 'Overtraining alerts', 'back-pain': 'Back-pain alerts', digest: 'Daily digest (coaches)' };

/** The signed-in person's email preferences: per kind, when and how alerts reach them. */
export function settingsPage(input: { actor: Actor; view: PreferencesView }): string {
  const { actor, view } = input;
  const api = `/api/preferences/${encodeURIComponent(view.email)}`;
  return page({
    title: 'Email settings',
    actor,
    active: 'account',
    scripts: ['/assets/timezone.js'],
    body: html`<h1>Email settings</h1>
      <p class="muted">Emails go to ${view.email}. Quiet hours delay an email until they end; nothing is dropped.</p>
      ${view.preferences.map(
        (p) => html`<div class="card"><h2>${KIND_LABEL[p.kind] ?? p.kind}</h2>
        <form data-api="${api}" data-method="PUT" class="form-row preference-form" data-kind="${p.kind}" data-message="Saved.">
          <input type="hidden" name="kind" value="${p.kind}">
          <label>Delivery<select name="mode">${DELIVERY_MODES.map((m) => html`<option value="${m}" ${m === p.mode ? html`selected` : ''}>${m}</option>`)}</select></label>
          <label>At least<select name="minSeverity">${SEVERITIES.map((sv) => html`<option value="${sv}" ${sv === p.minSeverity ? html`selected` : ''}>${sv}</option>`)}</select></label>
          <label>Quiet from<input type="time" name="quietStart" value="${p.quietStart ?? ''}"></label>
          <label>until<input type="time" name="quietEnd" value="${p.quietEnd ?? ''}"></label>
          <label>Time zone<input name="timezone" value="${p.timezone}"></label>
          <button type="submit">Save</button>
        </form></div>`,
      )}`,
  });
}
