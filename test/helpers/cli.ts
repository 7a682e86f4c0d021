import { main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/context.ts';

/** Runs the CLI in-process with captured output and a pinned clock. */
export async function runCli(
  args: string[],
  opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    isTTY: false,
    readStdin: () => opts.stdin ?? '',
    now: () => new Date('2021-07-05T09:00:00Z'),
    env: opts.env ?? {},
  };
  const code = await main(['node', 'bluelamp', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
