import { composeDigest } from './digest.compose';

describe('composeDigest', () => {
  const base = { coachName: 'Kim', teamName: 'Harriers', date: '2026-11-21' };

  it('should put the athlete with the most severe alert first and mark new alerts', () => {
    const d = composeDigest({
      ...base,
      alerts: [
        { athleteName: 'Ann', title: 'Monotony for Ann', severity: 'warning', status: 'open', firstTriggeredOn: '2026-11-19', isNew: false },
        { athleteName: 'Bo', title: 'Load spike for Bo', severity: 'high', status: 'open', firstTriggeredOn: '2026-11-21', isNew: true },
      ],
      athletes: [],
    });
    expect(d.needsAttention).toEqual(['Bo', 'Ann']);
    expect(d.text.indexOf('Bo')).toBeLessThan(d.text.indexOf('Ann'));
    expect(d.text).toContain('[new] HIGH: Load spike for Bo');
    expect(d.subject).toContain('2 athlete(s) need attention, 1 new alert(s)');
    expect(d.text).toContain('not a medical diagnosis');
    expect(d.html.indexOf('Bo')).toBeLessThan(d.html.indexOf('Ann'));
    expect(d.html).toContain('<strong>new</strong> Load spike for Bo');
    expect(d.html).toContain('not a medical diagnosis');
  });

  it('should escape names and titles in the HTML part', () => {
    const d = composeDigest({
      ...base,
      coachName: 'Kim <b>',
      alerts: [{ athleteName: '<script>x</script>', title: 'Spike & "more"', severity: 'info', status: 'open', firstTriggeredOn: '2026-11-20', isNew: false }],
      athletes: [{ name: 'O\'Neil <i>', lastDataOn: null }],
    });
    expect(d.html).not.toMatch(/<script>|<b>|<i>/);
    expect(d.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(d.html).toContain('Spike &amp; &quot;more&quot;');
    expect(d.html).toContain('O&#39;Neil &lt;i&gt;');
  });

  it('should list athletes without data for three days or more, and only them', () => {
    const d = composeDigest({
      ...base,
      alerts: [],
      athletes: [
        { name: 'Fresh', lastDataOn: '2026-11-20' },
        { name: 'Two days', lastDataOn: '2026-11-19' },
        { name: 'Three days', lastDataOn: '2026-11-18' },
        { name: 'Never', lastDataOn: null },
      ],
    });
    expect(d.text).toContain('No open alerts.');
    expect(d.text).toContain('  - Three days (last 2026-11-18)');
    expect(d.text).toContain('  - Never (nothing yet)');
    expect(d.text).not.toContain('Two days');
    expect(d.text).not.toContain('Fresh');
    expect(d.html).toContain('No data for 3+ days');
    expect(d.html).toContain('Never <span style="color:#555;">(nothing yet)</span>');
    expect(d.html).not.toContain('Fresh');
  });
});
