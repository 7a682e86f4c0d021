import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { ROOT, startChild } from '../helpers/children.ts';
import { tempDir } from '../helpers/files.ts';
import * as stamp from '../../bin/source-stamp.js';
import { LOCK_FILE } from '../../src/lib/lock.ts';

/**
 * The command as installed: `npm run build` (npm's `prepare`) compiles src/ into dist/ and
 * bin/bluelamp.js runs it. Built here into a copy of the package without src/ (bin/, dist/,
 * package.json, node_modules linked), so every run below is the compiled JavaScript, whatever
 * state the working tree's own dist/ is in, and the non-TypeScript files (views, stylesheets,
 * migrations, reference data) must be found beside the compiled modules.
 */
let pkg: string;
let cleanup: () => void;

/** Packages and our own folders `--help` must not load: each is a command's work, not its help. */
const HEAVY = [
  /node_modules\/vega\//,
  /node_modules\/vega-lite\//,
  /node_modules\/playwright-core\//,
  /node_modules\/exceljs\//,
  /node_modules\/fastify\//,
  /node_modules\/@duckdb\//,
  /node_modules\/@electric-sql\/pglite\//,
  /node_modules\/drizzle-orm\//,
  /node_modules\/nunjucks\//,
  /node_modules\/zod\//,
  /\/dist\/report\//,
  /\/dist\/web\//,
  /\/dist\/records\/open\.js$/,
];

/**
 * Each heavy module loaded, as "what ← our compiled modules that led to it, nearest first, up to
 * the command module", so a failure names the import to make lazy.
 */
