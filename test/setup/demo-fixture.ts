import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A small synthetic demo force (scale 0.02), built once per test run; copy it, never write it. */
    smallDemoDir: string;
  }
}

/**
 * Builds one small demo data directory for the whole run through the real CLI (as a user
 * would), so tests of the web app and the API start from the same data without each paying
 * for it. Tests copy it (`test/helpers/web.ts`) and never write to it.
 */
export function setup(project: TestProject): () => void {
  const root = mkdtempSync(join(tmpdir(), 'bluelamp-demo-fixture-'));
  const dir = join(root, 'data');
  const r = spawnSync(
    process.execPath,
    ['bin/bluelamp.js', '--data-dir', dir, 'demo', '--scale', '0.02'],
    { encoding: 'utf8', env: { ...process.env, TZ: 'Europe/London', BLUELAMP_LOG: '' } },
  );
  if (r.status !== 0) throw new Error(`the demo fixture failed: ${r.stderr}`);
  project.provide('smallDemoDir', dir);
  return () => rmSync(root, { recursive: true, force: true });
}
