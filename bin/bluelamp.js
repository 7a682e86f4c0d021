#!/usr/bin/env node
// The `bluelamp` command. Runs the compiled JavaScript in dist/ (`npm run build`, which npm's
// `prepare` runs on `npm install` and `npm ci`) when it is up to date with src/, so a command
// starts in a fraction of the time; otherwise (src/ edited since the build, a failed or missing
// build, an install without TypeScript) the TypeScript sources through tsx, so the command always
// runs the current source. Up to date = nothing under src/ newer than the build's stamp
// (bin/source-stamp.js). BLUELAMP_FROM_SOURCE=1 always runs the sources.
import { fileURLToPath } from 'node:url';
import { distIsFresh } from './source-stamp.js';

// `bluelamp … 2>&1 | head -1`: a reader that has gone is not worth a stack trace (standard output
// is handled in defaultIO, which also stops the command).
process.stderr.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
});
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const compiled =
  process.env.BLUELAMP_FROM_SOURCE !== '1' && distIsFresh(here('../dist'), here('../src'));
let main;
if (compiled) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
