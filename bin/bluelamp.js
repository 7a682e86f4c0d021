#!/usr/bin/env node
// The `bluelamp` command: runs the TypeScript sources through tsx so `npx bluelamp` works
// straight after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
// `bluelamp … 2>&1 | head -1`: a reader that has gone is not worth a stack trace (standard output
// is handled in defaultIO, which also stops the command).
process.stderr.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
