import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './children.ts';

/** The demo sign-ins `serve --demo` makes on a demo force with no users yet. */
export const DEMO_PASSWORD = 'demo-only-password';
export type DemoAccount = 'admin' | 'analyst' | 'lead' | 'oversight' | 'panel' | 'area-analyst';
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  'admin',
  'analyst',
  'lead',
  'oversight',
  'panel',
  'area-analyst',
];
export const demoEmail = (who: DemoAccount) => `${who}@demo.bluelamp.test`;

export interface DemoServer {
  /** e.g. http://127.0.0.1:40123, no trailing slash. */
  readonly url: string;
  readonly dataDir: string;
  /** The one LPA the area analyst may see (from serve's list of demo sign-ins). */
  readonly scopedLpa: string;
  readonly child: ChildProcess;
  /** What the server has written to standard output and standard error so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * If the test process dies before afterAll, its server must not live on: the child is given a
 * pipe on standard input, which closes when this process goes however it goes, and a tiny
 * preloaded module stops the server (SIGTERM to itself, so it shuts down cleanly) when it does.
 */
const STOP_WHEN_PARENT_GOES =
  'data:text/javascript,' +
  encodeURIComponent(
    "process.stdin.on('end',()=>process.kill(process.pid,'SIGTERM'));process.stdin.on('error',()=>{});process.stdin.resume();process.stdin.unref?.();",
  );

/**
 * Starts `bluelamp serve --demo --port 0` as a real server on 127.0.0.1, on a copy of the demo
 * data directory `sourceDir` (never written), and waits for the address it prints.
 */
export async function startDemoServer(sourceDir: string): Promise<DemoServer> {
  const root = mkdtempSync(join(tmpdir(), 'bluelamp-browser-'));
  const dataDir = join(root, 'data');
  cpSync(sourceDir, dataDir, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      '--import',
      STOP_WHEN_PARENT_GOES,
      'bin/bluelamp.js',
      '--data-dir',
      dataDir,
      'serve',
      '--demo',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, TZ: 'Europe/London', BLUELAMP_LOG: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const cleanUp = () => {
    process.removeListener('exit', killOnExit);
    rmSync(root, { recursive: true, force: true });
  };
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 120_000);
    const check = () => {
      if (!out.includes('Press Ctrl-C to stop.')) return;
      clearTimeout(timer);
      resolve(true);
    };
    child.stdout.on('data', check);
    void exited.then(() => resolve(out.includes('Press Ctrl-C to stop.')));
  });
  if (!ready) {
    child.kill('SIGKILL');
    cleanUp();
    throw new Error(
      `bluelamp serve did not start; stdout: ${out.slice(-800)} stderr: ${err.slice(-800)}`,
    );
  }
  const url = /Bluelamp is running at (http:\/\/\S+)/.exec(out)?.[1]?.replace(/\/$/, '');
  if (!url) throw new Error(`serve printed no address: ${out}`);
  const scopedLpa = /area-analyst@\S+\s+analyst \((.+) only\)/.exec(out)?.[1] ?? '';
  return {
    url,
    dataDir,
    scopedLpa,
    child,
    output: () => out + err,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      cleanUp();
    },
  };
}
