import fc from 'fast-check';
import { toCsv, type CsvColumn, type CsvValue } from './csv';

/**
 * A minimal, strict RFC 4180 reader: every record ends with CRLF, fields are split by commas, a quoted field
 * may hold commas, CR, LF and doubled quotes. Anything else (a stray quote, a bare CR) throws.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const record: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new Error('unterminated quoted field');
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
            } else {
              i++;
              break;
            }
          } else {
            field += text[i++];
          }
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
          if (text[i] === '"') throw new Error(`stray quote at ${i}`);
          field += text[i++];
        }
      }
      record.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r' && text[i + 1] === '\n') {
        i += 2;
        break;
      }
      throw new Error(`expected , or CRLF at ${i}`);
    }
    records.push(record);
  }
  return records;
}

/** What a cell should read as once the formula guard's apostrophe is taken off. */
function unguard(read: string, original: string): string {
  return /^[=+\-@\t\r]/.test(original) && read.startsWith("'") ? read.slice(1) : read;
}

function oneColumn(header: string): CsvColumn<CsvValue>[] {
  return [{ header, value: (v) => v }];
}

describe('parseCsv (the spec’s own reader)', () => {
  it('should read quoted fields, doubled quotes and CRLF', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"x\r\ny",,\r\n')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['x\r\ny', '', ''],
    ]);
  });

  it('should refuse a record without CRLF or a stray quote', () => {
    expect(() => parseCsv('a,b')).toThrow();
    expect(() => parseCsv('a,b\n')).toThrow();
    expect(() => parseCsv('a"b\r\n')).toThrow();
  });
});

describe('toCsv', () => {
  interface Row {
    name: string;
    acwr: number | null;
  }
  const columns: CsvColumn<Row>[] = [
    { header: 'Name', value: (r) => r.name },
    { header: 'ACWR', value: (r) => r.acwr },
  ];

  it('should write the header line first', () => {
    expect(toCsv([], columns)).toBe('Name,ACWR\r\n');
  });

  it('should end every line, the last included, with CRLF', () => {
    const csv = toCsv(
      [
        { name: 'Ada', acwr: 1.2 },
        { name: 'Bea', acwr: 0.9 },
      ],
      columns,
    );
    expect(csv).toBe('Name,ACWR\r\nAda,1.2\r\nBea,0.9\r\n');
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it.each([
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['two\nlines', '"two\nlines"'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['a\rb', '"a\rb"'],
    ['plain text', 'plain text'],
    ['', ''],
  ])('should write the text %p as %p', (text, written) => {
    expect(toCsv([text], oneColumn('h'))).toBe(`h\r\n${written}\r\n`);
  });

  it.each([
    [null, ''],
    [undefined, ''],
    [Number.NaN, ''],
    [Number.POSITIVE_INFINITY, ''],
    [Number.NEGATIVE_INFINITY, ''],
    [0, '0'],
    [42, '42'],
    [1.25, '1.25'],
    [-3.5, '-3.5'],
    [-0.001, '-0.001'],
    [true, 'true'],
    [false, 'false'],
  ])('should write the value %p as %p', (value, written) => {
    expect(toCsv([value], oneColumn('h'))).toBe(`h\r\n${written}\r\n`);
  });

  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1', "'+1"],
    ['-3.5', "'-3.5"],
    ['-', "'-"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['a=b', 'a=b'],
    ['3-1', '3-1'],
    [" '=x", " '=x"],
  ])('should guard the formula-like text %p as %p', (text, written) => {
    expect(toCsv([text], oneColumn('h'))).toBe(`h\r\n${written}\r\n`);
  });

  it('should guard a formula-like header too', () => {
    expect(toCsv([], oneColumn('=cmd|x'))).toBe("'=cmd|x\r\n");
  });

  it('should write one cell per column and one line per row', () => {
    const csv = toCsv([{ name: 'Ada, the first', acwr: null }], columns);
    expect(parseCsv(csv)).toEqual([
      ['Name', 'ACWR'],
      ['Ada, the first', ''],
    ]);
  });

  it('should read back as the exact cell text for any strings', () => {
    const tricky = fc.constantFrom('"', ',', '\r', '\n', '\r\n', '\t', '=', '+', '-', '@', "'", ' ', 'a', 'é', '😀');
    const text = fc.string({ unit: fc.oneof(tricky, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 20 });
    const table = fc.integer({ min: 1, max: 4 }).chain((width) =>
      fc.record({
        headers: fc.array(text, { minLength: width, maxLength: width }),
        rows: fc.array(fc.array(text, { minLength: width, maxLength: width }), { maxLength: 5 }),
      }),
    );
    fc.assert(
      fc.property(table, ({ headers, rows }) => {
        const cols: CsvColumn<string[]>[] = headers.map((header, c) => ({ header, value: (row) => row[c] }));
        const read = parseCsv(toCsv(rows, cols));
        expect(read).toHaveLength(rows.length + 1);
        expect(read[0].map((cellText, c) => unguard(cellText, headers[c]))).toEqual(headers);
        rows.forEach((row, r) => {
          expect(read[r + 1].map((cellText, c) => unguard(cellText, row[c]))).toEqual(row);
        });
      }),
    );
  });

  it('should prefix exactly the formula-like text with an apostrophe', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", ','), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 10 }), (text) => {
        const [, [cellText]] = parseCsv(toCsv([text], oneColumn('h')));
        expect(cellText).toBe(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
      }),
    );
  });

  it('should read back finite numbers as their String form, negative ones unguarded', () => {
    fc.assert(
      fc.property(fc.double(), (n) => {
        const [, [cellText]] = parseCsv(toCsv([n], oneColumn('h')));
        expect(cellText).toBe(Number.isFinite(n) ? String(n) : '');
      }),
    );
  });
});
