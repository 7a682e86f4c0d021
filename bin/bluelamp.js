#!/usr/bin/env node
// The `bluelamp` command: runs the TypeScript sources through tsx so `npx bluelamp` works
// straight after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
