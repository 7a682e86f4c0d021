import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, for running `bin/bluelamp.js` and TypeScript helpers in child processes. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Child {
  readonly process: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout (or stderr) holds `text`; rejects if the child exits first. */
  waitFor(text: string, stream?: 'stdout' | 'stderr'): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node [--import tsx] script args…` with output captured. */
export function startChild(
  script: string,
  args: readonly string[],
  opts: { env?: NodeJS.ProcessEnv; tsx?: boolean } = {},
): Child {
  const nodeArgs = opts.tsx ? ['--import', 'tsx', script, ...args] : [script, ...args];
  const child = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const text = { stdout: '', stderr: '' };
  const waiters: { text: string; stream: 'stdout' | 'stderr'; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters])
      if (text[w.stream].includes(w.text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  child.stdout.on('data', (d: Buffer) => {
    text.stdout += d.toString();
    check();
  });
  child.stderr.on('data', (d: Buffer) => {
    text.stderr += d.toString();
    check();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    stdout: () => text.stdout,
    stderr: () => text.stderr,
    exited,
    waitFor(wanted, stream = 'stdout') {
      return new Promise<void>((resolve, reject) => {
        waiters.push({ text: wanted, stream, resolve });
        check();
        void exited.then(() => {
          if (!text[stream].includes(wanted))
            reject(
              new Error(
                `child exited before writing "${wanted}"; stdout: ${text.stdout.slice(-500)} stderr: ${text.stderr.slice(-500)}`,
              ),
            );
        });
      });
    },
  };
}
