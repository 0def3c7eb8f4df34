import fc from 'fast-check';
import { buildDailySeries } from './daily-series';
import { addDays, daysBetween, localDate } from './dates';

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

describe('buildDailySeries properties', () => {
  const sessionArb = fc.record({
    offset: fc.integer({ min: 0, max: 9 }),
    load: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0.1, 0.2, 0.3, 1e-9)),
    isRecovery: fc.boolean(),
  });

  it('should give the same days, bit for bit, whatever the order of the sessions', () => {
    const from = '2026-05-01';
    fc.assert(
      fc.property(
        fc.array(sessionArb, { maxLength: 40, size: 'max' }).chain((raw) => fc.tuple(fc.constant(raw), fc.shuffledSubarray(raw, { minLength: raw.length }))),
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        ([raw, shuffled], missing, threshold) => {
          const range = { from, to: addDays(from, 9), missingDates: missing.map((m) => addDays(from, m)) };
          const toSessions = (list: typeof raw) => list.map((s) => ({ localDate: addDays(from, s.offset), load: s.load, isRecovery: s.isRecovery }));
          const a = buildDailySeries(toSessions(raw), range, threshold);
          const b = buildDailySeries(toSessions(shuffled), range, threshold);
          expect(b).toEqual(a);
          a.forEach((day, i) => expect(Object.is(day.load, b[i].load)).toBe(true));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('should sum a day the same whichever of its sessions comes first (0.1 + 0.2 + 0.3 is order dependent)', () => {
    const range = { from: '2026-05-01', to: '2026-05-01' };
    const day = (loads: number[]) => buildDailySeries(loads.map((load) => ({ localDate: '2026-05-01', load })), range)[0].load;
    expect(0.1 + 0.2 + 0.3).not.toBe(0.3 + 0.2 + 0.1); // the float sums differ...
    expect(day([0.1, 0.2, 0.3])).toBe(day([0.3, 0.2, 0.1])); // ...the daily load does not
    expect(day([0.3, 0.1, 0.2])).toBe(day([0.2, 0.3, 0.1]));
  });

  it('should put a session on its local calendar day in any IANA time zone', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).toBeGreaterThan(300);
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date('1975-01-01T00:00:00Z'), max: new Date('2075-12-31T00:00:00Z'), noInvalidDate: true }),
        (zone, instant) => {
          const expected = dayByOffset(instant, zone);
          const day = localDate(instant, zone);
          expect(day).toBe(expected);
          expect(Math.abs(daysBetween(instant.toISOString().slice(0, 10), day))).toBeLessThanOrEqual(1);
          const utcDay = instant.toISOString().slice(0, 10);
          const series = buildDailySeries([{ localDate: day, load: 42 }], { from: addDays(utcDay, -2), to: addDays(utcDay, 2) });
          expect(series.filter((d) => d.state === 'trained')).toEqual([{ date: expected, load: 42, state: 'trained' }]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

/**
 * Independent oracle for localDate: the zone's UTC offset at the instant (Intl "longOffset", e.g. GMT+05:45),
 * added to the instant, read as a UTC calendar day.
 */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
function dayByOffset(instant: Date, zone: string): string {
  let format = offsetFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormats.set(zone, format);
  }
  const name = format
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  const m = /^GMT(?:([+-])(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(name ?? '');
  if (m === null) throw new Error(`unexpected offset ${String(name)} for ${zone}`);
  const seconds = m[1] === undefined ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0));
  return new Date(instant.getTime() + seconds * 1000).toISOString().slice(0, 10);
}
