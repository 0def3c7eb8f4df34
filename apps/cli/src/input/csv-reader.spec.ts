import fc from 'fast-check';
import { csvLine } from '../output/csv-writer';
import { detectDelimiter, readCsv, type CsvDelimiter } from './csv-reader';

function cells(text: string, delimiter: CsvDelimiter = ','): string[][] {
  const result = readCsv(text, delimiter);
  if (!result.ok) throw new Error(result.error.message);
  return result.records.map((r) => r.cells);
}

function lines(text: string): number[] {
  const result = readCsv(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.records.map((r) => r.line);
}

describe('readCsv', () => {
  it.each([
    ['plain fields', 'a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['no line end at the end', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['CRLF line ends', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['old Mac CR line ends', 'a,b\r1,2\r', [['a', 'b'], ['1', '2']]],
    ['a UTF-8 byte-order mark', '\uFEFFdate,load\n2026-01-01,5\n', [['date', 'load'], ['2026-01-01', '5']]],
    ['a quoted field with a comma', 'sport,n\n"bike, hills",3\n', [['sport', 'n'], ['bike, hills', '3']]],
    ['doubled quotes inside quotes', '"say ""hi""",x\n', [['say "hi"', 'x']]],
    ['a line break inside quotes', '"two\nlines",x\n', [['two\nlines', 'x']]],
    ['empty fields', 'a,,c\n,,\n', [['a', '', 'c'], ['', '', '']]],
    ['a quoted empty field alone', '""\n', [['']]],
    ['a quote inside an unquoted field, kept as text', 'a"b,c\n', [['a"b', 'c']]],
    ['blank lines skipped', '\n\na,b\n\n\r\n1,2\n\n', [['a', 'b'], ['1', '2']]],
    ['spaces kept', ' a , b \n', [[' a ', ' b ']]],
  ])('should read %s', (_name, text, expected) => {
    expect(cells(text)).toEqual(expected);
  });

  it('should read ;-separated text with the ; delimiter', () => {
    expect(cells('date;load\n2026-01-01;4,5\n', ';')).toEqual([['date', 'load'], ['2026-01-01', '4,5']]);
  });

  it('should give each record the 1-based line it starts on, counting blank lines and breaks inside quotes', () => {
    expect(lines('h1,h2\n\n1,2\n"a\r\nb",3\n4,5\n')).toEqual([1, 3, 4, 6]);
  });

  it('should name the line of a quoted field that is never closed', () => {
    const result = readCsv('a,b\n1,2\n3,"open\n4,5\n');
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ line: 3, message: expect.stringContaining('never closed') }) });
  });

  it('should refuse text after a closing quote, naming the line', () => {
    const result = readCsv('a,b\n"x"y,2\n');
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ line: 2, message: expect.stringContaining('after a closing quote') }) });
  });

  it('should give no records for an empty text', () => {
    expect(cells('')).toEqual([]);
    expect(cells('\uFEFF\n\n')).toEqual([]);
  });

  it('should round-trip any table of strings written with proper quoting (property)', () => {
    const table = fc.array(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { minLength: 1, maxLength: 6 }), { maxLength: 12 });
    const lineEnd = fc.constantFrom('\n', '\r\n');
    fc.assert(
      fc.property(table, lineEnd, fc.boolean(), (rows, eol, bom) => {
        const text = (bom ? '\uFEFF' : '') + rows.map((r) => csvLine(r)).join(eol) + (rows.length > 0 ? eol : '');
        expect(cells(text)).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('should round-trip tables written with ; as the delimiter (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ';', ',', '"', '\n', '\r', ' ', '1'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 8 }), (rows) => {
        const text = rows.map((r) => `${csvLine(r, ';')}\n`).join('');
        expect(cells(text, ';')).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['date,load\n', ','],
    ['date;load;state\n', ';'],
    ['date\tload\n', '\t'],
    ['"a;b",c\n', ','],
    ['\n\ndate;load\n1,2,3,4\n', ';'],
    ['date\n', ','],
    ['', ','],
  ])('should find the delimiter of %j', (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});
