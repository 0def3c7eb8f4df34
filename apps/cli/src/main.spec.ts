import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { DailyMetrics } from '../../../libs/training-load/src/calc';
import { USAGE } from './cli-args';
import { main, type CliIo } from './main';

const ROOT = join(__dirname, '../../..');

function fakeIo(files: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    readFile: (path: string): Uint8Array => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return Buffer.from(text);
    },
    stdout: (text: string): void => {
      io.out += text;
    },
    stderr: (text: string): void => {
      io.err += text;
    },
  };
  return io;
}

describe('main (in process)', () => {
  it.each([
    [['metrics', '--input', 'd.csv', '--format', 'yaml'], 'error: unknown format "yaml" for --format (use json or csv)'],
    [['metrics', '--format', 'csv'], 'error: missing --input <file.csv|file.json>'],
    [[], 'error: missing command: loadwatch has one command, "metrics"'],
    [['metric', '--input', 'd.csv'], 'error: unknown command "metric" (available: metrics)'],
  ])('should exit 2 with a usage message for %j', (argv, message) => {
    const io = fakeIo({ 'd.csv': 'date,load\n2026-03-01,5\n' });
    expect(main(argv, io)).toBe(2);
    expect(io.out).toBe('');
    expect(io.err).toBe(`${message}\nRun "npm run cli -- metrics --help" for usage.\n`);
  });

  it('should print the usage on stdout and exit 0 for --help', () => {
    const io = fakeIo();
    expect(main(['metrics', '--help'], io)).toBe(0);
    expect(io.out).toBe(USAGE);
    expect(io.err).toBe('');
  });

  it('should write the table to stdout, notes to stderr, and exit 0', () => {
    const io = fakeIo({ 's.csv': 'date,duration_min\n2026-03-01,30\n' });
    expect(main(['metrics', '--input', 's.csv', '--format', 'csv'], io)).toBe(0);
    expect(io.out.split('\n')[1]).toMatch(/^2026-03-01,120,trained,/);
    expect(io.err).toMatch(/^note: sessions without an RPE: 1 of 1/);
  });

  it('should exit 1 with a message, not crash, on an unexpected failure', () => {
    const io = fakeIo({ 'd.csv': 'date,load\n2026-03-01,5\n' });
    io.stdout = () => {
      throw new Error('disk on fire');
    };
    expect(main(['metrics', '--input', 'd.csv'], io)).toBe(1);
    expect(io.err).toMatch(/^error: unexpected failure .*\nError: disk on fire/);
  });
});

describe('main (child process, end to end)', () => {
  function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (result.error !== undefined) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('should compute the science.md §2.7 vector: RAC 1.391, RAU 1.600, EWMA ratio 1.103 on day 35, exit 0', () => {
    const { status, stdout, stderr } = cli('metrics', '--input', 'tests/fixtures/cli/acwr-vector-daily-loads.csv');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const doc = JSON.parse(stdout) as { algoVersion: number; timezone: string; days: DailyMetrics[] };
    expect(doc.days).toHaveLength(35);
    const day35 = doc.days[34];
    expect(day35.date).toBe('2026-03-08');
    expect(Math.abs((day35.acwrRac ?? NaN) - 1.391)).toBeLessThan(0.01);
    expect(Math.abs((day35.acwrRau ?? NaN) - 1.6)).toBeLessThan(0.01);
    expect(Math.abs((day35.acwrEwma ?? NaN) - 1.103)).toBeLessThan(0.01);
  }, 60_000);

  it('should print the same day 35 as CSV', () => {
    const { status, stdout } = cli('metrics', '--input', 'tests/fixtures/cli/acwr-vector-daily-loads.csv', '--format', 'csv', '--from', '2026-03-08');
    expect(status).toBe(0);
    const [header, row] = stdout.trimEnd().split('\n');
    const cells = Object.fromEntries(header.split(',').map((name, i) => [name, row.split(',')[i]]));
    expect(cells).toMatchObject({ date: '2026-03-08', acwrRac: '1.391304', acwrRau: '1.6', acwrEwma: '1.102785' });
  }, 60_000);

  it('should exit 2 with a message naming the line for a bad file, and no stack trace', () => {
    const { status, stdout, stderr } = cli('metrics', '--input', 'tests/fixtures/cli/bad-sessions-rpe.csv');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('error: tests/fixtures/cli/bad-sessions-rpe.csv: line 4: rpe must be between 0 and 10, got "11"\n');
  }, 60_000);

  it('should exit 2 for every bad fixture, naming lines or indexes', () => {
    const daily = cli('metrics', '--input', 'tests/fixtures/cli/bad-daily-loads.csv');
    expect(daily.status).toBe(2);
    expect(daily.stderr).toBe(
      'error: tests/fixtures/cli/bad-daily-loads.csv: line 5: date 2026-03-02 appears twice (first at line 2)\n' +
        'error: tests/fixtures/cli/bad-daily-loads.csv: line 6: load must be a number, got "abc"\n',
    );
    const json = cli('metrics', '--input', 'tests/fixtures/cli/bad-sessions.json');
    expect(json.status).toBe(2);
    expect(json.stderr).toContain('bad-sessions.json: index 2: durationMin must not be negative, got -50\n');
    expect(json.stderr).toContain('bad-sessions.json: index 3: unknown field "mood"');
  }, 60_000);
});
