import { decodeText, readInputDocument, type InputDocument } from './input-file';
import type { InputError, Parsed } from './input-error';

function docOf(result: Parsed<InputDocument>): InputDocument {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

function errorsOf(result: Parsed<unknown>): InputError[] {
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('decodeText', () => {
  it('should decode UTF-8 with and without a byte-order mark', () => {
    expect(decodeText(Buffer.from('date,load\n'))).toEqual({ ok: true, value: 'date,load\n' });
    expect(decodeText(Buffer.from('\uFEFFdate,sport\n2026-01-01,Läufe\n'))).toEqual({ ok: true, value: 'date,sport\n2026-01-01,Läufe\n' });
  });

  it('should decode UTF-16 with a byte-order mark, as some spreadsheets save "Unicode text"', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('date,load\n', 'utf16le')]);
    expect(decodeText(le)).toEqual({ ok: true, value: 'date,load\n' });
    const be = Buffer.from(Buffer.from('\uFEFFdate', 'utf16le').swap16());
    expect(decodeText(be)).toEqual({ ok: true, value: 'date' });
  });

  it('should refuse bytes that are not UTF-8, such as Latin-1 from an old export', () => {
    expect(errorsOf(decodeText(Buffer.from([0x64, 0x61, 0xe4, 0x0a])))).toEqual([
      { line: null, where: 'file', message: 'is not UTF-8 text (save it as "CSV UTF-8" or JSON)' },
    ]);
  });
});

