import type { Actor } from '@app/accounts';
import { html, SafeHtml } from './html';

export interface PageInput {
  title: string;
  actor: Actor | null;
  body: SafeHtml;
  /** Page scripts under /assets (Chart.js is added when `charts` is set). */
  scripts?: string[];
  charts?: boolean;
  active?: 'roster' | 'team' | 'me' | 'connections' | 'sharing' | 'account';
}

function nav(actor: Actor | null, active: PageInput['active']): SafeHtml {
  if (!actor) return html``;
  const link = (href: string, label: string, key: PageInput['active']) => html`<a href="${href}" class="${active === key ? 'active' : ''}">${label}</a>`;
  const links =
    actor.role === 'athlete' && actor.athleteId
      ? [link('/me', 'My training', 'me'), link(`/athletes/${actor.athleteId}/connections`, 'Trackers', 'connections'), link('/sharing', 'Sharing', 'sharing'), link('/settings', 'Emails', 'account')]
      : [link('/roster', 'Roster', 'roster'), link('/team', 'Team', 'team'), link('/settings', 'Emails', 'account')];
  return html`<nav class="top">
    <a class="brand" href="/">Loadwatch</a>
    <span class="links">${links}</span>
    <span class="who">${actor.name} · ${actor.role}
      <form method="post" action="/api/auth/logout" data-api="/api/auth/logout" data-then="/login" class="inline"><button type="submit" class="link">Sign out</button></form>
    </span>
  </nav>`;
}

/** The document around every page: responsive, no inline script or style (CSP), scripts deferred. */
export function page(input: PageInput): string {
  const scripts = [...(input.charts ? ['/assets/vendor/chart.umd.min.js', '/assets/charts.js'] : []), '/assets/forms.js', ...(input.scripts ?? [])];
  return `<!DOCTYPE html>${html`<html lang="en"><head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${input.title} · Loadwatch</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/app.css">
${scripts.map((src) => html`<script defer src="${src}"></script>`)}
</head><body>
${nav(input.actor, input.active)}
<main>${input.body}</main>
</body></html>`.value}`;
}
