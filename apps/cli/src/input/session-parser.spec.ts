import type { InputError, Parsed } from './input-error';
import { readInputDocument } from './input-file';
import { parseSessions, type SessionRow } from './session-parser';

function parse(text: string, timeZone = 'UTC', fileName = 'sessions.csv'): Parsed<SessionRow[]> {
  const doc = readInputDocument(fileName, text);
  if (!doc.ok) return doc;
  expect(doc.value.kind).toBe('sessions');
  return parseSessions(doc.value.table, timeZone);
}

function rowsOf(result: Parsed<SessionRow[]>): SessionRow[] {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

function errorsOf(result: Parsed<SessionRow[]>): InputError[] {
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

const HEADER = 'start,duration_min,rpe,avg_hr,sport,external_id';

describe('parseSessions', () => {
  it('should read every column into a typed row', () => {
    const text = 'start,duration_min,moving_min,rpe,avg_hr,sport,distance_m,external_id,tags\n2026-03-02T07:00:00+01:00,60,55,5,142,"trail, run",10500,a1,core;Recovery\n';
    expect(rowsOf(parse(text, 'Europe/Berlin'))).toEqual([
      {
        line: 2,
        where: 'line 2',
        localDate: '2026-03-02',
        startMs: Date.UTC(2026, 2, 2, 6, 0),
        durationS: 3600,
        movingTimeS: 3300,
        rpe: 5,
        avgHr: 142,
        sport: 'trail, run',
        distanceM: 10500,
        externalId: 'a1',
        tags: ['core', 'recovery'],
      },
    ]);
  });

  it('should take a plain date as the local date, and accept seconds instead of minutes', () => {
    const [row] = rowsOf(parse('date,duration_s,rpe\n2026-03-29,2700,6\n', 'Pacific/Auckland'));
    expect(row).toMatchObject({ localDate: '2026-03-29', startMs: null, durationS: 2700, rpe: 6 });
  });

  it('should put a session on the local date of its start in the time zone, across the DST change', () => {
    // Berlin moves from CET (+01:00) to CEST (+02:00) at 2026-03-29 02:00 local time.
    const text = [
      'start,duration_min,rpe',
      '2026-03-28T23:30:00Z,45,6', // 00:30 CET on the 29th
      '2026-03-29T01:30:00+01:00,30,4', // 00:30 UTC; 01:30 CET, just before the change
      '2026-03-29T03:30:00+02:00,30,4', // 01:30 UTC, just after it
      '2026-03-29T22:30:00Z,30,4', // 00:30 CEST on the 30th
      '2026-03-29T23:59:00+02:00,10,3',
    ].join('\n');
    const days = (tz: string): string[] => rowsOf(parse(text, tz)).map((r) => r.localDate);
    expect(days('Europe/Berlin')).toEqual(['2026-03-29', '2026-03-29', '2026-03-29', '2026-03-30', '2026-03-29']);
    expect(days('UTC')).toEqual(['2026-03-28', '2026-03-29', '2026-03-29', '2026-03-29', '2026-03-29']);
    expect(days('America/Los_Angeles')).toEqual(['2026-03-28', '2026-03-28', '2026-03-28', '2026-03-29', '2026-03-29']);
  });

  it('should accept camelCase and snake_case JSON fields, numbers as text, and tags as an array', () => {
    const text = JSON.stringify([
      { start: '2026-03-02T07:00:00Z', durationMin: 60, rpe: '5', avgHr: null, tags: ['Core'] },
      { date: '2026-03-03', duration_s: '1800', moving_s: 1700, externalId: 7 },
    ]);
    const rows = rowsOf(parse(text, 'UTC', 'sessions.json'));
    expect(rows.map((r) => [r.where, r.localDate, r.durationS, r.movingTimeS, r.rpe, r.avgHr, r.externalId, r.tags])).toEqual([
      ['index 0', '2026-03-02', 3600, null, 5, null, null, ['core']],
      ['index 1', '2026-03-03', 1800, 1700, null, null, '7', []],
    ]);
  });

  it.each([
    ['an unknown column', 'start,duration_min,rpe,effort\n2026-03-02T07:00:00Z,60,5,hard\n', 1, 'unknown column "effort"'],
    ['a header without a day column', 'duration_min,rpe\n60,5\n', 1, 'missing column: needs "start" or "date"'],
    ['a header without a duration column', 'start,rpe\n2026-03-02T07:00:00Z,5\n', 1, 'missing column: needs "duration_min" or "duration_s"'],
    ['both duration columns', 'date,duration_min,duration_s\n2026-03-02,60,3600\n', 1, 'has both "duration_min" and "duration_s"'],
    ['a bad date', 'date,duration_min\n2026-03-02,60\n2026-02-29,60\n', 3, 'date must be a calendar date YYYY-MM-DD, got "2026-02-29"'],
    ['a start without an offset', `${HEADER}\n2026-03-02T07:00:00,60,5,,,\n`, 2, 'has no UTC offset'],
    ['a start that is not a date-time', `${HEADER}\n2026-03-02T7h,60,5,,,\n`, 2, 'must be an ISO 8601 date-time with a UTC offset'],
    ['a start at an impossible time', `${HEADER}\n2026-03-02T24:30:00Z,60,5,,,\n`, 2, 'impossible time of day'],
    ['a start on an impossible day', `${HEADER}\n2026-04-31T10:00:00Z,60,5,,,\n`, 2, 'is not a real calendar date'],
    ['a row without a day', 'date,start,duration_min\n,,60\n', 2, 'needs a start'],
    ['a date that disagrees with the start', 'date,start,duration_min\n2026-03-02,2026-03-02T23:30:00-05:00,60\n', 2, 'is not the local date of start'],
    ['a negative duration', `${HEADER}\n2026-03-02T07:00:00Z,-60,5,,,\n`, 2, 'duration_min must not be negative, got "-60"'],
    ['an empty duration', `${HEADER}\n2026-03-02T07:00:00Z,,5,,,\n`, 2, 'needs a duration'],
    ['a non-numeric duration', `${HEADER}\n2026-03-02T07:00:00Z,1h,5,,,\n`, 2, 'duration_min must be a number, got "1h"'],
    ['an RPE above 10', `${HEADER}\n2026-03-02T07:00:00Z,60,5,,,\n2026-03-03T07:00:00Z,60,11,,,\n`, 3, 'rpe must be between 0 and 10, got "11"'],
    ['a negative RPE', `${HEADER}\n2026-03-02T07:00:00Z,60,-1,,,\n`, 2, 'rpe must be between 0 and 10, got "-1"'],
    ['a non-numeric RPE', `${HEADER}\n2026-03-02T07:00:00Z,60,hard,,,\n`, 2, 'rpe must be a number, got "hard"'],
    ['an average HR of 0', `${HEADER}\n2026-03-02T07:00:00Z,60,,0,,\n`, 2, 'avg_hr must be greater than 0 and at most 300 bpm, got "0"'],
    ['a moving time longer than the duration', 'date,duration_min,moving_min\n2026-03-02,60,75\n', 2, 'moving time (75 min) is longer than the duration (60 min)'],
    ['a duplicate external_id', `${HEADER}\n2026-03-02T07:00:00Z,60,5,,run,x1\n\n2026-03-03T07:00:00Z,60,5,,run,x1\n`, 4, 'external_id "x1" appears twice (first at line 2)'],
    ['too many cells', 'date,duration_min\n2026-03-02,60,5\n', 2, 'has 3 cells but the header has 2 columns'],
  ])('should reject %s, naming the line', (_name, text, line, message) => {
    expect(errorsOf(parse(text))).toEqual([expect.objectContaining({ line, where: `line ${line}`, message: expect.stringContaining(message) })]);
  });

  it('should report every bad row, not only the first', () => {
    const text = `${HEADER}\n2026-03-02T07:00:00Z,60,12,,,\n2026-03-03T07:00:00Z,60,5,,,\n2026-03-04T07:00:00Z,-5,5,,,\n`;
    expect(errorsOf(parse(text)).map((e) => e.line)).toEqual([2, 4]);
  });

  it.each([
    ['an unknown field', { date: '2026-03-02', durationMin: 60, mood: 'good' }, 'unknown field "mood"'],
    ['two spellings of one field', { date: '2026-03-02', durationMin: 60, duration_min: 60 }, '"durationMin" and "duration_min" are the same field'],
    ['both duration fields with values', { date: '2026-03-02', durationMin: 60, durationS: 3600 }, 'has both "durationMin" and "durationS"'],
    ['a boolean RPE', { date: '2026-03-02', durationMin: 60, rpe: true }, 'rpe must be a number, got true'],
    ['a numeric date', { date: 20260302, durationMin: 60 }, 'date must be a calendar date YYYY-MM-DD, got "20260302"'],
    ['tags that are not strings', { date: '2026-03-02', durationMin: 60, tags: [1] }, 'tags must be text'],
  ])('should reject a JSON session with %s, naming its index', (_name, session, message) => {
    const text = JSON.stringify({ sessions: [{ date: '2026-03-01', durationMin: 30, rpe: 3 }, session] });
    expect(errorsOf(parse(text, 'UTC', 'in.json'))).toEqual([expect.objectContaining({ line: 1, where: 'sessions[1]', message: expect.stringContaining(message) })]);
  });

  it('should allow an unused exclusive field set to null in JSON', () => {
    const text = JSON.stringify([{ date: '2026-03-02', durationMin: 60, durationS: null, rpe: 4 }]);
    expect(rowsOf(parse(text, 'UTC', 'in.json'))).toHaveLength(1);
  });
});
