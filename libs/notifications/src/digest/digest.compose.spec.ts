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
  });
});
