import fc from 'fast-check';
import { renderAlertEmail } from '../alert-email.template';
import { type AlertEmailHtmlInput, escapeHtml, NOT_A_DIAGNOSIS, renderAlertEmailHtml, safeUrl } from './alert-email.html';

const base = (over: Partial<AlertEmailHtmlInput> = {}): AlertEmailHtmlInput => ({
  athleteName: 'Ana Ruiz',
  recipientName: 'Coach Kim',
  recipientIsAthlete: false,
  title: 'Load spike for Ana Ruiz: ratio 1.39',
  message: "Ana Ruiz's acute load is a possible risk pattern.\nIt is not a diagnosis.",
  severity: 'warning',
  recommendations: ['Take a rest day or a low-impact session', 'Build up gradually'],
  evidence: { date: '2025-03-01', acwrEwma: 1.39, ewmaAcute: 434, ewmaChronic: 312, acwrRac: null, covered: true },
  evidenceGrade: 'moderate',
  athleteUrl: 'https://loadwatch.example/athletes/42',
  chartCid: 'load-chart@loadwatch',
  unsubscribeUrl: 'https://loadwatch.example/unsubscribe?t=abc&u=1',
  numbersLine: 'acute 434 AU/day vs chronic 312 AU/day → EWMA ratio 1.39',
  ...over,
});

/** Tags the template itself writes; any other `<` would have come from input. */
const OWN_TAG = /^<(!DOCTYPE html>|\/?(html|head|meta|title|body|table|thead|tbody|tr|td|th|p|span|h1|h2|ul|li|img|a|br)[\s>])/;

describe('escapeHtml', () => {
  it('should escape the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('safeUrl', () => {
  it('should keep http(s) URLs and drop javascript:, relative and whitespace-bearing ones', () => {
    expect(safeUrl('https://a.example/x?y=1')).toBe('https://a.example/x?y=1');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('/athletes/1')).toBeNull();
    expect(safeUrl('https://a.example/x\nBcc: evil@example.com')).toBeNull();
    expect(safeUrl(null)).toBeNull();
  });
});

