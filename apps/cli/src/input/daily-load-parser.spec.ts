import fc from 'fast-check';
import { addDays } from '../../../../libs/training-load/src/calc';
import { parseDailyLoads, type DailyLoadRow } from './daily-load-parser';
import type { InputError, Parsed } from './input-error';
import { readInputDocument } from './input-file';

/** Both stages the command runs on a daily-loads file: reading the table, then the rows. */
function parse(text: string, fileName = 'loads.csv'): Parsed<DailyLoadRow[]> {
  const doc = readInputDocument(fileName, text);
  if (!doc.ok) return doc;
  expect(doc.value.kind).toBe('dailyLoads');
  return parseDailyLoads(doc.value.table);
}

function errorsOf(result: Parsed<DailyLoadRow[]>): InputError[] {
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('parseDailyLoads', () => {
  it('should read date, load and an optional state', () => {
    const result = parse('date,load,state\n2026-03-01,400,\n2026-03-02,0,rest\n2026-03-03,,missing\n2026-03-04,120,TRAINED\n');
    expect(result).toEqual({
      ok: true,
      value: [
        { line: 2, where: 'line 2', date: '2026-03-01', load: 400, state: null },
        { line: 3, where: 'line 3', date: '2026-03-02', load: 0, state: 'rest' },
        { line: 4, where: 'line 4', date: '2026-03-03', load: 0, state: 'missing' },
        { line: 5, where: 'line 5', date: '2026-03-04', load: 120, state: 'trained' },
      ],
    });
  });

  it('should read decimal commas in a ;-separated file', () => {
    const result = parse('date;load\n2026-03-01;412,5\n');
    expect(result.ok && result.value[0].load).toBe(412.5);
  });

  it.each([
    ['an unknown column', 'date,load,rpe\n2026-03-01,4,5\n', 1, 'unknown column "rpe"'],
    ['a missing date column', 'load\n400\n', 1, 'missing column: needs "date"'],
    ['a bad date', 'date,load\n2026-03-01,4\n2026-02-30,5\n', 3, 'date must be a calendar date YYYY-MM-DD, got "2026-02-30"'],
    ['a date in another format', 'date,load\n01.03.2026,4\n', 2, 'got "01.03.2026"'],
    ['a negative load', 'date,load\n2026-03-01,-4\n', 2, 'load must not be negative, got "-4"'],
    ['a non-numeric load', 'date,load\n2026-03-01,4\n2026-03-02,lots\n', 3, 'load must be a number, got "lots"'],
    ['an empty load on a day that is not missing', 'date,load,state\n2026-03-01,,rest\n', 2, 'needs a load'],
    ['an unknown state', 'date,load,state\n2026-03-01,4,tired\n', 2, 'state must be trained, rest or missing, got "tired"'],
    ['a duplicate date', 'date,load\n2026-03-01,4\n\n2026-03-02,5\n2026-03-01,6\n', 5, 'date 2026-03-01 appears twice (first at line 2)'],
    ['a row with too many cells', 'date,load\n2026-03-01,4,9\n', 2, 'has 3 cells but the header has 2 columns'],
    ['a header without data', 'date,load\n\n', 1, 'the file has a header but no data rows'],
  ])('should reject %s, naming the line', (_name, text, line, message) => {
    const errors = errorsOf(parse(text));
    expect(errors).toEqual([expect.objectContaining({ line, where: `line ${line}`, message: expect.stringContaining(message) })]);
  });

  it('should name the array index of a bad JSON row', () => {
    const text = '{"dailyLoads": [{"date": "2026-03-01", "load": 4}, {"date": "2026-03-02", "load": "x"}]}';
    expect(errorsOf(parse(text, 'in.json'))).toEqual([
      { line: 1, where: 'dailyLoads[1]', message: 'load must be a number, got "x"' },
    ]);
  });

  describe('properties', () => {
    const START = '2025-01-01';
    const loadArb = fc.oneof(
      fc.integer({ min: 0, max: 3000 }),
      fc.double({ min: 0, max: 1e5, noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0.1, 1e-7, 5e-324, 2.5e3),
    );
    const stateArb = fc.constantFrom<string | null>(null, 'trained', 'rest', 'missing', 'Rest', 'TRAINED');
    const rowsArb = fc
      .uniqueArray(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 40 })
      .chain((offsets) => fc.tuple(...offsets.map((o) => fc.record({ date: fc.constant(addDays(START, o)), load: loadArb, state: stateArb }))));
    const layoutArb: fc.Arbitrary<Layout> = fc.record({
      withState: fc.boolean(),
      eol: fc.constantFrom('\n', '\r\n'),
      bom: fc.boolean(),
      blankBefore: fc.array(fc.nat(2), { minLength: 41, maxLength: 41 }),
      quoted: fc.boolean(),
    });

    interface Layout {
      withState: boolean;
      eol: string;
      bom: boolean;
      /** Blank lines before each data row. */
      blankBefore: number[];
      quoted: boolean;
    }
    type Row = { date: string; load: number; state: string | null };

    interface Generated {
      text: string;
      /** Line number of each data row. */
      lines: number[];
    }

    function writeFile(rows: readonly Row[], layout: Layout, cellsOf = (i: number) => rowCells(rows[i], layout.withState)): Generated {
      const q = (c: string): string => (layout.quoted ? `"${c}"` : c);
      const out = [layout.withState ? 'date,load,state' : 'date,load'];
      const lines: number[] = [];
      rows.forEach((_row, i) => {
        for (let b = 0; b < layout.blankBefore[i]; b++) out.push('');
        out.push(cellsOf(i).map(q).join(','));
        lines.push(out.length);
      });
      return { text: (layout.bom ? '\uFEFF' : '') + out.join(layout.eol) + layout.eol, lines };
    }

    function rowCells(row: Row, withState: boolean): string[] {
      const cells = [row.date, String(row.load)];
      return withState ? [...cells, row.state ?? ''] : cells;
    }

    it('should accept any valid generated file and read every row exactly', () => {
      fc.assert(
        fc.property(rowsArb, layoutArb, (rows, layout) => {
          const { text, lines } = writeFile(rows, layout);
          const result = parse(text);
          if (!result.ok) throw new Error(JSON.stringify(result.errors));
          expect(result.value.map((r) => [r.line, r.date, r.load, r.state])).toEqual(
            rows.map((r, i) => [lines[i], r.date, r.load, layout.withState && r.state !== null ? r.state.toLowerCase() : null]),
          );
        }),
        { numRuns: 300 },
      );
    });

    const badDates = ['yesterday', '2026-02-30', '2026/01/05', '05.01.2026', '2026-1-5', '', '2026-13-01'];
    const badLoads = ['-1', 'abc', 'NaN', 'Infinity', '1e999', '12kg', '0x10', '-0.5', '1_000'];
    const badStates = ['tired', 'trainedd', '1', 'off'];

    it('should reject a file with one corrupted cell, naming exactly that line', () => {
      const corruption = fc.record({ row: fc.nat(), column: fc.nat(2), pick: fc.nat() });
      fc.assert(
        fc.property(rowsArb, layoutArb, corruption, (rows, layout, c) => {
          const target = c.row % rows.length;
          const column = layout.withState ? c.column : c.column % 2;
          const choices = [badDates, badLoads, badStates][column];
          const { text, lines } = writeFile(rows, layout, (i) => {
            const cells = rowCells(rows[i], layout.withState);
            if (i === target) cells[column] = choices[c.pick % choices.length];
            return cells;
          });
          const errors = errorsOf(parse(text));
          expect(errors).toHaveLength(1);
          expect(errors[0].line).toBe(lines[target]);
          expect(errors[0].where).toBe(`line ${lines[target]}`);
        }),
        { numRuns: 300 },
      );
    });
  });
});
