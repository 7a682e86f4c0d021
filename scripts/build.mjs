// Compiles src/ to JavaScript in dist/ for bin/bluelamp.js (npm's `prepare` runs it on
// `npm install` and `npm ci`; by hand: `npm run build`). TypeScript only strips types and
// rewrites the `.ts` of relative imports (tsconfig.build.json, no type check: `npm run typecheck`
// does that), then every other file of src/ (views, stylesheets, scripts for the browser,
// migrations, reference data) is copied beside the modules, so the paths src/ finds them by
// (relative to import.meta.url) hold in dist/ too. Built in a folder beside the target and moved
// into place only when complete, with the stamp that says which sources it was built from
// (bin/source-stamp.js). Without TypeScript (an install that left out the dev dependencies) it
// builds nothing and says so: the command then runs the sources through tsx.
//
//   node scripts/build.mjs [--out-dir DIR]     (default: dist)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime, STAMP_FILE } from '../bin/source-stamp.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const at = process.argv.indexOf('--out-dir');
const outDir = resolve(at === -1 ? join(root, 'dist') : (process.argv[at + 1] ?? ''));

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  console.log('bluelamp build: TypeScript is not installed, so nothing was compiled;');
  console.log('bluelamp build: `bluelamp` runs the TypeScript sources through tsx instead.');
  process.exit(0);
}

const t0 = Date.now();
// Taken before compiling: a source saved while the build runs is newer, so dist/ is out of date.
const sourceMtimeMs = newestMtime(src);
const building = join(dirname(outDir), `${basename(outDir)}.building-${process.pid}`);
const previous = join(dirname(outDir), `${basename(outDir)}.previous-${process.pid}`);
rmSync(building, { recursive: true, force: true });
const compiled = spawnSync(
  process.execPath,
  [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', building],
  { stdio: 'inherit' },
);
if (compiled.status !== 0) {
  rmSync(building, { recursive: true, force: true });
  console.error('bluelamp build: TypeScript failed (above); dist/ is unchanged.');
  process.exit(compiled.status ?? 1);
}
cpSync(src, building, {
  recursive: true,
  filter: (path) => statSync(path).isDirectory() || !/\.(ts|md)$/.test(path),
});
writeFileSync(
  join(building, STAMP_FILE),
  `${JSON.stringify({ sourceMtimeMs, builtAt: new Date().toISOString() })}\n`,
);
// Swapped in by two renames, so a command starting meanwhile finds one build or the other.
if (existsSync(outDir)) renameSync(outDir, previous);
renameSync(building, outDir);
rmSync(previous, { recursive: true, force: true });
console.log(
  `bluelamp build: src/ compiled to ${outDir} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);
