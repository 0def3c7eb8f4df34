import { computeDailyMetrics, type DailyMetrics } from '../../../../libs/training-load/src/calc';
import { csvLine, quoteCsvCell, writeMetricsCsv } from './csv-writer';
import { writeMetricsJson } from './json-writer';
import { METRIC_FIELDS } from './metric-fields';
import { formatCsvNumber } from './number-format';

describe('formatCsvNumber', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [400, '400'],
    [1.5, '1.5'],
    [1.3913043478260869, '1.391304'],
    [0.0000004, '0'],
    [-0.0000004, '0'],
    [0.0000006, '0.000001'],
    [-43.837515123, '-43.837515'],
    [271.42857142857144, '271.428571'],
    [1e21, '1e+21'],
  ])('should write %p as %p', (value, text) => {
    expect(formatCsvNumber(value)).toBe(text);
  });

  it('should refuse a non-finite number', () => {
    expect(() => formatCsvNumber(Number.NaN)).toThrow(RangeError);
  });
});

describe('quoteCsvCell / csvLine', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['\uFEFFbom', '"\uFEFFbom"'],
  ])('should quote %j as %j', (cell, quoted) => {
    expect(quoteCsvCell(cell)).toBe(quoted);
  });

  it('should write a row of one empty cell as "" so it is not a blank line', () => {
    expect(csvLine([''])).toBe('""');
    expect(csvLine(['', ''])).toBe(',');
    expect(csvLine(['a;b', 'c'], ';')).toBe('"a;b";c');
  });
});

describe('metric writers', () => {
  const days: DailyMetrics[] = computeDailyMetrics([
    { date: '2026-03-01', load: 400, state: 'trained' },
    { date: '2026-03-02', load: 0, state: 'rest' },
    { date: '2026-03-03', load: 0, state: 'missing' },
  ]);

  it('should write a CSV header of the SPEC §6 fields and one line per day, empty cells for null', () => {
    const lines = writeMetricsCsv(days).split('\n');
    expect(lines[0]).toBe(METRIC_FIELDS.join(','));
    expect(lines).toHaveLength(days.length + 2);
    expect(lines[4]).toBe('');
    const first = lines[1].split(',');
    expect(first).toHaveLength(METRIC_FIELDS.length);
    expect(Object.fromEntries(METRIC_FIELDS.map((f, i) => [f, first[i]]))).toMatchObject({
      date: '2026-03-01',
      load: '400',
      state: 'trained',
      acute7: '',
      ewmaAcute: '400',
      ctl: '9.411325',
      form: '',
      streak: '1',
      coverage28: '1',
    });
    expect(lines[3].split(',')[2]).toBe('missing');
  });

  it('should write JSON with algoVersion, timezone and every field of every day in SPEC order, nulls kept', () => {
    const text = writeMetricsJson({ algoVersion: 1, timezone: 'Europe/Berlin', days });
    expect(text.endsWith('}\n')).toBe(true);
    const doc = JSON.parse(text) as { algoVersion: number; timezone: string; days: Record<string, unknown>[] };
    expect(doc.algoVersion).toBe(1);
    expect(doc.timezone).toBe('Europe/Berlin');
    expect(doc.days).toEqual(days.map((d) => Object.fromEntries(METRIC_FIELDS.map((f) => [f, d[f]]))));
    expect(Object.keys(doc.days[0])).toEqual([...METRIC_FIELDS]);
    expect(doc.days[0].acwrEwma).toBeNull();
  });
});
