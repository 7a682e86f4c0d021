import { Command, CommanderError } from 'commander';
import { join } from 'node:path';
import { dataDirOf, type CliIO } from './context.ts';
import { reportError } from './report-errors.ts';
import { faultToError } from '../lib/fs-faults.ts';
import { isBluelampError } from '../lib/errors.ts';
import { registerImport } from './commands/import.ts';
import { registerExport } from './commands/export.ts';
import { registerStatus } from './commands/status.ts';
import { registerDemo } from './commands/demo.ts';
import { registerMeasureCommands } from './commands/measures.ts';
import { registerSpc } from './commands/spc.ts';
import { registerReport } from './commands/report.ts';
import { registerCommentary } from './commands/commentary.ts';
import { registerRebase } from './commands/rebase.ts';
import { registerQuotes, registerRedact } from './commands/quotes.ts';
import { registerCheck } from './commands/check.ts';
import { registerPoliceUk } from './commands/police-uk.ts';
import { registerServe } from './commands/serve.ts';
import { registerPublishFacts } from './commands/publish-facts.ts';
import { registerUsers } from './commands/users.ts';
import { registerTokens } from './commands/tokens.ts';
import { registerDigest } from './commands/digest.ts';
import { registerFindings } from './commands/findings.ts';
import { registerSurvey } from './commands/survey.ts';
import { registerSurveyThemes } from './commands/themes.ts';
import { registerVictimsCode } from './commands/victims-code.ts';
import { readFileSync } from 'node:fs';

export interface GlobalOptions {
  dataDir?: string;
}

/** Builds the `bluelamp` command tree; commands report their own exit code through `setExit`. */
export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('bluelamp')
    .description('Bluelamp: police performance and accountability, from record-level data.')
    .option('--data-dir <dir>', 'data directory (default ./bluelamp-data, or BLUELAMP_DATA_DIR)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
    })
    .exitOverride();
  const ctx = { io, setExit, dataDir: () => dataDirOf(program.opts<GlobalOptions>(), io.env) };
  registerDemo(program, ctx);
  registerImport(program, ctx);
  registerExport(program, ctx);
  registerStatus(program, ctx);
  registerMeasureCommands(program, ctx);
  registerSpc(program, ctx, io.readStdin);
  registerReport(program, ctx);
  registerCommentary(program, ctx);
  registerRebase(program, ctx);
  registerQuotes(program, ctx);
  registerRedact(program, ctx);
  registerCheck(program, ctx);
  registerPoliceUk(program, ctx);
  registerServe(program, ctx);
  registerPublishFacts(program, ctx);
  registerUsers(program, ctx);
  registerTokens(program, ctx);
  registerDigest(program, ctx);
  registerFindings(program, ctx);
  registerSurvey(program, ctx);
  registerSurveyThemes(program, ctx);
  registerVictimsCode(program, ctx);
  for (const c of program.commands) c.exitOverride();
  return program;
}

export interface CommandContext {
  readonly io: CliIO;
  readonly setExit: (code: number) => void;
  readonly dataDir: () => string;
}

/** Thrown by `out` once the reader of standard output has gone (`bluelamp status | head -1`). */
const brokenPipe = () =>
  Object.assign(new Error('EPIPE: standard output was closed'), { code: 'EPIPE' });

export function defaultIO(): CliIO {
  // A closed pipe is reported asynchronously on the stream; remember it and stop the command
  // at its next line of output, so it ends quietly (and releases the lock) instead of crashing.
  let stdoutClosed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stdoutClosed = true;
  });
  return {
    out: (s) => {
      if (stdoutClosed) throw brokenPipe();
      process.stdout.write(`${s}\n`);
    },
    err: (s) => process.stderr.write(`${s}\n`),
    isTTY: Boolean(process.stderr.isTTY),
    readStdin: () => readFileSync(0, 'utf8'),
    now: () => new Date(),
    env: process.env,
  };
}

/** Runs the CLI and returns the exit code: 0 ok, 1 failure, 2 bad input. */
export async function main(argv: readonly string[], io: CliIO = defaultIO()): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return 0;
      return 2;
    }
    const dataDir = dataDirOf(program.opts<GlobalOptions>(), io.env);
    // A fault of the machine or of a given path (full disk, read-only, missing folder) is the
    // user's to fix, reported as such; only what is neither a BluelampError nor a fault is a bug.
    const fault = faultToError(e, { dataDir });
    if (fault?.code === 'BROKEN_PIPE') return fault.exitCode;
    const shown = fault ?? e;
    try {
      return reportError(shown, io, join(dataDir, 'reports'));
    } catch (writing) {
      // The full report could not be written (the same full or read-only disk, say).
      const why = faultToError(writing, { dataDir });
      if (!why) throw writing;
      io.err(`bluelamp: the full report was not written: ${why.message}`);
      return isBluelampError(shown) ? shown.exitCode : 1;
    }
  }
}
