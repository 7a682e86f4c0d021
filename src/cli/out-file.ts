import { existsSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { BluelampError, badInput } from '../lib/errors.ts';

/** The real path of `p`, or of its nearest existing parent joined with the rest. */
function realish(p: string): string {
  const abs = resolve(p);
  if (existsSync(abs)) return realpathSync(abs);
  const parent = dirname(abs);
  return parent === abs ? abs : join(realish(parent), basename(abs));
}

function inside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Where a command may write a file the user named (`export --out`): never inside the data
 * directory (the store, its lock, its reports: writing there would destroy or jam them, however
 * the path is spelt, through links included), never over an existing file unless `force`, never
 * onto a folder, and only into a folder that exists. Returns the resolved path.
 */
export function checkOutPath(out: string, dataDir: string, force: boolean): string {
  const path = resolve(out);
  if (inside(realish(path), realish(dataDir)))
    throw badInput(
      `--out ${out} is inside the data directory (${dataDir}); writing there could overwrite the store, its lock or its reports.`,
      'Write the file somewhere outside the data directory.',
    );
  const folder = dirname(path);
  if (!existsSync(folder))
    throw new BluelampError(
      'PATH_NOT_FOUND',
      `--out ${out}: the folder ${folder} does not exist.`,
      {
        hint: 'Create the folder first, or give a path in an existing folder.',
      },
    );
  if (!statSync(folder).isDirectory())
    throw new BluelampError('NOT_A_DIRECTORY', `--out ${out}: ${folder} is not a folder.`, {
      hint: 'Give a path in an existing folder.',
    });
  if (existsSync(path)) {
    if (statSync(path).isDirectory())
      throw new BluelampError('IS_A_DIRECTORY', `--out ${out} is a folder, not a file.`, {
        hint: 'Give a file name, e.g. --out crimes.csv.',
      });
    if (!force)
      throw badInput(
        `--out ${out} already exists; it was left as it is.`,
        'Give a new file name, or add --force to replace the file.',
      );
  }
  return path;
}

/**
 * Writes a file all or nothing: `write` fills a temporary file beside it, which is renamed over
 * the target only once complete, so a failed or interrupted write leaves no half-written file.
 */
export async function writeAtomically<T>(
  path: string,
  write: (temporary: string) => Promise<T>,
): Promise<T> {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`,
  );
  try {
    const result = await write(temporary);
    renameSync(temporary, path);
    return result;
  } finally {
    rmSync(temporary, { force: true });
  }
}
