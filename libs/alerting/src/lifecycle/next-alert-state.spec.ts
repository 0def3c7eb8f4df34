import { addDays } from '../../../training-load/src/calc';
import { acknowledge, resolve, snooze } from './human-actions';
import { nextAlertState, quietUntil, snoozedUntil } from './next-alert-state';
import { alertOf, at, CLEAR, DAY, fired, recent, SUPPRESSED } from './testing/results';

describe('nextAlertState', () => {
  describe('without an active alert', () => {
    it('should open and notify when the rule fires', () => {
      const d = nextAlertState(null, recent([CLEAR, fired('warning')]), at(20), DAY);
      expect(d.action).toBe('open');
      expect(d.notify).toBe(true);
      expect(d.alert).toMatchObject({ status: 'open', severity: 'warning', firstTriggeredOn: DAY, lastTriggeredOn: DAY, title: 'Alert (warning)' });
      expect(d.alert?.history).toEqual([
        { at: '2026-03-20T20:00:00.000Z', status: 'open', severity: 'warning', by: 'system', note: `opened on ${DAY}`, day: DAY, notified: true },
      ]);
      expect(d.historyEntry).toEqual(d.alert?.history[0]);
    });

    it('should do nothing when the rule does not fire', () => {
      expect(nextAlertState(null, recent([fired(), CLEAR]), at(20), DAY)).toMatchObject({ action: 'none', notify: false });
    });

    it('should carry contributing rules into the alert', () => {
      const r = { ...fired('high'), contributingRules: ['load-spike', 'sleep-deficit'] };
      expect(nextAlertState(null, recent([r]), at(20), DAY).alert?.contributingRules).toEqual(['load-spike', 'sleep-deficit']);
    });
  });

  describe('with an open alert', () => {
    it('should do nothing when it fires again with the same evidence', () => {
      const open = nextAlertState(null, recent([fired()]), at(8), DAY).alert ?? alertOf();
      expect(nextAlertState(open, recent([fired()]), at(20), DAY)).toMatchObject({ action: 'none', notify: false });
    });

    it('should update quietly when it fires again with new numbers', () => {
      const d = nextAlertState(alertOf(), recent([fired('warning', 1), fired('warning', 2)]), at(20), DAY);
      expect(d).toMatchObject({ action: 'update', notify: false });
      expect(d.alert).toMatchObject({ status: 'open', lastTriggeredOn: DAY, firstTriggeredOn: addDays(DAY, -1), evidence: { value: 2 }, message: 'value 2 on the day' });
      expect(d.alert?.history).toHaveLength(1);
    });

    it('should escalate and notify when severity rises', () => {
      const d = nextAlertState(alertOf(), recent([fired('warning'), fired('high')]), at(20), DAY);
      expect(d).toMatchObject({ action: 'escalate', notify: true });
      expect(d.alert?.severity).toBe('high');
      expect(d.historyEntry).toMatchObject({ status: 'open', severity: 'high', note: `severity rose from warning to high on ${DAY}`, notified: true });
    });

    it('should keep the peak severity when today is milder', () => {
      const d = nextAlertState(alertOf({ severity: 'high' }), recent([fired('info', 7)]), at(20), DAY);
      expect(d.action).toBe('update');
      expect(d.alert).toMatchObject({ severity: 'high', message: 'value 7 on the day' });
    });

    it('should resolve quietly after 3 clear days', () => {
      const d = nextAlertState(alertOf({ lastTriggeredOn: addDays(DAY, -3) }), recent([fired(), CLEAR, CLEAR, CLEAR]), at(20), DAY);
      expect(d).toMatchObject({ action: 'resolve', notify: false });
      expect(d.alert?.status).toBe('resolved');
      expect(d.historyEntry).toMatchObject({
        status: 'resolved',
        by: 'system',
        note: `condition clear for 3 days (${addDays(DAY, -2)}, ${addDays(DAY, -1)}, ${DAY})`,
      });
    });

    it.each([
      ['2 clear days', [fired(), CLEAR, CLEAR]],
      ['a day that could not be judged', [CLEAR, SUPPRESSED, CLEAR]],
      ['a trigger yesterday', [CLEAR, fired(), CLEAR]],
    ])('should not resolve after %s', (_what, results) => {
      expect(nextAlertState(alertOf(), recent(results), at(20), DAY).action).toBe('none');
    });

    it('should honour a longer clear period', () => {
      const a = alertOf();
      expect(nextAlertState(a, recent([CLEAR, CLEAR, CLEAR]), at(20), DAY, { clearDaysToResolve: 4 }).action).toBe('none');
      expect(nextAlertState(a, recent([CLEAR, CLEAR, CLEAR, CLEAR]), at(20), DAY, { clearDaysToResolve: 4 }).action).toBe('resolve');
    });
  });

  describe('with an acknowledged alert', () => {
    const acked = acknowledge(alertOf(), 'coach@team.test', 'talked to her', at(9));

    it('should stay quiet for 24 h while it fires at the same severity', () => {
      const d = nextAlertState(acked, recent([fired('warning', 3)], addDays(DAY, 1)), at(8, addDays(DAY, 1)), addDays(DAY, 1));
      expect(d).toMatchObject({ action: 'update', notify: false });
      expect(d.alert?.status).toBe('acknowledged');
      expect(quietUntil(acked)?.toISOString()).toBe('2026-03-21T09:00:00.000Z');
    });

    it('should re-alert once the 24 h are over and it still fires', () => {
      const d = nextAlertState(acked, recent([fired('warning', 3)], addDays(DAY, 1)), at(9, addDays(DAY, 1)), addDays(DAY, 1));
      expect(d).toMatchObject({ action: 'reopen', notify: true });
      expect(d.alert?.status).toBe('open');
      expect(d.historyEntry?.note).toBe(`still triggering 24 h after acknowledgement (${addDays(DAY, 1)})`);
    });

    it('should notify at once when severity rises within the 24 h', () => {
      const d = nextAlertState(acked, recent([fired('high')]), at(10), DAY);
      expect(d).toMatchObject({ action: 'escalate', notify: true });
      expect(d.alert).toMatchObject({ status: 'open', severity: 'high' });
    });

    it('should resolve after 3 clear days', () => {
      expect(nextAlertState(acked, recent([CLEAR, CLEAR, CLEAR], addDays(DAY, 3)), at(20, addDays(DAY, 3)), addDays(DAY, 3)).action).toBe('resolve');
    });
  });

  describe('with a snoozed alert', () => {
    const snoozed = snooze(alertOf(), 'coach@team.test', 'race week', new Date('2026-03-23T12:00:00Z'), at(9));

    it('should stay quiet until the snooze ends', () => {
      expect(snoozedUntil(snoozed)?.toISOString()).toBe('2026-03-23T12:00:00.000Z');
      const d = nextAlertState(snoozed, recent([fired('warning', 4)], '2026-03-22'), at(20, '2026-03-22'), '2026-03-22');
      expect(d).toMatchObject({ action: 'update', notify: false });
      expect(d.alert?.status).toBe('snoozed');
    });

    it('should re-alert after the snooze when it still fires', () => {
      const d = nextAlertState(snoozed, recent([fired('warning', 4)], '2026-03-23'), at(13, '2026-03-23'), '2026-03-23');
      expect(d).toMatchObject({ action: 'reopen', notify: true });
      expect(d.alert?.status).toBe('open');
    });

    it('should return to open quietly when the snooze ends without a trigger', () => {
      const d = nextAlertState(snoozed, recent([fired(), CLEAR], '2026-03-23'), at(13, '2026-03-23'), '2026-03-23');
      expect(d).toMatchObject({ action: 'update', notify: false });
      expect(d.alert?.status).toBe('open');
      expect(d.historyEntry?.note).toBe('snooze ended');
    });

    it('should not re-alert on a day that already had its notification', () => {
      const openedToday = nextAlertState(null, recent([fired()]), at(8), DAY).alert ?? alertOf();
      const short = snooze(openedToday, 'coach@team.test', undefined, at(10), at(9));
      const d = nextAlertState(short, recent([fired('warning', 2)]), at(11), DAY);
      expect(d).toMatchObject({ action: 'reopen', notify: false });
      const tomorrow = addDays(DAY, 1);
      expect(nextAlertState(short, recent([fired('warning', 2)], tomorrow), at(11, tomorrow), tomorrow)).toMatchObject({ action: 'reopen', notify: true });
    });

    it('should read the snooze end and the acknowledgement from the entity columns when they are set', () => {
      const row = { ...alertOf({ status: 'snoozed' as const }), snoozedUntil: new Date('2026-03-21T06:00:00Z') };
      expect(snoozedUntil(row)?.toISOString()).toBe('2026-03-21T06:00:00.000Z');
      const acked = { ...alertOf({ status: 'acknowledged' as const }), acknowledgedAt: new Date('2026-03-20T05:00:00Z') };
      expect(quietUntil(acked)?.toISOString()).toBe('2026-03-21T05:00:00.000Z');
      const reopened = nextAlertState(row, recent([fired('warning', 5)], '2026-03-21'), at(7, '2026-03-21'), '2026-03-21');
      expect(reopened).toMatchObject({ action: 'reopen', notify: true });
      expect(reopened.alert?.snoozedUntil).toBeNull();
    });

    it('should escalate through a snooze', () => {
      expect(nextAlertState(snoozed, recent([fired('high')]), at(10), DAY)).toMatchObject({ action: 'escalate', notify: true });
    });
  });

  describe('with a resolved alert', () => {
    const resolvedBySystem = alertOf({ status: 'resolved', lastTriggeredOn: addDays(DAY, -5) }, [
      { at: `${addDays(DAY, -2)}T20:00:00.000Z`, status: 'resolved', severity: 'warning', by: 'system', day: addDays(DAY, -2) },
    ]);

    it('should reopen it when it fires again within 7 days of its last trigger', () => {
      const d = nextAlertState(resolvedBySystem, recent([fired()]), at(20), DAY);
      expect(d).toMatchObject({ action: 'reopen', notify: true });
      expect(d.alert).toMatchObject({ status: 'open', lastTriggeredOn: DAY, firstTriggeredOn: resolvedBySystem.firstTriggeredOn });
    });

    it('should open a new alert when it fires again later', () => {
      const old = { ...resolvedBySystem, lastTriggeredOn: addDays(DAY, -8) };
      const d = nextAlertState(old, recent([fired()]), at(20), DAY);
      expect(d).toMatchObject({ action: 'open', notify: true });
      expect(d.alert).toMatchObject({ firstTriggeredOn: DAY, status: 'open' });
      expect(d.alert?.history).toHaveLength(1);
    });

    it('should wait 24 h after a person resolved it, unless severity rises', () => {
      const byCoach = resolve(alertOf({ lastTriggeredOn: DAY }), 'coach@team.test', 'she rested', at(9));
      expect(nextAlertState(byCoach, recent([fired()]), at(20), DAY)).toMatchObject({ action: 'none', notify: false });
      expect(nextAlertState(byCoach, recent([fired('high')]), at(20), DAY)).toMatchObject({ action: 'reopen', notify: true });
      const next = addDays(DAY, 1);
      expect(nextAlertState(byCoach, recent([fired()], next), at(9, next), next)).toMatchObject({ action: 'reopen', notify: true });
    });

    it('should not notify twice on one day at the same severity', () => {
      const notifiedToday = alertOf({ status: 'resolved', lastTriggeredOn: DAY }, [
        { at: `${DAY}T06:00:00.000Z`, status: 'resolved', severity: 'warning', by: 'system', day: DAY },
      ], DAY);
      const d = nextAlertState(notifiedToday, recent([fired()]), at(20), DAY);
      expect(d).toMatchObject({ action: 'reopen', notify: false });
    });
  });

  it.each([
    ['no results', [], DAY, /at least today/],
    ['results not ending today', recent([fired()], addDays(DAY, -1)), DAY, /last result must be today's/],
    ['results out of order', [...recent([fired()]), ...recent([fired()], addDays(DAY, -1))], DAY, /oldest first/],
    ['a bad day', recent([fired()]), '20-03-2026', /YYYY-MM-DD/],
  ])('should reject %s with a RangeError', (_what, results, today, message) => {
    expect(() => nextAlertState(null, results, at(20), today)).toThrow(RangeError);
    expect(() => nextAlertState(null, results, at(20), today)).toThrow(message);
  });

  it('should reject an invalid instant', () => {
    expect(() => nextAlertState(null, recent([fired()]), new Date(Number.NaN), DAY)).toThrow('now must be a valid Date');
  });
});
