import fc from 'fast-check';
import { buildDailySeries } from './daily-series';
import { addDays } from './dates';

const range = { from: '2026-03-27', to: '2026-03-31' };

describe('buildDailySeries', () => {
  it('should return one entry per day of the range, zero-filled, with loads summed per day', () => {
    const days = buildDailySeries(
      [
        { localDate: '2026-03-27', load: 300 },
        { localDate: '2026-03-29', load: 200 },
        { localDate: '2026-03-29', load: 150 },
      ],
      range,
    );
    expect(days).toEqual([
      { date: '2026-03-27', load: 300, state: 'trained' },
      { date: '2026-03-28', load: 0, state: 'rest' },
      { date: '2026-03-29', load: 350, state: 'trained' },
      { date: '2026-03-30', load: 0, state: 'rest' },
      { date: '2026-03-31', load: 0, state: 'rest' },
    ]);
  });

  it('should let missing dates win over sessions, keeping the load for display', () => {
    const days = buildDailySeries([{ localDate: '2026-03-28', load: 90 }], { ...range, missingDates: new Set(['2026-03-28', '2026-03-30']) });
    expect(days.map((d) => d.state)).toEqual(['rest', 'missing', 'rest', 'missing', 'rest']);
    expect(days[1].load).toBe(90);
  });

  it('should make a day with only recovery sessions a rest day, whatever their load', () => {
    const days = buildDailySeries(
      [
        { localDate: '2026-03-27', load: 80, isRecovery: true },
        { localDate: '2026-03-27', load: 40, isRecovery: true },
        { localDate: '2026-03-28', load: 80, isRecovery: true },
        { localDate: '2026-03-28', load: 200 },
      ],
      range,
    );
    expect(days[0]).toEqual({ date: '2026-03-27', load: 120, state: 'rest' });
    expect(days[1]).toEqual({ date: '2026-03-28', load: 280, state: 'trained' });
  });

  it('should make a day whose non-recovery load is at or below the rest threshold a rest day', () => {
    const days = buildDailySeries(
      [
        { localDate: '2026-03-27', load: 30 },
        { localDate: '2026-03-28', load: 30.5 },
        { localDate: '2026-03-29', load: 20 },
        { localDate: '2026-03-29', load: 100, isRecovery: true },
      ],
      range,
      30,
    );
    expect(days.map((d) => d.state)).toEqual(['rest', 'trained', 'rest', 'rest', 'rest']);
  });

  it('should treat a zero-load non-recovery session as rest with the default threshold 0', () => {
    expect(buildDailySeries([{ localDate: '2026-03-27', load: 0 }], range)[0].state).toBe('rest');
  });

  it('should ignore sessions and missing dates outside the range', () => {
    const days = buildDailySeries(
      [
        { localDate: '2026-03-26', load: 500 },
        { localDate: '2026-04-01', load: 500 },
      ],
      { ...range, missingDates: ['2026-03-26'] },
    );
    expect(days).toHaveLength(5);
    expect(days.every((d) => d.load === 0 && d.state === 'rest')).toBe(true);
  });

  it('should reject a reversed range, bad dates, bad loads and a bad threshold', () => {
    expect(() => buildDailySeries([], { from: '2026-03-31', to: '2026-03-27' })).toThrow(RangeError);
    expect(() => buildDailySeries([], { from: '2026-02-30', to: '2026-03-27' })).toThrow(RangeError);
    expect(() => buildDailySeries([{ localDate: '2026/03/28', load: 1 }], range)).toThrow(RangeError);
    expect(() => buildDailySeries([{ localDate: '2026-03-28', load: -1 }], range)).toThrow(RangeError);
    expect(() => buildDailySeries([{ localDate: '2026-03-28', load: Number.NaN }], range)).toThrow(RangeError);
    expect(() => buildDailySeries([], { ...range, missingDates: ['yesterday'] })).toThrow(RangeError);
    expect(() => buildDailySeries([], range, -1)).toThrow(RangeError);
  });

  it('should keep every in-range session load and give consecutive dates for any input', () => {
    const start = '2026-01-01';
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.record({ offset: fc.integer({ min: -5, max: 65 }), load: fc.integer({ min: 0, max: 1000 }), isRecovery: fc.boolean() })),
        (length, raw) => {
          const to = addDays(start, length - 1);
          const days = buildDailySeries(raw.map((s) => ({ localDate: addDays(start, s.offset), load: s.load, isRecovery: s.isRecovery })), { from: start, to });
          expect(days).toHaveLength(length);
          days.forEach((d, i) => expect(d.date).toBe(addDays(start, i)));
          const inRange = raw.filter((s) => s.offset >= 0 && s.offset < length);
          expect(days.reduce((sum, d) => sum + d.load, 0)).toBe(inRange.reduce((sum, s) => sum + s.load, 0));
          for (const [i, d] of days.entries()) {
            const training = inRange.filter((s) => s.offset === i && !s.isRecovery).reduce((sum, s) => sum + s.load, 0);
            expect(d.state).toBe(training > 0 ? 'trained' : 'rest');
          }
        },
      ),
    );
  });
});