describe('readInputDocument', () => {
  it.each([
    ['a CSV file with a load column', 'loads.csv', 'date,load\n2026-03-01,5\n', 'dailyLoads'],
    ['a CSV file without one', 'sessions.csv', 'date,duration_min,rpe\n2026-03-01,5,5\n', 'sessions'],
    ['a ;-separated daily-loads file', 'loads.csv', 'date;load\n2026-03-01;4,5\n', 'dailyLoads'],
    ['a JSON array of daily loads', 'loads.json', '[{"date": "2026-03-01", "load": 5}]', 'dailyLoads'],
    ['a JSON array of sessions', 'x.json', '[{"date": "2026-03-01", "durationMin": 5}]', 'sessions'],
    ['a JSON object with sessions', 'x.json', '{"sessions": [{"date": "2026-03-01", "durationMin": 5}]}', 'sessions'],
    ['a JSON object with daily_loads', 'x.json', '{"daily_loads": [{"date": "2026-03-01", "load": 5}]}', 'dailyLoads'],
    ['JSON content in a .csv file', 'x.csv', ' \n[{"date": "2026-03-01", "load": 5}]', 'dailyLoads'],
    ['CSV content in a .txt file', 'x.txt', 'date,load\n2026-03-01,5\n', 'dailyLoads'],
  ])('should recognize %s', (_name, fileName, text, kind) => {
    expect(docOf(readInputDocument(fileName, text)).kind).toBe(kind);
  });

  it('should mark decimal commas as allowed only for ;- or TAB-separated CSV', () => {
    expect(docOf(readInputDocument('a.csv', 'date;load\n2026-03-01;4,5\n')).table.decimalComma).toBe(true);
    expect(docOf(readInputDocument('a.csv', 'date,load\n2026-03-01,4\n')).table.decimalComma).toBe(false);
  });

  it('should carry the time zone and athlete of a JSON object', () => {
    const doc = docOf(
      readInputDocument('a.json', '{"timezone": "Europe/Berlin", "athlete": {"sex": "Female", "hr_rest": 48, "hrMax": "188"}, "sessions": [{"date": "2026-03-01", "durationMin": 5}]}'),
    );
    expect(doc).toMatchObject({ timezone: 'Europe/Berlin', athlete: { sex: 'female', hrRest: 48, hrMax: 188 } });
  });

  it.each([
    ['an empty file', 'a.csv', '', 'the file is empty'],
    ['a file of blank lines', 'a.csv', '\uFEFF\r\n \n\t\n', 'the file is empty'],
    ['a file of blank CSV rows only', 'a.csv', ',,\n,,\n', 'the file is empty'],
    ['a header without data rows', 'a.csv', 'date,load\n,\n', 'the file has a header but no data rows'],
    ['a .json file that is not JSON', 'a.json', 'date,load\n', 'is not JSON: it should start with [ or {'],
    ['an empty JSON array', 'a.json', '[]', 'the array is empty'],
    ['an empty sessions array', 'a.json', '{"sessions": []}', '"sessions" is empty'],
    ['a JSON object without rows', 'a.json', '{"timezone": "UTC"}', 'needs a "sessions" or a "dailyLoads" array'],
    ['a JSON object with both kinds of rows', 'a.json', '{"sessions": [], "dailyLoads": []}', 'has both "sessions" and "dailyLoads"'],
    ['sessions that are not an array', 'a.json', '{"sessions": {"date": "2026-03-01"}}', '"sessions" must be an array'],
    ['an unknown top-level field', 'a.json', '{"athleteId": 3, "sessions": [{"date": "2026-03-01", "durationMin": 5}]}', 'unknown top-level field "athleteId"'],
    ['a numeric time zone', 'a.json', '{"timezone": 1, "sessions": [{"date": "2026-03-01", "durationMin": 5}]}', '"timezone" must be a string'],
  ])('should reject %s', (_name, fileName, text, message) => {
    expect(errorsOf(readInputDocument(fileName, text))).toEqual([expect.objectContaining({ message: expect.stringContaining(message) })]);
  });

  it('should name the line and column of a JSON syntax error', () => {
    const text = '[\n  {"date": "2026-03-01", "load": 5},\n  {"date": "2026-03-02", "load": 6,}\n]\n';
    expect(errorsOf(readInputDocument('a.json', text))).toEqual([
      { line: 3, where: 'line 3, column 36', message: 'not valid JSON: Expected double-quoted property name' },
    ]);
  });

  it('should name the last line when the JSON ends early', () => {
    expect(errorsOf(readInputDocument('a.json', '[\n{"date": "2026-03-01"},'))).toEqual([
      expect.objectContaining({ line: 2, where: 'line 2, column 24', message: 'not valid JSON: Unexpected end of JSON input' }),
    ]);
  });

  it('should name the index of a JSON row that is not an object', () => {
    expect(errorsOf(readInputDocument('a.json', '{"dailyLoads": [{"date": "2026-03-01", "load": 5}, 7, null]}'))).toEqual([
      { line: 1, where: 'dailyLoads[1]', message: 'expected an object, got 7' },
      { line: 2, where: 'dailyLoads[2]', message: 'expected an object, got null' },
    ]);
  });

  it.each([
    [{ sex: 'x' }, 'sex must be male or female, got "x"'],
    [{ hrRest: -3 }, 'hrRest must be greater than 0 and at most 300 bpm, got -3'],
    [{ hrMax: 'max' }, 'hrMax must be a number, got "max"'],
    [{ weight: 70 }, 'unknown field "weight"'],
    [[50, 190], 'must be an object'],
  ])('should reject the athlete %j', (athlete, message) => {
    const text = JSON.stringify({ athlete, sessions: [{ date: '2026-03-01', durationMin: 5 }] });
    expect(errorsOf(readInputDocument('a.json', text))).toEqual([{ line: null, where: 'athlete', message: expect.stringContaining(message) }]);
  });

  it('should reject a CSV header with an empty or repeated column name, naming its line', () => {
    expect(errorsOf(readInputDocument('a.csv', '\ndate,,load\n2026-03-01,1,5\n'))).toEqual([
      { line: 2, where: 'line 2', message: 'column 2 of the header has no name' },
    ]);
    expect(errorsOf(readInputDocument('a.csv', 'date,Load,load\n2026-03-01,1,5\n'))).toEqual([
      { line: 1, where: 'line 1', message: 'column "load" appears twice in the header (also "Load")' },
    ]);
  });

  it('should accept trailing empty header cells and trailing empty data cells, as spreadsheets write them', () => {
    const doc = docOf(readInputDocument('a.csv', 'date,load,,\n2026-03-01,5,,\n2026-03-02,6\n'));
    expect(doc.table.records.map((r) => r.fields.get('load')?.value)).toEqual(['5', '6']);
  });
});
