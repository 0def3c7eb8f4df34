/** The two account emails: an invitation and a set-or-reset-password link. Plain text plus the shared HTML frame. */
import { emailShell, escapeHtml, type RenderedHtmlEmail } from '@app/notifications';

const BUTTON = 'display:inline-block;background:#1f6feb;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600;';

function linkEmail(subject: string, lines: string[], buttonText: string, url: string, footer: string): RenderedHtmlEmail {
  const text = `${lines.join('\n\n')}\n\n${buttonText}: ${url}\n\n${footer}`;
  const html = emailShell(
    subject,
    lines.map((l) => `<p style="margin:0 0 12px;">${escapeHtml(l)}</p>`).join('') +
      `<p style="margin:20px 0;"><a href="${escapeHtml(url)}" style="${BUTTON}">${escapeHtml(buttonText)}</a></p>` +
      `<p style="margin:16px 0 0;font-size:13px;color:#57606a;">${escapeHtml(footer)}</p>`,
  );
  return { subject, text, html };
}

export function renderInviteEmail(input: { athleteName: string; coachName: string; teamName: string; url: string; expiresAt: Date }): RenderedHtmlEmail {
  return linkEmail(
    `${input.coachName} invited you to Loadwatch (${input.teamName})`,
    [
      `Hello ${input.athleteName},`,
      `${input.coachName} coaches ${input.teamName} with Loadwatch, which turns the workouts your tracker records into training-load trends and early warnings about overload and back pain.`,
      'Accept to set your password. You decide whether your coach sees your data, and you can stop sharing at any time.',
    ],
    'Accept the invitation',
    input.url,
    `The link works once, until ${input.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. If you did not expect this email, ignore it.`,
  );
}

export function renderPasswordEmail(input: { name: string; url: string; expiresAt: Date; firstTime: boolean }): RenderedHtmlEmail {
  return linkEmail(
    input.firstTime ? 'Set your Loadwatch password' : 'Reset your Loadwatch password',
    [
      `Hello ${input.name},`,
      input.firstTime
        ? 'An account was created for you on Loadwatch. Choose a password to sign in.'
        : 'Someone (hopefully you) asked to reset the password of your Loadwatch account.',
    ],
    input.firstTime ? 'Set your password' : 'Choose a new password',
    input.url,
    `The link works once, until ${input.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. If you did not ask for it, ignore this email: your password stays as it is.`,
  );
}
