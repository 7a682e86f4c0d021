/**
 * What the demo force costs as it grows: for each scale, in separate processes so each figure's
 * peak memory is its own — generating the files, importing them as `bluelamp demo` does (the
 * monthly aggregates defined first, so each import maintains them), and the gold scorecard in a
 * fresh process (its first run, which opens the store cold, then the median of later uncached
 * runs, then one run scanning the facts without aggregates; then every aggregate's query over its
 * whole span, what an import that touches every table adds to rebuild them). Prints the size of
 * facts.duckdb and of the generated files, import time and rate, and peak resident memory
 * (maxRSS) of each step.
 * Usage: node --import tsx bench/scorecard/scale.ts [--scales 1,10,30] [--json] [--keep]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const PERIOD = '2021/22-Q1';
const SEED = 20210630;
const root = join(process.cwd(), 'bench', '.data', 'scorecard-scale');

const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;
const maxRssBytes = () => process.resourceUsage().maxRSS * 1024;
const round = (x: number, d = 3) => Number(x.toFixed(d));

/** One step, run in this process when asked for by the parent; prints its figures as JSON. */
async function step(name: string, dir: string, scale: number): Promise<Record<string, number>> {
  const filesDir = join(dir, 'files');
  if (name === 'generate') {
    const { generateDemo } = await import('../../src/demo/generate.ts');
    const t = process.hrtime.bigint();
    const summary = await generateDemo({ seed: SEED, scale, outDir: filesDir });
    const generateS = since(t);
    writeFileSync(join(dir, 'files.json'), JSON.stringify(summary.files));
    const bytes = readdirSync(filesDir).reduce((n, f) => n + statSync(join(filesDir, f)).size, 0);
    const crimes = summary.tables.crimes.rows;
    return {
      generateS,
      filesBytes: bytes,
      crimes,
      months: summary.months,
      maxRssBytes: maxRssBytes(),
    };
  }
  const { FACTS_FILE, openFactsStore } = await import('../../src/facts/store.ts');
  if (name === 'import') {
    const { importTable } = await import('../../src/facts/import/import-table.ts');
    const { dependencyOrder } = await import('../../src/facts/dependency-order.ts');
    const { prepareAggregates } = await import('../../src/measures/aggregates.ts');
    const files = JSON.parse(readFileSync(join(dir, 'files.json'), 'utf8')) as Record<
      string,
      string[]
    >;
    const store = await openFactsStore(join(dir, 'data'));
    const t = process.hrtime.bigint();
    await prepareAggregates(store);
    let rows = 0;
    for (const table of dependencyOrder()) {
      const f = files[table];
      if (!f || f.length === 0) continue;
      rows += (await importTable(store, table, f, { batchId: `demo:${table}` })).rows;
    }
    const importS = since(t);
    store.close();
    const factsBytes = statSync(join(dir, 'data', FACTS_FILE)).size;
    return { rows, importS, rowsPerS: rows / importS, factsBytes, maxRssBytes: maxRssBytes() };
  }
  const { evaluateScorecard } = await import('../../src/measures/engine.ts');
  const t0 = process.hrtime.bigint();
  const store = await openFactsStore(join(dir, 'data'));
  await evaluateScorecard(store, { period: PERIOD, cache: false });
  const firstS = since(t0);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint();
    await evaluateScorecard(store, { period: PERIOD, cache: false });
    times.push(since(t));
  }
  const servingRssBytes = maxRssBytes();
  const t = process.hrtime.bigint();
  await evaluateScorecard(store, { period: PERIOD, cache: false, aggregates: false });
  const noAggregatesS = since(t);
  // What an import that touches every table adds to rebuild them: each definition over its span.
  const r = process.hrtime.bigint();
  for (const d of await store.all<{
    build_sql: string;
    params: string;
    span_from: string;
    span_to: string;
  }>('SELECT build_sql, params, span_from, span_to FROM _aggregates')) {
    const params = Object.fromEntries(
      Object.entries(JSON.parse(d.params) as Record<string, unknown>).map(([k, v]) => [
        k,
        v === '@span_from' ? `${d.span_from}-01` : v === '@span_to' ? `${d.span_to}-01` : v,
      ]),
    );
    await store.connection.run(d.build_sql, params as never);
  }
  const aggregatesBuildS = since(r);
  store.close();
  return {
    firstS,
    coldS: [...times].sort((a, b) => a - b)[1] as number,
    noAggregatesS,
    aggregatesBuildS,
    servingRssBytes,
    maxRssBytes: maxRssBytes(),
  };
}

const child = process.argv.indexOf('--step');
if (child > 0) {
  const figures = await step(
    process.argv[child + 1] as string,
    arg('dir') as string,
    Number(arg('scale')),
  );
  console.log(JSON.stringify(figures));
} else {
  const scales = (arg('scales') ?? '1,10,30').split(',').map(Number);
  const self = fileURLToPath(import.meta.url);
  const run = (name: string, dir: string, scale: number) => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', self, '--step', name, '--dir', dir, '--scale', String(scale)],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
    );
    return JSON.parse(out.trim().split('\n').at(-1) as string) as Record<string, number>;
  };
  const result: Record<string, unknown> = {};
  rmSync(root, { recursive: true, force: true });
  try {
    for (const scale of scales) {
      const dir = join(root, `scale-${scale}`);
      mkdirSync(dir, { recursive: true });
      const load = loadavg()[0] as number;
      const generate = run('generate', dir, scale);
      const imported = run('import', dir, scale);
      const scorecard = run('scorecard', dir, scale);
      if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
      const mb = (b: number | undefined) => `${((b ?? 0) / 1e6).toFixed(0)} MB`;
      console.log(
        `scale ${scale}: ${(generate.crimes ?? 0).toLocaleString('en-GB')} crimes over ${generate.months} months, ${(imported.rows ?? 0).toLocaleString('en-GB')} rows (load average ${load.toFixed(1)})`,
      );
      console.log(
        `  generate ${(generate.generateS ?? 0).toFixed(1)} s (files ${mb(generate.filesBytes)}, peak ${mb(generate.maxRssBytes)}) | import ${(imported.importS ?? 0).toFixed(1)} s, ${Math.round(imported.rowsPerS ?? 0).toLocaleString('en-GB')} rows/s, facts.duckdb ${mb(imported.factsBytes)}, peak ${mb(imported.maxRssBytes)}`,
      );
      console.log(
        `  gold scorecard: first in a fresh process ${(scorecard.firstS ?? 0).toFixed(3)} s, cold ${(scorecard.coldS ?? 0).toFixed(3)} s, without aggregates ${(scorecard.noAggregatesS ?? 0).toFixed(3)} s, peak ${mb(scorecard.maxRssBytes)} | the aggregates' queries over their whole span ${(scorecard.aggregatesBuildS ?? 0).toFixed(1)} s`,
      );
      const r = (o: Record<string, number>) =>
        Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v)]));
      result[String(scale)] = {
        loadAverage: round(load, 2),
        generate: r(generate),
        import: r(imported),
        scorecard: r(scorecard),
      };
    }
  } finally {
    if (!process.argv.includes('--keep')) rmSync(root, { recursive: true, force: true });
  }
  if (process.argv.includes('--json'))
    console.log(JSON.stringify({ scale: result, cpus: cpus().length }));
}