describe('renderAlertEmailHtml', () => {
  it('should keep the subject of the plain-text renderer', () => {
    expect(renderAlertEmailHtml(base()).subject).toBe('[Loadwatch · Warning] Load spike for Ana Ruiz: ratio 1.39');
  });

  it('should keep the plain text unchanged and append the athlete and unsubscribe links', () => {
    const input = base();
    const { text } = renderAlertEmailHtml(input);
    expect(text.startsWith(renderAlertEmail(input).text)).toBe(true);
    expect(text).toContain('Ana Ruiz');
    expect(text).toContain('acwrEwma: 1.39');
    expect(text).toContain("Open Ana Ruiz's page: https://loadwatch.example/athletes/42");
    expect(text).toContain('Unsubscribe from these emails: https://loadwatch.example/unsubscribe?t=abc&u=1');
    expect(text).toContain(NOT_A_DIAGNOSIS);
  });

  it('should say "your page" to an athlete and leave out the unsubscribe line when there is none', () => {
    const { text, html } = renderAlertEmailHtml(base({ recipientIsAthlete: true, unsubscribeUrl: null }));
    expect(text).toContain('Open your page: https://loadwatch.example/athletes/42');
    expect(text).not.toContain('Unsubscribe');
    expect(html).toContain('Open your page');
  });

  it('should escape a malicious title, athlete name, message and evidence', () => {
    const evil = '<script>alert("x")</script>';
    const { html, subject } = renderAlertEmailHtml(
      base({
        title: `${evil}\r\nBcc: a@b.c`,
        athleteName: `<img src=x onerror=alert(1)>`,
        recipientName: evil,
        message: evil,
        recommendations: [evil],
        evidence: { [evil]: evil },
        evidenceGrade: evil,
        numbersLine: evil,
        chartCid: '"><script>x</script>',
      }),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img src=x/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('src="cid:&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('should not link a javascript: athlete URL', () => {
    const { html, text } = renderAlertEmailHtml(base({ athleteUrl: 'javascript:alert(1)', unsubscribeUrl: 'javascript:void(0)' }));
    expect(html).not.toContain('javascript:');
    expect(text).not.toContain('javascript:');
  });

  it('should show the cid chart image only when chartCid is set', () => {
    expect(renderAlertEmailHtml(base()).html).toContain('<img src="cid:load-chart@loadwatch"');
    expect(renderAlertEmailHtml(base({ chartCid: null })).html).not.toContain('<img');
    expect(renderAlertEmailHtml(base({ chartCid: null })).html).not.toContain('cid:');
  });

  it('should show the unsubscribe link only when given', () => {
    expect(renderAlertEmailHtml(base()).html).toContain('<a href="https://loadwatch.example/unsubscribe?t=abc&amp;u=1"');
    expect(renderAlertEmailHtml(base({ unsubscribeUrl: null })).html).not.toMatch(/unsubscribe/i);
  });

  it('should always carry the not-a-diagnosis line', () => {
    for (const over of [{}, { chartCid: null, unsubscribeUrl: null, numbersLine: null, recommendations: [], evidence: {} }]) {
      expect(renderAlertEmailHtml(base(over)).html).toContain(NOT_A_DIAGNOSIS);
    }
  });

  it('should show the severity badge, numbers line, recommendations list, evidence table, grade and athlete button', () => {
    const { html } = renderAlertEmailHtml(base({ severity: 'high' }));
    expect(html).toContain('Severity: High');
    expect(html).toContain('acute 434 AU/day vs chronic 312 AU/day → EWMA ratio 1.39');
    expect(html).toContain('<li style="margin:0 0 4px;">Build up gradually</li>');
    expect(html).toMatch(/<th scope="row"[^>]*>ewmaChronic<\/th><td[^>]*>312<\/td>/);
    expect(html).not.toContain('acwrRac'); // nulls are left out, as in the text part
    expect(html).toContain('Evidence grade of this rule: moderate.');
    expect(html).toContain('<a href="https://loadwatch.example/athletes/42"');
    expect(html).toContain("Open Ana Ruiz&#39;s page");
    expect(html).toContain('lang="en"');
    expect(html).toContain("Ana Ruiz&#39;s acute load is a possible risk pattern.<br>It is not a diagnosis.");
  });

  it('should leave out the numbers line when it is null', () => {
    expect(renderAlertEmailHtml(base({ numbersLine: null })).html).not.toContain('EWMA ratio');
  });

  it('should never let a < from an input string into the HTML (property)', () => {
    const str = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=1>', "'<", '</td></tr></table>', '<!--', 'https://x.example/<b>'),
    );
    const value = fc.oneof(str, fc.double(), fc.boolean(), fc.constant(null));
    const input = fc.record({
      athleteName: str,
      recipientName: str,
      recipientIsAthlete: fc.boolean(),
      title: str,
      message: str,
      severity: fc.constantFrom('info' as const, 'warning' as const, 'high' as const),
      recommendations: fc.array(str, { maxLength: 4 }),
      evidence: fc.dictionary(str, value, { maxKeys: 5 }),
      evidenceGrade: str,
      athleteUrl: fc.oneof(str, fc.webUrl(), str.map((s) => `https://a.example/${s}`)),
      chartCid: fc.option(str),
      unsubscribeUrl: fc.option(fc.oneof(str, fc.webUrl())),
      numbersLine: fc.option(str),
    });
    const strip = (s: string) => s.replace(/</g, 'x');
    fc.assert(
      fc.property(input, (i) => {
        const { html } = renderAlertEmailHtml(i);
        for (const m of html.matchAll(/</g)) expect(html.slice(m.index, m.index + 16)).toMatch(OWN_TAG);
        const clean: AlertEmailHtmlInput = {
          ...i,
          athleteName: strip(i.athleteName),
          recipientName: strip(i.recipientName),
          title: strip(i.title),
          message: strip(i.message),
          recommendations: i.recommendations.map(strip),
          evidence: Object.fromEntries(Object.entries(i.evidence).map(([k, v]) => [strip(k), typeof v === 'string' ? strip(v) : v])),
          evidenceGrade: strip(i.evidenceGrade),
          athleteUrl: strip(i.athleteUrl),
          chartCid: i.chartCid === null ? null : strip(i.chartCid),
          unsubscribeUrl: i.unsubscribeUrl === null ? null : strip(i.unsubscribeUrl),
          numbersLine: i.numbersLine === null ? null : strip(i.numbersLine),
        };
        const count = (s: string) => s.split('<').length - 1;
        expect(count(html)).toBe(count(renderAlertEmailHtml(clean).html));
      }),
      { numRuns: 300, seed: 20250301 },
    );
  });
});
