import { parseInstant } from './instant';

describe('parseInstant', () => {
  it.each([
    ['2026-03-29T01:30:00+01:00', '2026-03-29T00:30:00.000Z'],
    ['2026-03-29T03:30:00+02:00', '2026-03-29T01:30:00.000Z'],
    ['2026-03-28T23:30:00Z', '2026-03-28T23:30:00.000Z'],
    ['2026-03-28t23:30z', '2026-03-28T23:30:00.000Z'],
    ['2026-03-28 23:30:15.25-0530', '2026-03-29T05:00:15.250Z'],
    ['2026-03-28T23:30:15,5+05', '2026-03-28T18:30:15.500Z'],
    ['2026-12-31T23:59:59.999+14:00', '2026-12-31T09:59:59.999Z'],
    ['0099-01-01T00:00:00Z', '0099-01-01T00:00:00.000Z'],
  ])('should read %s as %s', (text, iso) => {
    const result = parseInstant(text);
    expect(result.ok && result.instant.toISOString()).toBe(iso);
  });

  it.each([
    ['2026-03-29T01:30:00', 'has no UTC offset'],
    ['2026-03-29', 'must be an ISO 8601 date-time'],
    ['29/03/2026 01:30', 'must be an ISO 8601 date-time'],
    ['2026-02-29T10:00:00Z', 'is not a real calendar date'],
    ['2026-03-29T24:00:00Z', 'impossible time of day'],
    ['2026-03-29T10:60:00Z', 'impossible time of day'],
    ['2026-03-29T10:00:00+15:00', 'impossible UTC offset'],
  ])('should refuse %s', (text, message) => {
    const result = parseInstant(text);
    expect(result).toEqual({ ok: false, message: expect.stringContaining(message) });
  });
});
