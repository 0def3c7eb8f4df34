import { parseArgs, USAGE } from './cli-args';

describe('parseArgs', () => {
  it('should read every metrics option, in both --flag value and --flag=value forms', () => {
    const result = parseArgs([
      'metrics',
      '--input',
      'a.csv',
      '--format=csv',
      '--from',
      '2026-03-01',
      '--to=2026-03-31',
      '--timezone',
      'Europe/Berlin',
      '--sex',
      'Female',
      '--hr-rest',
      '48',
      '--hr-max=191.5',
    ]);
    expect(result).toEqual({
      ok: true,
      command: {
        name: 'metrics',
        options: {
          input: 'a.csv',
          format: 'csv',
          from: '2026-03-01',
          to: '2026-03-31',
          timezone: 'Europe/Berlin',
          athlete: { sex: 'female', hrRest: 48, hrMax: 191.5 },
        },
      },
    });
  });

  it('should default to JSON and leave the window, time zone and athlete open', () => {
    expect(parseArgs(['metrics', '--input', 'a.json'])).toEqual({
      ok: true,
      command: { name: 'metrics', options: { input: 'a.json', format: 'json', from: undefined, to: undefined, timezone: undefined, athlete: { sex: undefined } } },
    });
  });

  it.each([[['--help']], [['-h']], [['help']], [['metrics', '--help']], [['metrics', '--input', 'x', '-h']], [['metrics', '--bogus', '--help']]])(
    'should ask for help with %j',
    (argv) => {
      expect(parseArgs(argv)).toEqual({ ok: true, command: { name: 'help' } });
    },
  );

  it.each([
    [[], 'missing command'],
    [['stats'], 'unknown command "stats" (available: metrics)'],
    [['metrics'], 'missing --input <file.csv|file.json>'],
    [['metrics', '--format', 'csv'], 'missing --input'],
    [['metrics', '--input'], '--input needs a value'],
    [['metrics', '--input', '--format', 'csv'], '--input needs a value'],
    [['metrics', '--input='], '--input needs a value'],
    [['metrics', 'a.csv'], 'unexpected argument "a.csv" (did you mean --input a.csv?)'],
    [['metrics', '--input', 'a.csv', '--input', 'b.csv'], '--input is given twice'],
    [['metrics', '--input', 'a.csv', '--output', 'x'], 'unknown option --output'],
    [['metrics', '--input', 'a.csv', '--format', 'xml'], 'unknown format "xml" for --format (use json or csv)'],
    [['metrics', '--input', 'a.csv', '--format', 'JSON'], 'unknown format "JSON"'],
    [['metrics', '--input', 'a.csv', '--from', '2026-3-1'], '--from must be a calendar date YYYY-MM-DD, got "2026-3-1"'],
    [['metrics', '--input', 'a.csv', '--to', '2026-02-30'], '--to must be a calendar date YYYY-MM-DD'],
    [['metrics', '--input', 'a.csv', '--from', '2026-03-10', '--to', '2026-03-01'], '--from 2026-03-10 is after --to 2026-03-01'],
    [['metrics', '--input', 'a.csv', '--timezone', 'Europe/Berln'], 'unknown time zone "Europe/Berln"'],
    [['metrics', '--input', 'a.csv', '--sex', 'x'], '--sex must be male or female, got "x"'],
    [['metrics', '--input', 'a.csv', '--hr-rest', '-5'], '--hr-rest must be a heart rate in bpm'],
    [['metrics', '--input', 'a.csv', '--hr-max', 'high'], '--hr-max must be a heart rate in bpm'],
    [['metrics', '--input', 'a.csv', '--hr-max', '0'], '--hr-max must be a heart rate in bpm'],
  ])('should refuse %j', (argv, message) => {
    expect(parseArgs(argv)).toEqual({ ok: false, message: expect.stringContaining(message) });
  });

  it('should document every option in the usage text', () => {
    for (const flag of ['--input', '--format', '--from', '--to', '--timezone', '--sex', '--hr-rest', '--hr-max', '--help']) {
      expect(USAGE).toContain(flag);
    }
  });
});
