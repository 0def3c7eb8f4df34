import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { addDays, ALGO_VERSION, type DailyMetrics } from '../../../libs/training-load/src/calc';
import type { MetricsOptions } from './cli-args';
import { readCsv } from './input/csv-reader';
import { runMetricsCommand, type CommandResult } from './metrics.command';
import { METRIC_FIELDS } from './output/metric-fields';

const FIXTURES = join(__dirname, '../../../tests/fixtures/cli');

interface MetricsJson {
  algoVersion: number;
  timezone: string;
  days: DailyMetrics[];
}

/** Runs the command on in-memory files; a name ending in `/` is a directory. */
function run(files: Record<string, string | Uint8Array>, options: Partial<MetricsOptions> & { input: string }): CommandResult {
  const readFile = (path: string): Uint8Array => {
    if (path.endsWith('/')) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: 'EISDIR' });
    const content = files[path];
    if (content === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    return typeof content === 'string' ? Buffer.from(content) : content;
  };
  return runMetricsCommand({ format: 'json', athlete: {}, ...options }, readFile);
}

function runText(name: string, text: string, options: Partial<MetricsOptions> = {}): CommandResult {
  return run({ [name]: text }, { input: name, ...options });
}

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function daysOf(result: CommandResult): DailyMetrics[] {
  if (result.exitCode !== 0) throw new Error(result.stderr);
  return (JSON.parse(result.stdout) as MetricsJson).days;
}

function day(days: readonly DailyMetrics[], date: string): DailyMetrics {
  const found = days.find((d) => d.date === date);
  if (found === undefined) throw new Error(`no row for ${date}`);
  return found;
}

