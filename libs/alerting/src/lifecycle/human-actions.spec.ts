import { acknowledge, resolve, snooze } from './human-actions';
import { acknowledgedAt, humanResolvedAt, snoozedUntil } from './next-alert-state';
import { alertOf, at } from './testing/results';

const COACH = 'coach@team.test';
const until = new Date('2026-03-22T08:00:00Z');

describe('human alert actions', () => {
  it('should acknowledge an open alert and append who, when and why', () => {
    const open = alertOf();
    const acked = acknowledge(open, COACH, ' spoke to Mara ', at(9));
    expect(acked.status).toBe('acknowledged');
    expect(acked.history[acked.history.length - 1]).toEqual({ at: '2026-03-20T09:00:00.000Z', status: 'acknowledged', severity: 'warning', by: COACH, note: 'spoke to Mara' });
    expect(acknowledgedAt(acked)?.toISOString()).toBe('2026-03-20T09:00:00.000Z');
    expect(acked.acknowledgedAt?.toISOString()).toBe('2026-03-20T09:00:00.000Z');
    expect(open.status).toBe('open');
    expect(open.history).toHaveLength(1);
  });

  it('should resolve an open, acknowledged or snoozed alert', () => {
    for (const a of [alertOf(), acknowledge(alertOf(), COACH, undefined, at(8)), snooze(alertOf(), COACH, undefined, until, at(8))]) {
      const r = resolve(a, COACH, 'rested two days', at(10));
      expect(r.status).toBe('resolved');
      expect(r.history[r.history.length - 1]).toMatchObject({ status: 'resolved', by: COACH, note: 'rested two days' });
      expect(humanResolvedAt(r)?.toISOString()).toBe('2026-03-20T10:00:00.000Z');
    }
  });

  it('should snooze with an end, extend a snooze, and acknowledge a snoozed alert', () => {
    const s = snooze(alertOf(), COACH, 'taper week', until, at(9));
    expect(s.status).toBe('snoozed');
    expect(s.history[s.history.length - 1]).toEqual({ at: '2026-03-20T09:00:00.000Z', status: 'snoozed', severity: 'warning', by: COACH, note: 'taper week', until: until.toISOString() });
    expect(s.snoozedUntil?.toISOString()).toBe(until.toISOString());
    const longer = snooze(s, COACH, undefined, new Date('2026-03-25T08:00:00Z'), at(10));
    expect(snoozedUntil(longer)?.toISOString()).toBe('2026-03-25T08:00:00.000Z');
    const acked = acknowledge(longer, COACH, undefined, at(11));
    expect([acked.status, acked.snoozedUntil]).toEqual(['acknowledged', null]);
    expect(resolve(s, COACH, undefined, at(12)).snoozedUntil).toBeNull();
  });

  it('should leave out a blank note', () => {
    const acked = acknowledge(alertOf(), COACH, '   ', at(9));
    expect('note' in acked.history[acked.history.length - 1]).toBe(false);
  });

  it.each([
    ['acknowledging an acknowledged alert', () => acknowledge(acknowledge(alertOf(), COACH, undefined, at(8)), COACH, undefined, at(9)), 'alert is already acknowledged'],
    ['acknowledging a resolved alert', () => acknowledge(alertOf({ status: 'resolved' }), COACH, undefined, at(9)), 'cannot acknowledge a resolved alert'],
    ['resolving a resolved alert', () => resolve(alertOf({ status: 'resolved' }), COACH, undefined, at(9)), 'alert is already resolved'],
    ['snoozing a resolved alert', () => snooze(alertOf({ status: 'resolved' }), COACH, undefined, until, at(9)), 'cannot snooze a resolved alert'],
    ['a snooze ending in the past', () => snooze(alertOf(), COACH, undefined, at(8), at(9)), 'must be after now'],
    ['a snooze longer than 30 days', () => snooze(alertOf(), COACH, undefined, new Date('2026-05-01T00:00:00Z'), at(9)), 'at most 30 days'],
    ['an invalid snooze end', () => snooze(alertOf(), COACH, undefined, new Date('nope'), at(9)), 'until'],
    ['no actor', () => acknowledge(alertOf(), ' ', undefined, at(9)), 'by must name the person acting'],
    ['the reserved system actor', () => resolve(alertOf(), 'System', undefined, at(9)), '"system" is reserved'],
    ['an over-long note', () => resolve(alertOf(), COACH, 'x'.repeat(2001), at(9)), 'at most 2000 characters'],
    ['an invalid instant', () => resolve(alertOf(), COACH, undefined, new Date(Number.NaN)), 'now must be a valid Date'],
  ])('should reject %s with a RangeError', (_what, act, message) => {
    expect(act).toThrow(RangeError);
    expect(act).toThrow(message);
  });
});
