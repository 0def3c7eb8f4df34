/**
 * The rich alert email: the plain-text part is today's text (renderAlertEmail) plus link lines; the HTML part is a
 * simple, inline-styled, table-based layout with no external CSS or images. Every interpolated string is escaped:
 * alert text, names and evidence are never trusted.
 */
import { type AlertEmailInput, renderAlertEmail } from '../alert-email.template';

export interface AlertEmailHtmlInput extends AlertEmailInput {
  /** Link to the athlete page (http, https only; anything else is dropped). */
  athleteUrl: string;
  /** Content-ID of the attached chart; when set the HTML shows `<img src="cid:…">`. */
  chartCid: string | null;
  unsubscribeUrl: string | null;
  /** e.g. "acute 434 AU/day vs chronic 312 AU/day → EWMA ratio 1.39" (see numbersLine). */
  numbersLine: string | null;
}

export interface RenderedHtmlEmail {
  subject: string;
  text: string;
  html: string;
}

export const NOT_A_DIAGNOSIS = 'This is an automated training-load check, not a medical diagnosis.';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

/** The URL when it is an absolute http(s) URL without whitespace or control characters, else null. */
export function safeUrl(url: string | null): string | null {
  if (url === null) return null;
  const trimmed = url.trim();
  if (!/^https?:\/\//i.test(trimmed) || /[\s\u0000-\u001f\u007f]/.test(trimmed)) return null;
  return trimmed;
}

export const SEVERITY = {
  info: { label: 'FYI', bg: '#e7f0fb', fg: '#1f4e8c', border: '#9bbce6' },
  warning: { label: 'Warning', bg: '#fff4d6', fg: '#7a4b00', border: '#e6bf5c' },
  high: { label: 'High', bg: '#fde4e4', fg: '#8c1d1d', border: '#e39a9a' },
} as const;

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');
const paragraphs = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>');

/** The shared email frame: a centred 600 px white card on grey, inline styles only (mail clients drop <style>). */
export function emailShell(title: string, bodyHtml: string): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(oneLine(title))}</title></head>` +
    `<body style="margin:0;padding:0;background:#f4f6f8;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f6f8;"><tr><td align="center" style="padding:16px;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border:1px solid #e1e4e8;border-radius:6px;">` +
    `<tr><td style="padding:24px;${FONT}font-size:15px;line-height:1.5;color:#1a1a1a;">` +
    bodyHtml +
    `</td></tr></table></td></tr></table></body></html>`
  );
}

/** Subject, plain text and HTML of an alert email. */
export function renderAlertEmailHtml(input: AlertEmailHtmlInput): RenderedHtmlEmail {
  const plain = renderAlertEmail(input);
  const athleteUrl = safeUrl(input.athleteUrl);
  const unsubscribeUrl = safeUrl(input.unsubscribeUrl);
  const whose = input.recipientIsAthlete ? 'your' : `${input.athleteName}'s`;
  const Whose = input.recipientIsAthlete ? 'Your' : `${input.athleteName}'s`;

  const links = [
    ...(athleteUrl !== null ? [`Open ${whose} page: ${athleteUrl}`] : []),
    ...(unsubscribeUrl !== null ? [`Unsubscribe from these emails: ${unsubscribeUrl}`] : []),
  ];
  const text = links.length > 0 ? `${plain.text}\n\n${links.join('\n')}` : plain.text;

  const sev = SEVERITY[input.severity];
  const e = escapeHtml;
  const evidence = Object.entries(input.evidence).filter(([, v]) => v !== null);

  const parts: string[] = [];
  parts.push(
    `<p style="margin:0 0 12px;"><span style="display:inline-block;padding:2px 10px;border-radius:10px;border:1px solid ${sev.border};background:${sev.bg};color:${sev.fg};font-size:13px;font-weight:bold;">Severity: ${e(sev.label)}</span></p>`,
    `<h1 style="margin:0 0 12px;font-size:20px;line-height:1.3;color:#1a1a1a;">${e(input.title)}</h1>`,
    `<p style="margin:0 0 12px;">Hi ${e(input.recipientName)},</p>`,
    `<p style="margin:0 0 12px;">${paragraphs(input.message)}</p>`,
  );
  if (input.numbersLine !== null && input.numbersLine.trim() !== '') {
    parts.push(`<p style="margin:0 0 12px;padding:8px 12px;background:#f4f6f8;border-radius:4px;font-weight:bold;">${e(input.numbersLine)}</p>`);
  }
  if (input.chartCid !== null && input.chartCid !== '') {
    parts.push(
      `<p style="margin:0 0 12px;"><img src="cid:${e(input.chartCid)}" width="480" height="160" style="display:block;max-width:100%;height:auto;border:1px solid #e1e4e8;" ` +
        `alt="${e(`${Whose} daily training load for up to the last 42 days (last 7 days highlighted), with the acute:chronic ratio line and its 1.3 and 1.5 marks`)}"></p>`,
    );
  }
  if (input.recommendations.length > 0) {
    parts.push(
      `<h2 style="margin:16px 0 8px;font-size:16px;color:#1a1a1a;">What to do</h2>`,
      `<ul style="margin:0 0 12px;padding-left:20px;">${input.recommendations.map((r) => `<li style="margin:0 0 4px;">${e(r)}</li>`).join('')}</ul>`,
    );
  }
  parts.push(`<h2 style="margin:16px 0 8px;font-size:16px;color:#1a1a1a;">The numbers behind ${e(whose)} alert</h2>`);
  if (evidence.length > 0) {
    parts.push(
      `<table role="table" style="border-collapse:collapse;font-size:13px;margin:0 0 8px;">` +
        `<thead><tr><th scope="col" style="text-align:left;padding:4px 8px;border-bottom:1px solid #d0d7de;">Measure</th>` +
        `<th scope="col" style="text-align:left;padding:4px 8px;border-bottom:1px solid #d0d7de;">Value</th></tr></thead><tbody>` +
        evidence
          .map(
            ([k, v]) =>
              `<tr><th scope="row" style="text-align:left;font-weight:normal;color:#555;padding:4px 8px;border-bottom:1px solid #eef0f2;">${e(k)}</th>` +
              `<td style="padding:4px 8px;border-bottom:1px solid #eef0f2;">${e(String(v))}</td></tr>`,
          )
          .join('') +
        `</tbody></table>`,
    );
  }
  parts.push(`<p style="margin:0 0 16px;font-size:13px;color:#555;">Evidence grade of this rule: ${e(input.evidenceGrade)}.</p>`);
  if (athleteUrl !== null) {
    parts.push(
      `<p style="margin:0 0 16px;"><a href="${e(athleteUrl)}" style="display:inline-block;padding:10px 18px;background:#1f4e8c;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold;">Open ${e(whose)} page</a></p>`,
    );
  }
  parts.push(`<p style="margin:16px 0 4px;font-size:12px;color:#555;">${e(NOT_A_DIAGNOSIS)}</p>`, `<p style="margin:0;font-size:12px;color:#555;">— Loadwatch</p>`);
  if (unsubscribeUrl !== null) {
    parts.push(`<p style="margin:12px 0 0;font-size:12px;color:#555;"><a href="${e(unsubscribeUrl)}" style="color:#555;">Unsubscribe from these emails</a></p>`);
  }

  const html = emailShell(input.title, parts.join(''));
  return { subject: oneLine(plain.subject), text, html };
}