describe('metrics command', () => {
  describe('bad input: exit 2, nothing on stdout, a message naming the file and the line', () => {
    const SESSIONS = 'start,duration_min,rpe\n2026-03-02T07:00:00+01:00,60,5\n';
    it.each([
      ['an unknown column', 's.csv', 'start,duration_min,rpe,feel\n2026-03-02T07:00:00Z,60,5,ok\n', 'error: s.csv: line 1: unknown column "feel"'],
      ['a bad session date', 's.csv', 'date,duration_min,rpe\n2026-03-02,60,5\n2026-13-01,60,5\n', 'error: s.csv: line 3: date must be a calendar date YYYY-MM-DD, got "2026-13-01"'],
      ['a bad start', 's.csv', `${SESSIONS}2026-03-03 07:00,60,5\n`, 'error: s.csv: line 3: start "2026-03-03 07:00" has no UTC offset'],
      ['a negative duration', 's.csv', `${SESSIONS}2026-03-03T07:00:00+01:00,-45,5\n`, 'error: s.csv: line 3: duration_min must not be negative, got "-45"'],
      ['an RPE outside 0–10', 's.csv', `${SESSIONS}\n\n2026-03-03T07:00:00+01:00,45,10.5\n`, 'error: s.csv: line 5: rpe must be between 0 and 10, got "10.5"'],
      ['a non-numeric value', 's.csv', `${SESSIONS}2026-03-03T07:00:00+01:00,forty,5\n`, 'error: s.csv: line 3: duration_min must be a number, got "forty"'],
      ['a duplicate date in daily loads', 'd.csv', 'date,load\n2026-03-01,10\n2026-03-02,10\n2026-03-01,20\n', 'error: d.csv: line 4: date 2026-03-01 appears twice (first at line 2)'],
      ['a non-numeric daily load', 'd.csv', 'date,load\r\n2026-03-01,10\r\n2026-03-02,n/a\r\n', 'error: d.csv: line 3: load must be a number, got "n/a"'],
      ['an empty file', 'e.csv', '', 'error: e.csv: the file is empty'],
      ['a header and no rows', 'e.csv', 'date,load\n', 'error: e.csv: line 1: the file has a header but no data rows'],
      ['an unclosed quote', 'q.csv', 'date,load\n2026-03-01,"10\n', 'error: q.csv: line 2: a quoted field is never closed'],
      ['a bad JSON session', 's.json', '[{"date": "2026-03-01", "durationMin": 30, "rpe": 4}, {"date": "2026-03-02", "durationMin": 30, "rpe": 14}]', 'error: s.json: index 1: rpe must be between 0 and 10, got 14'],
      ['a bad JSON daily load', 'd.json', '{"dailyLoads": [{"date": "2026-03-01", "load": -1}]}', 'error: d.json: dailyLoads[0]: load must not be negative, got -1'],
      ['broken JSON', 'b.json', '{\n  "sessions": [\n    {"date": "2026-03-01" "durationMin": 30}\n  ]\n}\n', 'error: b.json: line 3, column 27: not valid JSON'],
      ['an unknown time zone in the file', 't.json', '{"timezone": "Mars/Olympus", "sessions": [{"date": "2026-03-01", "durationMin": 30}]}', 'error: t.json: unknown time zone "Mars/Olympus"'],
    ])('%s', (_name, file, text, message) => {
      const result = runText(file, text);
      expect(result.exitCode).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')[0]).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });

    it.each([
      ['a missing file', 'nope.csv', 'error: cannot read nope.csv: no such file\n'],
      ['a directory', 'tests/', 'error: cannot read tests/: it is a directory\n'],
    ])('should report %s as unreadable', (_name, input, stderr) => {
      expect(run({}, { input })).toEqual({ exitCode: 2, stdout: '', stderr });
    });

    it('should list every problem, one line each, and cap the list', () => {
      const rows = Array.from({ length: 30 }, (_, i) => `${addDays('2026-03-01', i)},x`);
      const result = runText('d.csv', `date,load\n${rows.join('\n')}\n`);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(21);
      expect(lines[0]).toBe('error: d.csv: line 2: load must be a number, got "x"');
      expect(lines[19]).toBe('error: d.csv: line 21: load must be a number, got "x"');
      expect(lines[20]).toBe('error: d.csv: … and 10 more problems');
    });

    it('should refuse a resting HR at or above the max HR', () => {
      const text = '{"athlete": {"hrRest": 60, "hrMax": 180}, "sessions": [{"date": "2026-03-01", "durationMin": 30, "avgHr": 140}]}';
      expect(runText('a.json', text, { athlete: { hrMax: 55 } })).toEqual({
        exitCode: 2,
        stdout: '',
        stderr: "error: the athlete's resting HR (60) must be below the max HR (55)\n",
      });
    });

    it('should refuse a series of more than 100 years, most likely a typo in a year', () => {
      const result = runText('d.csv', 'date,load\n2026-03-01,1\n2206-03-02,2\n');
      expect(result).toMatchObject({ exitCode: 2, stdout: '', stderr: expect.stringContaining('from 2026-03-01 to 2206-03-02, more than 36600 days') });
    });

    it.each([
      [{ to: '2026-02-28' }, '--to 2026-02-28 is before the first day of data (2026-03-01)'],
      [{ from: '2026-03-05' }, '--from 2026-03-05 is after the last day of data (2026-03-02); add --to to extend the series with rest days'],
    ])('should refuse the window %j outside the data', (window, message) => {
      const result = runText('d.csv', 'date,load\n2026-03-01,1\n2026-03-02,2\n', window);
      expect(result).toEqual({ exitCode: 2, stdout: '', stderr: `error: ${message}\n` });
    });
  });

  describe('science.md §2.7 ACWR vector (daily-loads fixture)', () => {
    const result = runText('acwr.csv', fixture('acwr-vector-daily-loads.csv'));
    const days = daysOf(result);

    it('should give RAC 1.391, RAU 1.600 and EWMA ratio 1.103 on day 35', () => {
      expect(days).toHaveLength(35);
      const last = days[34];
      expect(last.acwrRac).toBeCloseTo(1.391, 3);
      expect(last.acwrRau).toBeCloseTo(1.6, 3);
      expect(last.acwrEwma).toBeCloseTo(1.103, 3);
      expect(last.acute7).toBeCloseTo(434.29, 2);
      expect(last.chronic28).toBeCloseTo(312.14, 2);
      expect(last.ewmaAcute).toBeCloseTo(374.88, 2);
      expect(last.ewmaChronic).toBeCloseTo(339.94, 2);
    });

    it('should match the day-28 and day-34 rows of the table', () => {
      expect(days[27]).toMatchObject({ acwrRac: 1, acwrRau: 1 });
      expect(days[27].acwrEwma).toBeCloseTo(0.868, 3);
      expect(days[33].acwrEwma).toBeCloseTo(1.369, 3);
      expect(days[26].acwrRac).toBeNull(); // warm-up: 27 days of history
    });

    it('should print the header fields and no notes', () => {
      expect(JSON.parse(result.stdout)).toMatchObject({ algoVersion: ALGO_VERSION, timezone: 'UTC' });
      expect(result.stderr).toBe('');
    });
  });

  describe('sessions', () => {
    it('should put the DST-week sessions of the fixture on their Berlin days, several on a day adding up', () => {
      const text = fixture('sessions-berlin-dst.csv');
      const berlin = daysOf(runText('s.csv', text, { timezone: 'Europe/Berlin' }));
      const utc = daysOf(runText('s.csv', text));
      const loads = (days: DailyMetrics[]): number[] => ['2026-03-28', '2026-03-29', '2026-03-30'].map((d) => day(days, d).load);
      expect(loads(berlin)).toEqual([0, 45 * 6 + 90 * 6, 30 * 4]);
      expect(loads(utc)).toEqual([45 * 6, 90 * 6 + 30 * 4, 0]);
      expect(day(berlin, '2026-03-24').load).toBe(40 * 6 + 20 * 3);
      expect(day(berlin, '2026-03-20').load).toBe(80 * 7); // moving time, not elapsed
      expect(day(berlin, '2026-03-21')).toMatchObject({ load: 60, state: 'rest' }); // only a recovery walk, RPE 2
      expect(day(berlin, '2026-03-25')).toMatchObject({ load: 0, state: 'rest' }); // no row
      expect(berlin).toHaveLength(21);
    });

    it('should note the sessions without an RPE on stderr, and hint at the HR flags', () => {
      const result = runText('s.csv', fixture('sessions-berlin-dst.csv'), { timezone: 'Europe/Berlin' });
      expect(result.stderr).toBe(
        'note: sessions without an RPE: 1 of 19 (1 estimated as RPE 4 × minutes); the avg_hr of 1 of them is used once --hr-rest/--hr-max are given and 10 sessions have both RPE and avg_hr\n',
      );
      expect(day(daysOf(result), '2026-03-27').load).toBe(60 * 4);
      // With the HR profile but fewer than 10 sessions with both RPE and HR, there is no fit: still estimated.
      const withHr = daysOf(runText('s.csv', fixture('sessions-berlin-dst.csv'), { timezone: 'Europe/Berlin', athlete: { hrRest: 50, hrMax: 190 } }));
      expect(day(withHr, '2026-03-27').load).toBe(60 * 4);
    });

    it('should use the time zone and athlete of a JSON file, flags overriding them', () => {
      const text = fixture('sessions-athlete.json');
      const result = runText('s.json', text);
      expect(JSON.parse(result.stdout)).toMatchObject({ timezone: 'Europe/Berlin' });
      const days = daysOf(result);
      // Fewer than 10 sessions have both RPE and HR: no sRPE-on-TRIMP fit yet, so HR-only sessions are estimated.
      expect(day(days, '2026-03-03').load).toBe(45 * 4);
      expect(day(days, '2026-03-04').load).toBe((2820 / 60) * 4);
      expect(day(days, '2026-03-05')).toMatchObject({ load: 60, state: 'rest' });
      expect(day(days, '2026-03-07').load).toBe(100 * 4 + 25 * 6);
      expect(day(days, '2026-03-09').load).toBe(55 * 4);
      expect(JSON.parse(runText('s.json', text, { timezone: 'UTC' }).stdout)).toMatchObject({ timezone: 'UTC' });
    });

    it('should map HR-only sessions onto the RPE scale once 10 sessions have both (the SPEC chain)', () => {
      const athlete = { sex: 'female', hrRest: 50, hrMax: 190 };
      const female = (min: number, hr: number): number => {
        const x = (hr - 50) / 140;
        return min * x * 0.86 * Math.exp(1.67 * x);
      };
      // Ten rated sessions whose sRPE is exactly 3 × TRIMP + 20, then one HR-only session.
      const rated = Array.from({ length: 10 }, (_, i) => {
        const minutes = 40 + 5 * i;
        const hr = 120 + 4 * i;
        return { start: `2026-03-${String(i + 1).padStart(2, '0')}T07:00:00Z`, durationMin: minutes, rpe: (3 * female(minutes, hr) + 20) / minutes, avgHr: hr };
      });
      const hrOnly = { start: '2026-03-12T07:00:00Z', durationMin: 50, avgHr: 150 };
      const text = JSON.stringify({ timezone: 'UTC', athlete, sessions: [...rated, hrOnly] });
      const days = daysOf(runText('s.json', text));
      expect(day(days, '2026-03-12').load).toBeCloseTo(3 * female(50, 150) + 20, 6);
    });
  });

  describe('window', () => {
    const text = fixture('acwr-vector-daily-loads.csv');
    const full = daysOf(runText('a.csv', text));

    it('should print only --from..--to, with the metrics of the full history', () => {
      const window = daysOf(runText('a.csv', text, { from: '2026-03-02', to: '2026-03-04' }));
      expect(window).toEqual(full.filter((d) => d.date >= '2026-03-02' && d.date <= '2026-03-04'));
    });

    it('should continue with rest days to --to', () => {
      const days = daysOf(runText('a.csv', text, { from: '2026-03-09', to: '2026-03-12' }));
      expect(days.map((d) => [d.date, d.load, d.state])).toEqual([
        ['2026-03-09', 0, 'rest'],
        ['2026-03-10', 0, 'rest'],
        ['2026-03-11', 0, 'rest'],
        ['2026-03-12', 0, 'rest'],
      ]);
      expect(days[0].ctl).toBeLessThan(full[34].ctl ?? 0);
    });

    it('should start at the first day of data when --from is earlier, with a note', () => {
      const result = runText('a.csv', text, { from: '2026-01-01', to: '2026-02-03' });
      expect(daysOf(result)).toEqual(full.slice(0, 2));
      expect(result.stderr).toBe('note: no data before 2026-02-02: the output starts there (from 2026-01-01 asked)\n');
    });
  });

  describe('daily loads', () => {
    it('should fill days without a row with rest and keep missing days', () => {
      const days = daysOf(runText('d.csv', 'date,load,state\n2026-03-04,300,\n2026-03-01,200,\n2026-03-03,,missing\n2026-03-06,50,rest\n'));
      expect(days.map((d) => [d.date, d.load, d.state, d.coverage28])).toEqual([
        ['2026-03-01', 200, 'trained', 1],
        ['2026-03-02', 0, 'rest', 2],
        ['2026-03-03', 0, 'missing', 2],
        ['2026-03-04', 300, 'trained', 3],
        ['2026-03-05', 0, 'rest', 4],
        ['2026-03-06', 50, 'rest', 5],
      ]);
    });

    it('should read a ;-separated file with decimal commas like the , version', () => {
      const semi = daysOf(runText('d.csv', 'date;load\n2026-03-01;412,5\n2026-03-02;0\n'));
      const comma = daysOf(runText('d.csv', 'date,load\n2026-03-01,412.5\n2026-03-02,0\n'));
      expect(semi).toEqual(comma);
    });
  });

  describe('properties', () => {
    const sessionArb: fc.Arbitrary<Session> = fc.record({
      dayOffset: fc.integer({ min: 0, max: 45 }),
      minuteOfDay: fc.integer({ min: 0, max: 1439 }),
      offsetHours: fc.integer({ min: -10, max: 12 }),
      durationMin: fc.oneof(fc.integer({ min: 0, max: 240 }), fc.double({ min: 0, max: 240, noNaN: true })),
      rpe: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      avgHr: fc.option(fc.integer({ min: 60, max: 200 }), { nil: undefined }),
      sport: fc.constantFrom('run', 'bike', 'walk', 'strength, core', 'yoga'),
    });

    function sessionsCsv(sessions: readonly Session[]): string {
      const rows = sessions.map((s) => {
        const offset = `${s.offsetHours < 0 ? '-' : '+'}${String(Math.abs(s.offsetHours)).padStart(2, '0')}:00`;
        const time = `${String(Math.floor(s.minuteOfDay / 60)).padStart(2, '0')}:${String(s.minuteOfDay % 60).padStart(2, '0')}:00`;
        return `${addDays('2026-01-05', s.dayOffset)}T${time}${offset},${s.durationMin},${s.rpe ?? ''},${s.avgHr ?? ''},"${s.sport}"`;
      });
      return `start,duration_min,rpe,avg_hr,sport\n${rows.join('\n')}\n`;
    }

    it('should give the same output for session rows in any order', () => {
      const shuffled = fc
        .array(sessionArb, { minLength: 1, maxLength: 40 })
        .chain((sessions) => fc.tuple(fc.constant(sessions), fc.shuffledSubarray(sessions, { minLength: sessions.length, maxLength: sessions.length })));
      fc.assert(
        fc.property(shuffled, fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kolkata'), fc.constantFrom<'json' | 'csv'>('json', 'csv'), ([a, b], timezone, format) => {
          const options = { timezone, format, athlete: { hrRest: 55, hrMax: 185 } };
          const first = runText('s.csv', sessionsCsv(a), options);
          const second = runText('s.csv', sessionsCsv(b), options);
          expect(first.exitCode).toBe(0);
          expect(second).toEqual(first);
        }),
        { numRuns: 150 },
      );
    });

    it('should carry the same numbers in the CSV and the JSON output', () => {
      const loadArb = fc.oneof(
        fc.constant<number | null>(0),
        fc.integer({ min: 1, max: 1500 }),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.constant<number | null>(null),
      );
      fc.assert(
        fc.property(fc.array(loadArb, { minLength: 1, maxLength: 90 }), (loads) => {
          const lines = loads.map((l, i) => `${addDays('2025-11-01', i)},${l ?? ''},${l === null ? 'missing' : ''}`);
          const text = `date,load,state\n${lines.join('\n')}\n`;
          const json = daysOf(runText('d.csv', text, { format: 'json' }));
          const csv = runText('d.csv', text, { format: 'csv' });
          const table = readCsv(csv.stdout);
          if (!table.ok) throw new Error(table.error.message);
          const [header, ...rows] = table.records.map((r) => r.cells);
          expect(header).toEqual([...METRIC_FIELDS]);
          expect(rows).toHaveLength(json.length);
          rows.forEach((cells, i) => {
            METRIC_FIELDS.forEach((field, j) => {
              const value = json[i][field];
              if (value === null) expect(cells[j]).toBe('');
              else if (typeof value === 'string') expect(cells[j]).toBe(value);
              else expect(Math.abs(Number(cells[j]) - value)).toBeLessThanOrEqual(5e-7 + Math.abs(value) * 1e-15);
            });
          });
        }),
        { numRuns: 150 },
      );
    });
  });
});

interface Session {
  dayOffset: number;
  minuteOfDay: number;
  offsetHours: number;
  durationMin: number;
  rpe: number | undefined;
  avgHr: number | undefined;
  sport: string;
}
