/** argv → a command with checked options, or a usage problem. Pure: no I/O. */
import { isIsoDate } from '../../../libs/training-load/src/calc';
import { HR_LIMIT, parseSex, type AthleteInput } from './input/athlete';
import { isTimeZone } from './input/time-zone';

export type OutputFormat = 'json' | 'csv';

export interface MetricsOptions {
  input: string;
  format: OutputFormat;
  from?: string;
  to?: string;
  /** Overrides the file's time zone; default UTC. */
  timezone?: string;
  /** Overrides the file's athlete fields. */
  athlete: AthleteInput;
}

export type CliCommand = { name: 'help' } | { name: 'metrics'; options: MetricsOptions };

export type ArgsResult = { ok: true; command: CliCommand } | { ok: false; message: string };

export const USAGE = `Usage: npm run cli -- metrics --input <file.csv|file.json> [options]

Computes the daily training-load metrics of one athlete from a file of sessions or daily loads and prints
them to stdout, one row per day: date, load, state, acute7, chronic28, acwrRac, acwrRau, acwrEwma, ewmaAcute,
ewmaChronic, monotony, strain, ctl, atl, form, ramp, restDayRatio7, restDayRatio28, streak, weekOverWeek,
coverage28 (null or an empty cell where a metric is not defined yet).

Options:
  --input <file>           sessions or daily loads, CSV or JSON (required)
  --format json|csv        output format (default json)
  --from YYYY-MM-DD        first day to print; the computation still starts at the first day of data
  --to YYYY-MM-DD          last day to print; days after the last day of data are rest days
  --timezone <Area/City>   zone that turns session start times into local days (default: the file's, else UTC)
  --sex male|female        for TRIMP from average heart rate (sessions without RPE)
  --hr-rest <bpm>          resting heart rate, for TRIMP
  --hr-max <bpm>           maximum heart rate, for TRIMP
  -h, --help               show this help

Input:
  sessions CSV     start (ISO date-time with offset, e.g. 2026-03-29T01:30:00+01:00) or date (local
                   YYYY-MM-DD); duration_min or duration_s; rpe (0-10); optional avg_hr, moving_min or
                   moving_s, sport, distance_m, external_id, tags (e.g. "recovery;core")
  daily-loads CSV  date, load, optional state (trained, rest or missing)
  JSON             an array of such rows (camelCase names too: durationMin, avgHr, ...), or an object
                   {"timezone": "Europe/Berlin", "athlete": {"sex": "female", "hrRest": 50, "hrMax": 190},
                    "sessions": [...]} or {"dailyLoads": [...]}
  ";"-separated CSV with decimal commas is accepted. Several sessions on a day add up; days without a row
  are rest days. Session load = RPE x minutes (moving time when given); without an RPE, Banister TRIMP from
  avg_hr mapped onto the athlete's RPE scale by a fit over the file's sessions that have both (needs
  --hr-rest/--hr-max and 10 such sessions), else RPE 4 x minutes (a note on stderr says how many).
  A day with only recovery sessions (RPE <= 2 and sport walk, yoga, mobility, stretching or meditation, or
  the tag "recovery") is a rest day.

Exit status: 0 done, 2 bad input or usage (the message names the line), 1 unexpected failure.
`;

type FlagName = 'input' | 'format' | 'from' | 'to' | 'timezone' | 'sex' | 'hr-rest' | 'hr-max';
const FLAGS: readonly FlagName[] = ['input', 'format', 'from', 'to', 'timezone', 'sex', 'hr-rest', 'hr-max'];

export function parseArgs(argv: readonly string[]): ArgsResult {
  const [command, ...rest] = argv;
  if (command === undefined) return usageError('missing command: loadwatch has one command, "metrics"');
  if (command === '--help' || command === '-h' || command === 'help') return { ok: true, command: { name: 'help' } };
  if (command !== 'metrics') return usageError(`unknown command "${command}" (available: metrics)`);
  if (rest.includes('--help') || rest.includes('-h')) return { ok: true, command: { name: 'help' } };
  const flags = readFlags(rest);
  return flags.ok ? metricsOptions(flags.values) : flags;
}

function usageError(message: string): ArgsResult {
  return { ok: false, message };
}

type FlagValues = Partial<Record<FlagName, string>>;

function readFlags(args: readonly string[]): { ok: true; values: FlagValues } | { ok: false; message: string } {
  const values: FlagValues = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      const hint = /\.(csv|json)$/i.test(arg) ? ` (did you mean --input ${arg}?)` : '';
      return { ok: false, message: `unexpected argument "${arg}"${hint}` };
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (!(FLAGS as readonly string[]).includes(name)) return { ok: false, message: `unknown option --${name}` };
    const flag = name as FlagName;
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < args.length && !args[i + 1].startsWith('--')) value = args[++i];
    if (value === undefined || value === '') return { ok: false, message: `--${flag} needs a value` };
    if (values[flag] !== undefined) return { ok: false, message: `--${flag} is given twice` };
    values[flag] = value;
  }
  return { ok: true, values };
}

function metricsOptions(v: FlagValues): ArgsResult {
  if (v.input === undefined) return usageError('missing --input <file.csv|file.json>');
  const format = v.format ?? 'json';
  if (format !== 'json' && format !== 'csv') return usageError(`unknown format "${format}" for --format (use json or csv)`);
  for (const flag of ['from', 'to'] as const) {
    const date = v[flag];
    if (date !== undefined && !isIsoDate(date)) return usageError(`--${flag} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(String(date))}`);
  }
  if (v.from !== undefined && v.to !== undefined && v.from > v.to) return usageError(`--from ${v.from} is after --to ${v.to}`);
  if (v.timezone !== undefined && !isTimeZone(v.timezone)) {
    return usageError(`unknown time zone "${v.timezone}" for --timezone (use an IANA name such as Europe/Berlin, or UTC)`);
  }
  const athlete = athleteFlags(v);
  if (typeof athlete === 'string') return usageError(athlete);
  return {
    ok: true,
    command: { name: 'metrics', options: { input: v.input, format, from: v.from, to: v.to, timezone: v.timezone, athlete } },
  };
}

/** The athlete flags, or the problem with one of them. */
function athleteFlags(v: FlagValues): AthleteInput | string {
  const sex = v.sex === undefined ? undefined : parseSex(v.sex);
  if (v.sex !== undefined && sex === undefined) return `--sex must be male or female, got "${v.sex}"`;
  const athlete: AthleteInput = { sex };
  for (const [flag, key] of [['hr-rest', 'hrRest'], ['hr-max', 'hrMax']] as const) {
    const text = v[flag];
    if (text === undefined) continue;
    const n = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    if (!(n > 0 && n <= HR_LIMIT)) return `--${flag} must be a heart rate in bpm (greater than 0, at most ${HR_LIMIT}), got "${text}"`;
    athlete[key] = n;
  }
  return athlete;
}
