import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layering rule in eslint.config.js, checked three ways: a fixture with a deliberate bad
// import fails the lint; relative imports at any depth are caught; and for every folder of the
// table in docs/architecture.md, each import the table allows passes and each other one fails.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'test', 'lint', 'fixtures');
const RULE = 'no-restricted-imports';

let repo: ESLint;
beforeAll(() => {
  repo = new ESLint({ cwd: ROOT });
});

/** Layering messages for `code` linted as if it were the file `filePath` in this repository. */
async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await repo.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('the layering lint rule', () => {
  it('fails on the deliberate bad import in the fixture, and passes its allowed imports', async () => {
    // The fixture folder mirrors src/, so the repository's config applies as it would there.
    const eslint = new ESLint({
      cwd: FIXTURES,
      overrideConfigFile: join(ROOT, 'eslint.config.js'),
    });
    const results = await eslint.lintFiles(['src']);
    const byFile = new Map(results.map((r) => [r.filePath.slice(FIXTURES.length + 1), r]));

    const bad = byFile.get(join('src', 'lib', 'imports-report.ts'));
    expect(bad?.messages).toEqual([
      expect.objectContaining({
        ruleId: RULE,
        severity: 2,
        line: 2,
        message: expect.stringContaining('src/lib may not import src/report'),
      }),
    ]);
    const good = byFile.get(join('src', 'report', 'imports-lib.ts'));
    expect(good?.messages).toEqual([]);
    expect(results.reduce((n, r) => n + r.errorCount, 0)).toBe(1);
  });

  it('is not applied to the fixture by the normal lint run (it lives outside src/)', async () => {
    const [result] = await repo.lintFiles([join(FIXTURES, 'src', 'lib', 'imports-report.ts')]);
    expect(result?.messages).toEqual([]);
  });

  it('catches relative specifiers at any depth, type-only imports and re-exports', async () => {
    expect(await layeringErrors('src/report/x.ts', "import '../measures/engine.ts';\n")).toEqual([
      expect.stringContaining('src/report may import only some modules of src/measures'),
    ]);
    expect(
      await layeringErrors('src/report/charts/x.ts', "import '../../facts/store.ts';\n"),
    ).toEqual([expect.stringContaining('src/report may not import src/facts')]);
    expect(
      await layeringErrors(
        'src/stats/x.ts',
        "import type { Period } from '../measures/period.ts';\nexport type { Period };\n",
      ),
    ).toHaveLength(1);
    expect(
      await layeringErrors('src/facts/x.ts', "export * from '../measures/result.ts';\n"),
    ).toHaveLength(1);
    expect(await layeringErrors('src/demo/x.ts', "import '../facts/sql.ts';\n")).toHaveLength(1);
    expect(
      await layeringErrors('src/demo/x.ts', "import '../facts/import/fast-path.ts';\n"),
    ).toHaveLength(1);
  });

  it('leaves imports within a folder and of packages alone', async () => {
    const code = [
      "import '../import/import-table.ts';",
      "import '../../lib/errors.ts';",
      "import './views.ts';",
      "import 'node:fs';",
      "import 'zod';",
      '',
    ].join('\n');
    expect(await layeringErrors('src/facts/police-uk/x.ts', code)).toEqual([]);
  });
});

// ---- The table in docs/architecture.md, read as data -------------------------------------

interface Allowance {
  /** Folders that may be imported as a whole. */
  readonly whole: Set<string>;
  /** Folder → the only modules of it that may be imported ("sub/*" = anything under sub/). */
  readonly some: Map<string, string[]>;
}

function readTable(): Map<string, Allowance> {
  const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
  const rows = doc.split('\n').filter((l) => /^\| `src\/[a-z-]+\/` \|/.test(l));
  const table = new Map<string, Allowance>();
  const folders = rows.map((r) => /^\| `src\/([a-z-]+)\/`/.exec(r)![1]!);
  for (const [i, row] of rows.entries()) {
    const cell = row.split('|').at(-2)!.trim();
    const from = folders[i]!;
    const whole = new Set<string>();
    const some = new Map<string, string[]>();
    if (cell.startsWith('everything')) for (const f of folders) whole.add(f);
    for (const [, spec] of cell.matchAll(/`src\/([^`]+)`/g)) {
      const [folder, ...rest] = spec!.split('/');
      if (rest.length === 0) whole.add(folder!);
      else some.set(folder!, [...(some.get(folder!) ?? []), rest.join('/')]);
    }
    whole.delete(from);
    table.set(from, { whole, some });
  }
  return table;
}

describe('the layering rule agrees with the table in docs/architecture.md', () => {
  const table = readTable();
  const folders = [...table.keys()];

  it('reads every folder of the design from the table', () => {
    expect(folders.sort()).toEqual(
      [
        'app',
        'cli',
        'demo',
        'facts',
        'lib',
        'measures',
        'present',
        'records',
        'report',
        'stats',
        'voice',
        'victims',
        'themes',
        'web',
      ].sort(),
    );
    expect(table.get('lib')!.whole.size + table.get('lib')!.some.size).toBe(0);
  });

  for (const from of folders) {
    it(`src/${from}`, async () => {
      const { whole, some } = table.get(from)!;
      const wrong: string[] = [];
      const check = async (target: string, allowed: boolean) => {
        const errors = await layeringErrors(`src/${from}/probe.ts`, `import '../${target}';\n`);
        if (allowed !== (errors.length === 0)) {
          wrong.push(`${allowed ? 'refused' : 'allowed'} ../${target}`);
        }
      };
      for (const to of folders) {
        if (to === from) continue;
        const modules = some.get(to);
        await check(`${to}/unlisted-probe.ts`, whole.has(to));
        for (const m of modules ?? []) await check(`${to}/${m.replace(/\*$/, 'probe.ts')}`, true);
      }
      expect(wrong).toEqual([]);
    });
  }
});
