/**
 * Loadwatch offline CLI: `npm run cli -- metrics --input <file> …`. Only wiring: argv → command, the real file
 * system, stdout/stderr and the exit code. Framework-free so it starts fast.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, USAGE } from './cli-args';
import { EXIT_BAD_INPUT, runMetricsCommand, type ReadFile } from './metrics.command';

export interface CliIo {
  readFile: ReadFile;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT_UNEXPECTED = 1;

/** Runs the CLI and returns the exit code; never throws. */
export function main(argv: readonly string[], io: CliIo): number {
  try {
    const args = parseArgs(argv);
    if (!args.ok) {
      io.stderr(`error: ${args.message}\nRun "npm run cli -- metrics --help" for usage.\n`);
      return EXIT_BAD_INPUT;
    }
    if (args.command.name === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    const result = runMetricsCommand(args.command.options, io.readFile);
    if (result.stdout !== '') io.stdout(result.stdout);
    if (result.stderr !== '') io.stderr(result.stderr);
    return result.exitCode;
  } catch (e) {
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    io.stderr(`error: unexpected failure (a bug; please report it with the input file)\n${detail}\n`);
    return EXIT_UNEXPECTED;
  }
}

if (require.main === module) {
  // `… | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  process.exitCode = main(process.argv.slice(2), {
    readFile: (path) => readFileSync(path),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
