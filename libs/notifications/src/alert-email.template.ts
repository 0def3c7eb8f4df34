export interface AlertEmailInput {
  athleteName: string;
  recipientName: string;
  recipientIsAthlete: boolean;
  title: string;
  message: string;
  severity: 'info' | 'warning' | 'high';
  recommendations: string[];
  evidence: Record<string, number | string | boolean | null>;
  evidenceGrade: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
}

const SEVERITY_LABEL = { info: 'FYI', warning: 'Warning', high: 'High' } as const;

/** Plain text that explains itself: what happened, the numbers, what to do. */
export function renderAlertEmail(input: AlertEmailInput): RenderedEmail {
  const you = input.recipientIsAthlete ? 'your' : `${input.athleteName}'s`;
  const evidence = Object.entries(input.evidence)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `  ${k}: ${v}`)
    .join('\n');
  const text = [
    `Hi ${input.recipientName},`,
    '',
    input.message,
    '',
    'What to do:',
    ...input.recommendations.map((r) => `  - ${r}`),
    '',
    `The numbers behind ${you} alert:`,
    evidence,
    `Evidence grade of this rule: ${input.evidenceGrade}.`,
    '',
    'This is an automated training-load check, not a medical diagnosis.',
    '— Loadwatch',
  ].join('\n');
  return { subject: `[Loadwatch · ${SEVERITY_LABEL[input.severity]}] ${input.title}`, text };
}