function heavyImports(edges: readonly [url: string, parent: string][]): string[] {
  const parentOf = new Map<string, string>();
  for (const [url, parent] of edges) if (!parentOf.has(url)) parentOf.set(url, parent);
  const ours = (u: string) => u.includes('/dist/') && !u.includes('/node_modules/');
  const found = new Set<string>();
  for (const [url] of edges) {
    const heavy = HEAVY.find((h) => h.test(url));
    if (!heavy) continue;
    const chain: string[] = [];
    let by = parentOf.get(url) ?? '';
    for (let i = 0; by !== '' && !by.endsWith('/cli/main.js') && i < 100; i++) {
      if (ours(by)) chain.push(by.replace(/^.*\/dist\//, ''));
      by = parentOf.get(by) ?? '';
    }
    found.add([heavy.source.replaceAll('\\', ''), ...chain].join(' ← '));
  }
  return [...found].sort();
}

function run(args: readonly string[], nodeArgs: readonly string[] = []) {
  const r = spawnSync(process.execPath, [...nodeArgs, join(pkg, 'bin', 'bluelamp.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, BLUELAMP_LOG: '' },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  ({ dir: pkg, cleanup } = tempDir('bluelamp-compiled-'));
  const built = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts', 'build.mjs'), '--out-dir', join(pkg, 'dist')],
    { encoding: 'utf8' },
  );
  expect(built.status, built.stdout + built.stderr).toBe(0);
  mkdirSync(join(pkg, 'bin'));
  for (const f of ['bluelamp.js', 'source-stamp.js'])
    copyFileSync(join(ROOT, 'bin', f), join(pkg, 'bin', f));
  copyFileSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
}, 300_000);

afterAll(() => cleanup());

describe('the compiled command', () => {
  it('builds every module and copies the files that are not TypeScript', () => {
    for (const f of [
      'cli/main.js',
      'web/views/layout.njk',
      'web/assets/bluelamp.css',
      'records/migrations/0000_initial.sql',
      'records/migrations/meta/_journal.json',
      'facts/reference/lad-to-pfa.csv',
      'facts/reference/police-reference.json',
      stamp.STAMP_FILE,
    ])
      expect(existsSync(join(pkg, 'dist', f)), f).toBe(true);
    expect(existsSync(join(pkg, 'dist', 'cli', 'main.ts'))).toBe(false);
    expect(existsSync(join(pkg, 'dist', 'cli', 'CONTEXT.md'))).toBe(false);
  });

  it('--help loads commander and our light modules only, none of a command’s work', () => {
    const trace = join(pkg, 'loaded.txt');
    const hooks = join(pkg, 'trace-hooks.mjs');
    writeFileSync(
      hooks,
      `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(trace)}, r.url + '\\t' + (context.parentURL ?? '') + '\\n');
  return r;
}`,
    );
    const register = join(pkg, 'trace.mjs');
    writeFileSync(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`,
    );
    const r = run(['--help'], ['--import', register]);
    expect(r.code, r.err).toBe(0);
    for (const c of ['demo', 'import', 'status', 'scorecard', 'report', 'serve', 'users'])
      expect(r.out).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    const edges = readFileSync(trace, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split('\t') as [string, string]);
    const loaded = edges.map(([url]) => url);
    expect(loaded).toContain(`file://${join(pkg, 'dist', 'cli', 'main.js')}`);
    expect(loaded.filter((u) => u.endsWith('.ts'))).toEqual([]);
    expect(heavyImports(edges)).toEqual([]);
  });

  it('a command’s own help shows its options, those filled in when it is chosen too', () => {
    const r = run(['commentary', 'set', '--help']);
    expect(r.code, r.err).toBe(0);
    // The section ids come from the report's layout, loaded only for the commentary commands.
    expect(r.out).toMatch(/--section <id>\s+a report section: \w+, \w+/);
  });

  it('reports errors with their exit codes', () => {
    const { dir: empty, cleanup: done } = tempDir();
    try {
      const missing = run(['--data-dir', join(empty, 'none'), 'status']);
      expect(missing.code).toBe(2);
      expect(missing.err).toMatch(/bluelamp demo/);
      const unknown = run(['no-such-command']);
      expect(unknown.code).toBe(2);
      expect(unknown.err).toMatch(/unknown command/);
      const bad = run(['--data-dir', empty, 'demo', '--scale', 'x']);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/--scale must be a number/);
    } finally {
      done();
    }
  });

  describe('on a demo data directory', () => {
    let data: string;
    let done: () => void;
    beforeAll(() => {
      ({ dir: data, cleanup: done } = tempDir());
    });
    afterAll(() => done());

    it('demo --scale 0.01 loads the demo force, and status shows it', () => {
      const demo = run(['--data-dir', data, 'demo', '--scale', '0.01']);
      expect(demo.code, demo.err).toBe(0);
      expect(demo.out).toMatch(/^Done: [\d,]+ rows/m);
      expect(demo.out).toMatch(/Recorded \d+ findings/);
      const status = run(['--data-dir', data, 'status', '--json']);
      expect(status.code, status.err).toBe(0);
      const s = JSON.parse(status.out) as { tables: { table: string; rows: number }[] };
      expect(s.tables.find((t) => t.table === 'crimes')?.rows).toBeGreaterThan(0);
    });

    it('serve answers the public site and its own assets, and stops on SIGTERM', async () => {
      const child = startChild(join(pkg, 'bin', 'bluelamp.js'), [
        '--data-dir',
        data,
        'serve',
        '--port',
        '0',
      ]);
      try {
        await child.waitFor('Press Ctrl-C to stop.');
        const url = /Bluelamp is running at (http:\/\/\S+)/.exec(child.stdout())?.[1];
        expect(url).toBeDefined();
        const page = await fetch(`${url}/public`);
        expect(page.status).toBe(200);
        expect(await page.text()).toMatch(/<html lang="en-GB"/);
        const css = await fetch(`${url}/assets/bluelamp.css`);
        expect(css.status).toBe(200);
        expect(await css.text()).toBe(
          readFileSync(join(ROOT, 'src', 'web', 'assets', 'bluelamp.css'), 'utf8'),
        );
      } finally {
        child.process.kill('SIGTERM');
      }
      const exit = await child.exited;
      expect(exit.code, child.stderr()).toBe(0);
      expect(child.stdout()).toContain('Stopping');
    });

    it('a signal while a command works stops it with 128 + the signal', async () => {
      const child = startChild(join(pkg, 'bin', 'bluelamp.js'), [
        '--data-dir',
        data,
        'demo',
        '--scale',
        '0.05',
      ]);
      await child.waitFor('Generating');
      child.process.kill('SIGINT');
      const exit = await child.exited;
      expect(exit.code, child.stderr()).toBe(130);
      expect(child.stderr()).toContain('interrupted by SIGINT');
      expect(existsSync(join(data, LOCK_FILE))).toBe(false);
    });
  });
});

describe('whether dist/ is up to date with src/', () => {
  let dir: string;
  let done: () => void;
  const src = () => join(dir, 'src');
  const dist = () => join(dir, 'dist');
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);
  beforeAll(() => {
    ({ dir, cleanup: done } = tempDir());
  });
  afterAll(() => done());

  it('is up to date only with a stamp no source is newer than', () => {
    mkdirSync(join(src(), 'cli'), { recursive: true });
    mkdirSync(dist());
    writeFileSync(join(src(), 'cli', 'main.ts'), '');
    for (const p of [join(src(), 'cli', 'main.ts'), join(src(), 'cli'), src()]) at(p, 1000);
    expect(stamp.distIsFresh(dist(), src())).toBe(false); // never built
    writeFileSync(join(dist(), stamp.STAMP_FILE), JSON.stringify({ sourceMtimeMs: 1_000_000 }));
    expect(stamp.distIsFresh(dist(), src())).toBe(true);
    at(join(src(), 'cli', 'main.ts'), 1001); // edited
    expect(stamp.distIsFresh(dist(), src())).toBe(false);
    at(join(src(), 'cli', 'main.ts'), 1000);
    writeFileSync(join(src(), 'cli', 'new.ts'), ''); // a file added, with an old time of its own
    at(join(src(), 'cli', 'new.ts'), 900);
    expect(stamp.distIsFresh(dist(), src())).toBe(false);
  });

  it('is current without src/ (a copy that ships only dist/), and never without a stamp', () => {
    const none = join(dir, 'absent-src');
    expect(stamp.distIsFresh(dist(), none)).toBe(true);
    expect(stamp.distIsFresh(join(dir, 'absent-dist'), none)).toBe(false);
    writeFileSync(join(dist(), stamp.STAMP_FILE), '{"half":');
    expect(stamp.distIsFresh(dist(), src())).toBe(false);
  });
});
