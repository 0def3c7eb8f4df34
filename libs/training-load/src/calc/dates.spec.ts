import fc from 'fast-check';
import { addDays, daysBetween, eachDay, fromDayNumber, isIsoDate, localDate, toDayNumber } from './dates';

const HOUR = 3_600_000;

/** Oracle independent of Intl: the UTC calendar day of `ms + offsetMs`. */
function utcDayWithOffset(ms: number, offsetMs: number): string {
  return new Date(ms + offsetMs).toISOString().slice(0, 10);
}

describe('calendar-day helpers', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-29', 0, '2026-03-29'],
    ['2026-01-01', 365, '2027-01-01'],
    ['0099-12-31', 1, '0100-01-01'],
  ])('should add to %s %d days giving %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it('should count calendar days across DST changes without drift', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-31', '2026-11-02')).toBe(2);
    expect(daysBetween('2026-01-01', '2025-12-31')).toBe(-1);
    expect(daysBetween('1970-01-01', '2026-01-01')).toBe(20454);
  });

  it('should list every day of a range, both ends included, and nothing for a reversed range', () => {
    expect(eachDay('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(eachDay('2026-05-05', '2026-05-05')).toEqual(['2026-05-05']);
    expect(eachDay('2026-05-06', '2026-05-05')).toEqual([]);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-00-10', '2026-1-05', '26-01-05', '2026-01-05T00:00:00Z', '', ' 2026-01-05'])(
    'should reject %j as a calendar date',
    (bad) => {
      expect(isIsoDate(bad)).toBe(false);
      expect(() => toDayNumber(bad)).toThrow(RangeError);
      expect(() => addDays(bad, 1)).toThrow(RangeError);
    },
  );

  it('should reject non-integer day offsets and out-of-range day numbers', () => {
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
    expect(() => fromDayNumber(toDayNumber('9999-12-31') + 1)).toThrow(RangeError);
    expect(isIsoDate(20260101)).toBe(false);
  });

  it('should round-trip any day number between years 0000 and 9999', () => {
    const min = toDayNumber('0000-01-01');
    const max = toDayNumber('9999-12-31');
    fc.assert(
      fc.property(fc.integer({ min, max }), fc.integer({ min: -400, max: 400 }), (day, shift) => {
        const date = fromDayNumber(day);
        expect(isIsoDate(date)).toBe(true);
        expect(toDayNumber(date)).toBe(day);
        if (day + shift >= min && day + shift <= max) expect(daysBetween(date, addDays(date, shift))).toBe(shift);
      }),
    );
  });
});

describe('localDate', () => {
  it.each([
    // Europe/Berlin: CET → CEST at 2026-03-29 01:00 UTC
    ['2026-03-28T22:59:59.999Z', 'Europe/Berlin', '2026-03-28'],
    ['2026-03-28T23:00:00Z', 'Europe/Berlin', '2026-03-29'],
    ['2026-03-29T21:59:59.999Z', 'Europe/Berlin', '2026-03-29'], // 23:59:59 CEST
    ['2026-03-29T22:00:00Z', 'Europe/Berlin', '2026-03-30'],
    // America/New_York: EDT → EST at 2026-11-01 06:00 UTC
    ['2026-11-01T03:59:59Z', 'America/New_York', '2026-10-31'], // 23:59:59 EDT
    ['2026-11-01T04:00:00Z', 'America/New_York', '2026-11-01'],
    ['2026-11-02T04:59:59Z', 'America/New_York', '2026-11-01'], // 23:59:59 EST
    ['2026-11-02T05:00:00Z', 'America/New_York', '2026-11-02'],
    // far from UTC and half/quarter-hour offsets
    ['2026-06-30T09:59:59Z', 'Pacific/Kiritimati', '2026-06-30'],
    ['2026-06-30T10:00:00Z', 'Pacific/Kiritimati', '2026-07-01'],
    ['2026-07-01T10:59:59Z', 'Pacific/Pago_Pago', '2026-06-30'],
    ['2026-01-01T18:14:59Z', 'Asia/Kathmandu', '2026-01-01'],
    ['2026-01-01T18:15:00Z', 'Asia/Kathmandu', '2026-01-02'],
    ['2026-01-01T18:29:59Z', 'Asia/Kolkata', '2026-01-01'],
    ['2026-01-01T18:30:00Z', 'Asia/Kolkata', '2026-01-02'],
    ['2026-12-31T23:59:59Z', 'UTC', '2026-12-31'],
  ])('should map %s in %s to %s', (iso, zone, expected) => {
    expect(localDate(new Date(iso), zone)).toBe(expected);
  });

  it('should throw a RangeError for an invalid Date or an unknown zone', () => {
    expect(() => localDate(new Date('nope'), 'UTC')).toThrow(RangeError);
    expect(() => localDate(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('should match the DST rules of Europe/Berlin and America/New_York for any instant of 2026', () => {
    const berlinSummer = [Date.parse('2026-03-29T01:00:00Z'), Date.parse('2026-10-25T01:00:00Z')];
    const nySummer = [Date.parse('2026-03-08T07:00:00Z'), Date.parse('2026-11-01T06:00:00Z')];
    const inSummer = (ms: number, [from, to]: number[]) => ms >= from && ms < to;
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-31T23:59:59Z') }), (ms) => {
        expect(localDate(new Date(ms), 'Europe/Berlin')).toBe(utcDayWithOffset(ms, (inSummer(ms, berlinSummer) ? 2 : 1) * HOUR));
        expect(localDate(new Date(ms), 'America/New_York')).toBe(utcDayWithOffset(ms, (inSummer(ms, nySummer) ? -4 : -5) * HOUR));
      }),
      { numRuns: 500 },
    );
  });

  it('should land on the right day near the 2026 DST transitions (instants within 48 h of them)', () => {
    const transitions = ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'].map(Date.parse);
    fc.assert(
      fc.property(fc.constantFrom(...transitions), fc.integer({ min: -48 * HOUR, max: 48 * HOUR }), (at, delta) => {
        const ms = at + delta;
        const summer = at === transitions[0] ? delta >= 0 : delta < 0;
        expect(localDate(new Date(ms), 'Europe/Berlin')).toBe(utcDayWithOffset(ms, (summer ? 2 : 1) * HOUR));
      }),
      { numRuns: 300 },
    );
  });

  it('should match fixed-offset zones for any instant of 2000–2100', () => {
    const zones: [string, number][] = [
      ['UTC', 0],
      ['Asia/Kolkata', 5.5 * HOUR],
      ['Asia/Kathmandu', 5.75 * HOUR],
      ['Pacific/Kiritimati', 14 * HOUR],
      ['Etc/GMT+10', -10 * HOUR],
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2100-12-31T23:59:59Z') }),
        fc.constantFrom(...zones),
        (ms, [zone, offset]) => {
          expect(localDate(new Date(ms), zone)).toBe(utcDayWithOffset(ms, offset));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('should agree with a direct Intl computation (toLocaleDateString en-CA) in zones with odd DST rules', () => {
    const zones = ['Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Europe/Dublin', 'America/Santiago', 'Asia/Tehran'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2040-12-31T23:59:59Z') }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const direct = new Date(ms).toLocaleDateString('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
          expect(localDate(new Date(ms), zone)).toBe(direct);
        },
      ),
      { numRuns: 500 },
    );
  });
});
