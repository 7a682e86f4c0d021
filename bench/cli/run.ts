/**
 * CLI start-up benchmark: how long `bluelamp --help` and `bluelamp status` take from the compiled
 * JavaScript (what `npm install` builds), against `node -e 0` measured in the same run, and the
 * peak memory of `--help`. The runs are interleaved (one of each in turn), so a busy machine
 * slows every command alike and the ratios hold. Also, for comparison, `--help` through tsx
 * (BLUELAMP_FROM_SOURCE=1, as when src/ has changed since the build).
 *
 * Measured on a copy of the package in a temporary folder (src/, bin/, the build script and
 * configuration; node_modules linked), built there: edits to the working tree while it runs do
 * not send some runs back to the sources, and the up-to-date check of src/ is included as at any
 * run. The demo force is generated at scale 0.05 into the same folder for `status`.
 *
 * Usage: npm run bench:cli [-- --runs 15] [--json]   (--json: one JSON object, the last line)
 * Targets: --help within 4x of node -e 0, status within 6x, --help's peak memory under 100 MB.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const RUNS = Number(arg('runs', '15'));
const SOURCE_RUNS = Math.min(RUNS, 5);
const JSON_OUT = process.argv.includes('--json');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TARGETS = { helpRatio: 4, statusRatio: 6, helpPeakMb: 100 };
const TIME = '/usr/bin/time';
const log = (s: string) => {
  if (!JSON_OUT) process.stdout.write(`${s}\n`);
};

/** A copy of the package that builds and runs like an installed one. */
function packageCopy(dir: string): string {
  for (const d of ['src', 'bin']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  mkdirSync(join(dir, 'scripts'));
  for (const f of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'])
    copyFileSync(join(ROOT, f), join(dir, f));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const built = spawnSync(process.execPath, [join(dir, 'scripts', 'build.mjs')], {
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`the build failed:\n${built.stdout}${built.stderr}`);
  return join(dir, 'bin', 'bluelamp.js');
}

interface Run {
  readonly ms: number;
  /** Peak resident memory in MB, when measurable. */
  readonly peakMb: number | null;
}

/** A wrapper that reports the process's own peak memory when /usr/bin/time is not there. */
const MAX_RSS =
  'data:text/javascript,' +
  encodeURIComponent(
    "process.on('exit',()=>process.stderr.write(`\\nbench-max-rss-kb ${process.resourceUsage().maxRSS}\\n`));",
  );

function once(args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const viaTime = existsSync(TIME);
  const [cmd, full] = viaTime
    ? [TIME, ['-v', process.execPath, ...args]]
    : [process.execPath, ['--import', MAX_RSS, ...args]];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, full, { encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0)
    throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-600)}`);
  const kb = viaTime
    ? /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]
    : /bench-max-rss-kb (\d+)/.exec(r.stderr)?.[1];
  return { ms, peakMb: kb === undefined ? null : Number(kb) / 1024 };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function summary(runs: readonly Run[]) {
  const peaks = runs.map((r) => r.peakMb).filter((m): m is number => m !== null);
  return {
    runs: runs.length,
    medianMs: median(runs.map((r) => r.ms)),
    minMs: Math.min(...runs.map((r) => r.ms)),
    peakMb: peaks.length ? median(peaks) : null,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bluelamp-bench-cli-'));
  try {
    log('Building a copy of the package …');
    const bin = packageCopy(dir);
    const data = join(dir, 'data');
    log('Generating the demo force at scale 0.05 …');
    once([bin, '--data-dir', data, 'demo', '--scale', '0.05']);
    const commands = {
      'node -e 0': ['-e', '0'],
      'bluelamp --help': [bin, '--help'],
      'bluelamp status': [bin, '--data-dir', data, 'status'],
    } as const;
    type Name = keyof typeof commands;
    const names = Object.keys(commands) as Name[];
    for (const n of names) once(commands[n]); // warm the file cache
    const runs = Object.fromEntries(names.map((n) => [n, [] as Run[]])) as Record<Name, Run[]>;
    log(`${RUNS} runs of each, interleaved …`);
    for (let i = 0; i < RUNS; i++) for (const n of names) runs[n].push(once(commands[n]));
    const source: Run[] = [];
    for (let i = 0; i < SOURCE_RUNS; i++)
      source.push(once([bin, '--help'], { BLUELAMP_FROM_SOURCE: '1' }));

    const base = summary(runs['node -e 0']);
    const help = summary(runs['bluelamp --help']);
    const status = summary(runs['bluelamp status']);
    const fromSource = summary(source);
    const helpRatio = help.medianMs / base.medianMs;
    const statusRatio = status.medianMs / base.medianMs;
    const met = {
      helpRatio: helpRatio <= TARGETS.helpRatio,
      statusRatio: statusRatio <= TARGETS.statusRatio,
      helpPeakMb: help.peakMb !== null && help.peakMb < TARGETS.helpPeakMb,
    };
    const result = {
      runs: RUNS,
      memory: existsSync(TIME) ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS',
      baseline: base,
      help,
      status,
      helpFromSource: fromSource,
      ratios: {
        help: helpRatio,
        status: statusRatio,
        helpFromSource: fromSource.medianMs / base.medianMs,
      },
      targets: TARGETS,
      met,
    };
    const mb = (m: number | null) => (m === null ? 'n/a' : `${m.toFixed(0)} MB`);
    const row = (name: string, s: ReturnType<typeof summary>, note = '') =>
      log(
        `  ${name.padEnd(30)} median ${s.medianMs.toFixed(0).padStart(5)} ms  (min ${s.minMs.toFixed(0)})  peak ${mb(s.peakMb)}${note}`,
      );
    log('');
    row('node -e 0 (baseline)', base);
    row('bluelamp --help', help, `  = ${helpRatio.toFixed(1)}x the baseline`);
    row('bluelamp status', status, `  = ${statusRatio.toFixed(1)}x the baseline`);
    row(
      'bluelamp --help through tsx',
      fromSource,
      `  = ${result.ratios.helpFromSource.toFixed(1)}x (src/ changed since the build)`,
    );
    log('');
    const word = (ok: boolean) => (ok ? 'met' : 'NOT met');
    log(`Targets: --help within ${TARGETS.helpRatio}x of node -e 0 — ${word(met.helpRatio)}`);
    log(`         status within ${TARGETS.statusRatio}x — ${word(met.statusRatio)}`);
    log(`         --help peak memory under ${TARGETS.helpPeakMb} MB — ${word(met.helpPeakMb)}`);
    if (JSON_OUT) process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
