import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { acquireLock, LOCK_FILE } from '../../src/lib/lock.ts';
import { BluelampError } from '../../src/lib/errors.ts';
import { tempDir } from '../helpers/files.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const now = () => new Date('2021-07-01T09:00:00Z');

describe('data-directory lock', () => {
  it('a second holder gets a clear error naming the first, until it releases', () => {
    const first = acquireLock(dir, 'import crimes', now);
    let err: unknown;
    try {
      acquireLock(dir, 'demo', now);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BluelampError);
    expect((err as BluelampError).code).toBe('DATA_DIR_LOCKED');
    expect((err as BluelampError).message).toBe(
      `The data directory is in use by process ${process.pid} on ${hostname()} running "import crimes" since 2021-07-01T09:00:00.000Z.`,
    );
    first.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    acquireLock(dir, 'demo', now).release();
  });

  it('a lock left by a process that has died is taken over', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: dead, host: hostname(), command: 'demo', since: 'earlier' }),
    );
    const lock = acquireLock(dir, 'status', now);
    lock.release();
  });

  it('a lock held by another host is never taken over', () => {
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: 1, host: 'elsewhere', command: 'serve', since: 'earlier' }),
    );
    expect(() => acquireLock(dir, 'status', now)).toThrow(/process 1 on elsewhere running "serve"/);
  });
});
