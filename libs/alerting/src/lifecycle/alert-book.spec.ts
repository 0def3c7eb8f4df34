import { activeRows, applyDecision, currentAlert, EMPTY_BOOK } from './alert-book';
import { resolve } from './human-actions';
import { alertOf, at } from './testing/results';

describe('alert book', () => {
  it('should insert on open and replace the latest row of the rule otherwise', () => {
    const opened = applyDecision(EMPTY_BOOK, 'no-rest', { action: 'open', alert: alertOf() });
    const updated = applyDecision(opened, 'no-rest', { action: 'update', alert: alertOf({ message: 'new numbers' }) });
    expect(updated.rows).toHaveLength(1);
    expect(currentAlert(updated, 'no-rest')?.alert.message).toBe('new numbers');
    expect(applyDecision(updated, 'no-rest', { action: 'none' })).toBe(updated);
  });

  it('should refuse a second active alert for one rule, like the database index', () => {
    const opened = applyDecision(EMPTY_BOOK, 'no-rest', { action: 'open', alert: alertOf() });
    expect(() => applyDecision(opened, 'no-rest', { action: 'open', alert: alertOf() })).toThrow('open for no-rest while an active alert exists');
    const closed = applyDecision(opened, 'no-rest', { action: 'update', alert: resolve(alertOf(), 'coach', undefined, at(9)) });
    const again = applyDecision(closed, 'no-rest', { action: 'open', alert: alertOf() });
    expect([again.rows.length, activeRows(again, 'no-rest').length]).toEqual([2, 1]);
  });

  it('should refuse an update without a row', () => {
    expect(() => applyDecision(EMPTY_BOOK, 'form', { action: 'update', alert: alertOf() })).toThrow('update for form without a row');
  });
});
