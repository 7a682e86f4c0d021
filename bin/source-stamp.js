// Whether the compiled JavaScript in dist/ is up to date with src/ (bin/bluelamp.js runs it only
// then). The build (scripts/build.mjs) records in dist/build-stamp.json the newest modification
// time of anything under src/ (files and folders) as it was just before compiling; dist/ is up to
// date while nothing under src/ is newer. Folders count because adding, removing or renaming a
// file changes its folder's time even when the file itself keeps an old one. A walk of a few
// hundred entries costs a few milliseconds, so it is done at every run rather than trusted.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const STAMP_FILE = 'build-stamp.json';

/**
 * The newest modification time (ms) of `dir` and everything under it; with `above`, stops at
 * the first entry newer than that and returns its time (enough to know dist/ is out of date).
 */
export function newestMtime(dir, above = Infinity) {
  let newest = statSync(dir).mtimeMs;
  const pending = [dir];
  while (pending.length > 0) {
    const here = pending.pop();
    for (const entry of readdirSync(here, { withFileTypes: true })) {
      const path = join(here, entry.name);
      const mtime = statSync(path).mtimeMs;
      if (mtime > newest) newest = mtime;
      if (newest > above) return newest;
      if (entry.isDirectory()) pending.push(path);
    }
  }
  return newest;
}

/** The stamp of a build in `outDir`, or null when there is none (never built, or half built). */
export function readStamp(outDir) {
  try {
    const stamp = JSON.parse(readFileSync(join(outDir, STAMP_FILE), 'utf8'));
    return typeof stamp.sourceMtimeMs === 'number' ? stamp : null;
  } catch {
    return null;
  }
}

/**
 * True when `outDir` holds a complete build of `srcDir` that nothing in `srcDir` is newer than.
 * Without `srcDir` (an installed copy that ships only dist/) any complete build is current.
 */
export function distIsFresh(outDir, srcDir) {
  const stamp = readStamp(outDir);
  if (stamp === null) return false;
  let srcExists = true;
  try {
    statSync(srcDir);
  } catch {
    srcExists = false;
  }
  return !srcExists || newestMtime(srcDir, stamp.sourceMtimeMs) <= stamp.sourceMtimeMs;
}
