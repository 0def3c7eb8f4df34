/** The pages before sign-in: login, forgot password, set a new password, accept an invitation. */
import type { InvitePreview } from '@app/accounts';
import { html } from '../html';
import { page } from '../layout';

export function loginPage(): string {
  return page({
    title: 'Sign in',
    actor: null,
    body: html`<div class="narrow card">
      <h1>Sign in to Loadwatch</h1>
      <form data-api="/api/auth/login" data-then="next" id="login-form">
        <label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required>
        <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
        <p><button type="submit">Sign in</button></p>
      </form>
      <p class="muted"><a href="/forgot-password">Forgot your password?</a></p>
    </div>`,
  });
}

export function forgotPasswordPage(): string {
  return page({
    title: 'Forgot password',
    actor: null,
    body: html`<div class="narrow card">
      <h1>Reset your password</h1>
      <form data-api="/api/auth/password-reset" data-message="If the address has an account, a link is on its way. It works for one hour.">
        <label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required>
        <p><button type="submit">Email me a link</button></p>
      </form>
      <p class="muted"><a href="/login">Back to sign in</a></p>
    </div>`,
  });
}

export function resetPasswordPage(token: string): string {
  return page({
    title: 'Choose a password',
    actor: null,
    body: html`<div class="narrow card">
      <h1>Choose a password</h1>
      <form data-api="/api/auth/password-reset/confirm" data-then="/">
        <input type="hidden" name="token" value="${token}">
        <label for="password">New password (at least 10 characters)</label>
        <input id="password" name="password" type="password" autocomplete="new-password" minlength="10" required>
        <p><button type="submit">Save and sign in</button></p>
      </form>
    </div>`,
  });
}

export function invitePage(token: string, invite: InvitePreview | null): string {
  if (!invite) {
    return page({ title: 'Invitation', actor: null, body: html`<div class="narrow card"><h1>This invitation has expired or was used</h1><p>Ask your coach to send a new one.</p></div>` });
  }
  const coach = invite.coachName ?? 'your coach';
  return page({
    title: 'Join your team',
    actor: null,
    body: html`<div class="narrow card">
      <h1>Join ${invite.teamName}</h1>
      <p>Hello ${invite.athleteName}. ${coach} invited you to Loadwatch. Your login will be <strong>${invite.email}</strong>.</p>
      <form data-api="/api/auth/invites/accept" data-then="/me" id="accept-form">
        <input type="hidden" name="token" value="${token}">
        <label for="password">Choose a password (at least 10 characters)</label>
        <input id="password" name="password" type="password" autocomplete="new-password" minlength="10" required>
        <label for="timezone">Your time zone</label>
        <input id="timezone" name="timezone" placeholder="Europe/London" data-detect-timezone>
        <label class="check"><input type="checkbox" name="shareWithCoach" id="share"> <span>Share my training data and alerts with ${coach}. I can stop sharing at any time.</span></label>
        <p><button type="submit">Create my login</button></p>
      </form>
    </div>`,
    scripts: ['/assets/timezone.js'],
  });
}
